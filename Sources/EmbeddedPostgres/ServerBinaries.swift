import Foundation

/// Where the PostgreSQL server programs (`initdb`, `pg_ctl`, `postgres`, `psql`) are.
///
/// Search order (`locate()`):
/// 1. `$KINERJA_PG_BINDIR`, when set (it must then hold `initdb` and `pg_ctl`);
/// 2. `/usr/lib/postgresql/<major>/bin` when the caller prefers the version of an existing cluster;
/// 3. `pg_config --bindir`, when that folder holds `initdb` and `pg_ctl` (on Debian `pg_config`
///    comes with `libpq-dev` and may name a server version that is not installed);
/// 4. the highest version under `/usr/lib/postgresql/*/bin` (Debian and Ubuntu packages);
/// 5. `initdb` and `pg_ctl` on `PATH` (symlinks are followed to find the real folder).
public struct ServerBinaries: Sendable, Equatable, CustomStringConvertible {
    /// The folder holding `initdb` and `pg_ctl`.
    public let directory: String
    /// The major version reported by `pg_ctl --version` ("15", "16", or "9.6" for old servers).
    public let majorVersion: String
    /// `psql`: next to `initdb` when there is one, else from `PATH`; nil when there is none.
    public let psql: String?

    /// `initdb` in `directory`.
    public var initdb: String { directory + "/initdb" }
    /// `pg_ctl` in `directory`.
    public var pgCtl: String { directory + "/pg_ctl" }

    /// "PostgreSQL 15 in /usr/lib/postgresql/15/bin".
    public var description: String { "PostgreSQL \(majorVersion) in \(directory)" }

    /// Finds the server programs of this machine (see the type's documentation for the order).
    /// - Parameter preferringMajorVersion: when `/usr/lib/postgresql/<that>/bin` has the programs,
    ///   take them first (an existing cluster must be run by the version that made it).
    public static func locate(preferringMajorVersion: String? = nil) throws -> ServerBinaries {
        try locate(
            preferringMajorVersion: preferringMajorVersion,
            environment: ProcessInfo.processInfo.environment,
            packageRoot: "/usr/lib/postgresql"
        )
    }

    /// `locate()` with the environment and the Debian package folder given, for tests.
    static func locate(preferringMajorVersion: String?, environment: [String: String], packageRoot: String) throws -> ServerBinaries {
        var searched: [String] = []
        let path = environment["PATH"]

        func accept(_ directory: String) throws -> ServerBinaries? {
            guard hasServerPrograms(directory) else { return nil }
            return try ServerBinaries(directory: directory, path: path)
        }

        if let explicit = environment["KINERJA_PG_BINDIR"], !explicit.isEmpty {
            if let found = try accept(explicit) { return found }
            throw EmbeddedPostgresError(.binariesNotFound, "KINERJA_PG_BINDIR=\(explicit) does not hold initdb and pg_ctl")
        }

        if let preferred = preferringMajorVersion, let found = try accept("\(packageRoot)/\(preferred)/bin") {
            return found
        }

        if let pgConfig = ProcessRunner.findOnPath("pg_config", path: path) {
            let result = try? ProcessRunner.run(pgConfig, ["--bindir"], environment: ["PATH": path ?? "/usr/bin:/bin", "LC_ALL": "C"])
            let directory = result?.stdout.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            searched.append("`\(pgConfig) --bindir`" + (directory.isEmpty ? "" : " (\(directory))"))
            if !directory.isEmpty, let found = try accept(directory) { return found }
        } else {
            searched.append("pg_config on PATH (none)")
        }

        let versions = (try? FileManager.default.contentsOfDirectory(atPath: packageRoot)) ?? []
        searched.append("\(packageRoot)/*/bin")
        for version in versions.sorted(by: { versionKey($0).lexicographicallyPrecedes(versionKey($1)) }).reversed() {
            if let found = try accept("\(packageRoot)/\(version)/bin") { return found }
        }

        searched.append("PATH (\(path ?? "unset"))")
        if let initdb = ProcessRunner.findOnPath("initdb", path: path) {
            let real = URL(fileURLWithPath: initdb).resolvingSymlinksInPath().deletingLastPathComponent().path
            if let found = try accept(real) { return found }
            if let found = try accept(URL(fileURLWithPath: initdb).deletingLastPathComponent().path) { return found }
        }

        throw EmbeddedPostgresError(
            .binariesNotFound,
            "no PostgreSQL server programs (initdb and pg_ctl) found; searched: \(searched.joined(separator: ", ")). "
                + "Install them with `apt-get install postgresql` (Debian/Ubuntu), or set KINERJA_PG_BINDIR to their folder, "
                + "or set DATABASE_URL to use an existing server instead of the embedded one"
        )
    }

    /// Reads the version with `pg_ctl --version` and finds `psql`.
    init(directory: String, path: String?) throws {
        self.directory = directory
        let result = try ProcessRunner.run(directory + "/pg_ctl", ["--version"], environment: ["LC_ALL": "C"])
        guard result.succeeded, let version = Self.majorVersion(fromVersionOutput: result.stdout) else {
            throw EmbeddedPostgresError.commandFailed("could not read the PostgreSQL version of \(directory)/pg_ctl", result, kind: .binariesNotFound)
        }
        majorVersion = version
        if ProcessRunner.isExecutableFile(directory + "/psql") {
            psql = directory + "/psql"
        } else {
            psql = ProcessRunner.findOnPath("psql", path: path)
        }
    }

    /// "pg_ctl (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)" → "15"; "… 9.6.24" → "9.6";
    /// "16beta1" → "16".
    static func majorVersion(fromVersionOutput output: String) -> String? {
        guard let marker = output.range(of: "(PostgreSQL) ") else { return nil }
        let version = output[marker.upperBound...].prefix { !$0.isWhitespace }
        let parts = version.split(separator: ".").map { String($0.prefix { $0.isNumber }) }
        guard let first = parts.first, let major = Int(first) else { return nil }
        if major < 10, parts.count > 1 { return "\(major).\(parts[1])" }
        return String(major)
    }

    /// True when `directory` holds executable `initdb` and `pg_ctl`.
    static func hasServerPrograms(_ directory: String) -> Bool {
        ProcessRunner.isExecutableFile(directory + "/initdb") && ProcessRunner.isExecutableFile(directory + "/pg_ctl")
    }

    /// "9.6" → [9, 6]; "15" → [15]; names that are not versions sort first.
    private static func versionKey(_ name: String) -> [Int] {
        name.split(separator: ".").map { Int($0) ?? -1 }
    }
}
