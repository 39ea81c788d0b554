import Foundation
import Glibc

/// The OS account that runs `initdb`, `pg_ctl` and so the server, and how to run a program as it.
///
/// PostgreSQL refuses to run as root. When we are not root the server simply runs as us. When we
/// are root it runs as an unprivileged account:
/// - the owner of an existing cluster's data folder, when that is not root (so a cluster keeps
///   working even if a `postgres` account appears later);
/// - else `postgres`, when that account exists (the Debian package makes it);
/// - else `kinerja-pg`, a system account made on first use with
///   `useradd --system --no-create-home --user-group --shell /usr/sbin/nologin kinerja-pg`.
///
/// Programs are run as that account through `runuser -u ACCOUNT -- …`, else
/// `setpriv --reuid … --regid … --init-groups -- …`, else `su -s /bin/sh -c '…' ACCOUNT`.
struct UnprivilegedUser: Sendable, Equatable {
    /// The account name.
    let name: String
    /// Its user id.
    let uid: uid_t
    /// Its primary group id.
    let gid: gid_t
    /// True when we are that account already (not root): programs run directly.
    let isCurrentUser: Bool
    /// How to switch to the account (nil when `isCurrentUser`).
    let switcher: Switcher?

    /// A way to run a program as another account.
    enum Switcher: Sendable, Equatable {
        case runuser(String)
        case setpriv(String)
        case su(String)
    }

    /// The account created when root finds no `postgres` account.
    static let fallbackAccountName = "kinerja-pg"

    /// True when this process runs as root.
    static var isRoot: Bool { geteuid() == 0 }

    /// The account to run the server as (see the type's documentation).
    /// - Parameter existingDataOwner: the owner of the cluster's data folder, when there is one.
    static func resolve(existingDataOwner: uid_t?, environment: [String: String]) throws -> UnprivilegedUser {
        guard isRoot else {
            let uid = geteuid()
            let entry = entry(uid: uid)
            return UnprivilegedUser(name: entry?.name ?? "uid \(uid)", uid: uid, gid: entry?.gid ?? getegid(), isCurrentUser: true, switcher: nil)
        }
        let switcher = try findSwitcher(path: environment["PATH"])
        if let owner = existingDataOwner, owner != 0, let entry = entry(uid: owner) {
            return UnprivilegedUser(name: entry.name, uid: owner, gid: entry.gid, isCurrentUser: false, switcher: switcher)
        }
        for name in ["postgres", fallbackAccountName] {
            if let entry = entry(named: name) {
                return UnprivilegedUser(name: name, uid: entry.uid, gid: entry.gid, isCurrentUser: false, switcher: switcher)
            }
        }
        try createFallbackAccount(path: environment["PATH"], environment: environment)
        guard let entry = entry(named: fallbackAccountName) else {
            throw EmbeddedPostgresError(.serverAccount, "useradd reported success but account \(fallbackAccountName) does not exist")
        }
        return UnprivilegedUser(name: fallbackAccountName, uid: entry.uid, gid: entry.gid, isCurrentUser: false, switcher: switcher)
    }

    /// The executable and arguments that run `executable arguments…` as this account.
    func command(_ executable: String, _ arguments: [String]) -> (String, [String]) {
        switch switcher {
        case nil:
            return (executable, arguments)
        case .runuser(let runuser):
            return (runuser, ["-u", name, "--", executable] + arguments)
        case .setpriv(let setpriv):
            return (setpriv, ["--reuid=\(uid)", "--regid=\(gid)", "--init-groups", "--", executable] + arguments)
        case .su(let su):
            // su would take options out of the arguments, so the whole command goes into -c.
            let script = "exec " + ([executable] + arguments).map(Self.singleQuoted).joined(separator: " ")
            return (su, ["-s", "/bin/sh", "-c", script, name])
        }
    }

    /// Runs `executable arguments…` as this account.
    func run(_ executable: String, _ arguments: [String], environment: [String: String]) throws -> ProcessResult {
        let (program, fullArguments) = command(executable, arguments)
        return try ProcessRunner.run(program, fullArguments, environment: environment)
    }

    /// Gives `path` to this account (no-op when we are the account).
    func takeOwnership(of path: String) throws {
        guard !isCurrentUser else { return }
        guard chown(path, uid, gid) == 0 else {
            throw EmbeddedPostgresError(.fileSystem, "could not chown \(path) to \(name): \(String(cString: strerror(errno)))")
        }
    }

    /// True when this account can search (enter) `directory`.
    func canEnter(directory: String, environment: [String: String]) throws -> Bool {
        if isCurrentUser { return access(directory, X_OK) == 0 }
        let result = try run("/bin/sh", ["-c", "test -d \"$1\" && test -x \"$1\" && echo usable", "sh", directory], environment: environment)
        if result.stdout.contains("usable") { return true }
        if result.exitCode == 1, result.stderr.isEmpty { return false }
        throw EmbeddedPostgresError.commandFailed("could not run a program as \(name)", result, kind: .serverAccount)
    }

    private static func findSwitcher(path: String?) throws -> Switcher {
        let searchPath = "/usr/sbin:/sbin:/usr/bin:/bin:" + (path ?? "")
        if let runuser = ProcessRunner.findOnPath("runuser", path: searchPath) { return .runuser(runuser) }
        if let setpriv = ProcessRunner.findOnPath("setpriv", path: searchPath) { return .setpriv(setpriv) }
        if let su = ProcessRunner.findOnPath("su", path: searchPath) { return .su(su) }
        throw EmbeddedPostgresError(
            .serverAccount,
            "running as root, but none of runuser, setpriv or su was found to run PostgreSQL as an unprivileged account "
                + "(PostgreSQL refuses to run as root); install util-linux or run kinerja as a normal user"
        )
    }

    private static func createFallbackAccount(path: String?, environment: [String: String]) throws {
        let searchPath = "/usr/sbin:/sbin:/usr/bin:/bin:" + (path ?? "")
        guard let useradd = ProcessRunner.findOnPath("useradd", path: searchPath) else {
            throw EmbeddedPostgresError(
                .serverAccount,
                "running as root and there is no `postgres` account, and useradd was not found to make `\(fallbackAccountName)`; "
                    + "PostgreSQL refuses to run as root: make an unprivileged account named postgres, or run as a normal user"
            )
        }
        let shell = ProcessRunner.isExecutableFile("/usr/sbin/nologin") ? "/usr/sbin/nologin" : "/bin/false"
        let result = try ProcessRunner.run(
            useradd,
            ["--system", "--no-create-home", "--user-group", "--home-dir", "/nonexistent", "--shell", shell,
             "--comment", "kinerja embedded PostgreSQL", fallbackAccountName],
            environment: environment
        )
        // Exit code 9: made meanwhile by a concurrent caller, which is fine.
        if !result.succeeded && entry(named: fallbackAccountName) == nil {
            throw EmbeddedPostgresError.commandFailed("could not create the system account \(fallbackAccountName) to run PostgreSQL", result, kind: .serverAccount)
        }
    }

    /// Name, uid and gid of a passwd entry.
    struct PasswdEntry: Sendable {
        let name: String
        let uid: uid_t
        let gid: gid_t
    }

    /// The passwd entry of `name` (thread-safe `getpwnam_r`).
    static func entry(named name: String) -> PasswdEntry? {
        lookup { getpwnam_r(name, $0, $1, $2, $3) }
    }

    /// The passwd entry of `uid` (thread-safe `getpwuid_r`).
    static func entry(uid: uid_t) -> PasswdEntry? {
        lookup { getpwuid_r(uid, $0, $1, $2, $3) }
    }

    private static func lookup(
        _ call: (UnsafeMutablePointer<passwd>, UnsafeMutablePointer<CChar>, Int, UnsafeMutablePointer<UnsafeMutablePointer<passwd>?>) -> Int32
    ) -> PasswdEntry? {
        var record = passwd()
        var found: UnsafeMutablePointer<passwd>?
        var buffer = [CChar](repeating: 0, count: 16_384)
        return buffer.withUnsafeMutableBufferPointer { bytes -> PasswdEntry? in
            guard call(&record, bytes.baseAddress!, bytes.count, &found) == 0, found != nil, let name = record.pw_name else { return nil }
            return PasswdEntry(name: String(cString: name), uid: record.pw_uid, gid: record.pw_gid)
        }
    }

    private static func singleQuoted(_ word: String) -> String {
        "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
