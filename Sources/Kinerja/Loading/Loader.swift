import Foundation
import Logging
import Postgres
import Synchronization

/// Loads one year's folder of CSV files (docs/data-format.md), all or nothing.
///
/// The pipeline, all inside one transaction of one connection:
/// 1. each file is streamed with COPY into a temporary staging table, its records numbered by line;
/// 2. `sql/load/<file>.ready.sql` types and normalizes the staged text, `<file>.check.sql` collects
///    every broken rule as a rejection (set-based SQL, no row-by-row work in Swift);
/// 3. with no rejection, `kinerja.publish_year` swaps the year in; otherwise the transaction rolls
///    back and the rejections go to a CSV report.
/// The rules that a year table's constraints prove (a CHECK, a foreign key, a reference inside the
/// year) are not in the check but in `<file>.proven.sql`: on a good load step 3's publish proves
/// them; if it fails, they run to name every rejected row, as the duplicate listings do for the
/// unique keys.
/// A file without a check (employees, ratings) whose values are all in canonical form
/// (`CanonicalForm`) skips steps 1 and 2: it is COPYed straight into the year's new table
/// (`LoadFileSpec.directTable`), and staged and decoded only when it is not canonical, or to
/// explain a failure.
/// The attempt is recorded in `kinerja.load_batch` on a second connection, so a failed or killed
/// load still shows in the history.
public final class Loader {
    public struct Options: Sendable {
        public var year: Int
        public var directory: URL
        public var dryRun = false
        /// Where the full rejection report goes (default: `load-<batch>-<year>-rejections.csv` in the
        /// current directory).
        public var reportPath: String?
        /// How many rejections the report keeps in memory for the terminal.
        public var firstRejectionsShown = 20

        public init(year: Int, directory: URL, dryRun: Bool = false, reportPath: String? = nil) {
            self.year = year
            self.directory = directory
            self.dryRun = dryRun
            self.reportPath = reportPath
        }
    }

    /// Advisory lock class for loads; the second key is the year.
    static let lockClass: Int32 = 0x6B6C_6F64  // "klod"

    private let conninfo: String
    private let logger: Logger
    private let progress: (@Sendable (LoadProgress) -> Void)?

    public init(conninfo: String, logger: Logger, progress: (@Sendable (LoadProgress) -> Void)? = nil) {
        self.conninfo = conninfo
        self.logger = logger
        self.progress = progress
    }

    public func load(_ options: Options) throws -> LoadReport {
        guard (1970...2100).contains(options.year) else { throw LoadError.invalidOptions("--year \(options.year) is not a plausible year") }
        let started = Date()
        let present = try discoverFiles(in: options.directory)

        let history = try PostgresConnection.connect(conninfo, logger: logger)
        defer { history.close() }
        let batchID = try history.query("""
            INSERT INTO kinerja.load_batch (year, source, dry_run) VALUES (\(options.year), \(options.directory.path), \(options.dryRun))
            RETURNING batch_id
            """).scalar(Int.self)

        let db = try PostgresConnection.connect(conninfo, logger: logger)
        defer { db.close() }
        do {
            // temp tables live in temp_buffers, which must be set before the session's first use
            // jit off: PostgreSQL overestimates these set-based checks and spends seconds compiling them
            try db.execute("SET temp_buffers = '512MB'; SET work_mem = '256MB'; SET maintenance_work_mem = '512MB'; SET jit = off")
            // a killed loader's session stops within a second instead of finishing its statement
            // (holding the year's lock); and the history judges 'interrupted' by this session
            try db.execute("SET client_connection_check_interval = '1s'")
            let dataSession = try db.query("SELECT pg_backend_pid()").scalar(Int.self)
            try history.query("UPDATE kinerja.load_batch SET backend_pid = \(dataSession) WHERE batch_id = \(batchID)")
            var report = LoadReport(batchID: batchID, year: options.year, outcome: .succeeded, files: [], rejectedCount: 0, firstRejections: [], reportPath: nil, seconds: 0)
            struct Rollback: Error {}
            do {
                try db.transaction { db in
                    try lockYear(options.year, batchID: batchID, on: db)
                    try db.execute("CREATE TEMP TABLE rejection (file text, line integer, field text, value text, reason text) ON COMMIT DROP")
                    for spec in LoadFileSpec.all { try db.execute(spec.stagingDDL) }
                    try recordMissingAndUnknownFiles(present, on: db)

                    var broken = Set(LoadFileSpec.all.filter { $0.required && present.known[$0.fileName] == nil }.map(\.fileName))
                    // files COPYed straight into their year table, not staged (with their headers)
                    var direct: [String: CSVHeader] = [:]
                    for spec in LoadFileSpec.all {
                        guard let path = present.known[spec.fileName] else { continue }
                        guard let header = try header(of: spec, path: path, on: db) else {
                            broken.insert(spec.fileName)
                            continue
                        }
                        // a dry run validates through the checks, and a load already rejected needs them
                        if let table = spec.directTable, !options.dryRun, broken.isEmpty,
                           try db.query("SELECT count(*) FROM rejection").scalar(Int.self) == 0,
                           let info = try copyStraight(spec, header: header, into: table, path: path, year: options.year, on: db) {
                            report.files.append(info)
                            direct[spec.fileName] = header
                        } else if let info = try stage(spec, header: header, path: path, on: db) {
                            report.files.append(info)
                        } else {
                            broken.insert(spec.fileName)
                        }
                    }
                    // a structurally broken file (or one it refers to) would only add noise
                    let checked = LoadFileSpec.all.filter { broken.isDisjoint(with: [$0.fileName] + $0.dependsOn) }
                    // a decimal comma only in a file that uses ';' (each file's own delimiter)
                    func decimalComma(_ spec: LoadFileSpec) -> Bool {
                        report.files.first { $0.file == spec.fileName }?.delimiter == ";"
                    }
                    for spec in LoadFileSpec.all where direct[spec.fileName] == nil {
                        try run(spec.sql("ready"), on: db, year: options.year, decimalComma: decimalComma(spec))
                        if checked.contains(where: { $0.fileName == spec.fileName }) && spec.hasSQL("check") {
                            try run(spec.sql("check"), on: db, year: options.year, decimalComma: decimalComma(spec))
                        }
                    }
                    // What the publish's constraints prove on a good load, checked row by row only to
                    // say what failed: the proven rules, and duplicate keys (the unique indexes find
                    // them in the sorts they need anyway).
                    func explainFailure(duplicatesPossible: Bool = true) throws -> Int {
                        for spec in checked {
                            // its rows went straight into the year table: stage them to say which broke which rule
                            guard let header = direct[spec.fileName], let path = present.known[spec.fileName],
                                  try stage(spec, header: header, path: path, on: db) != nil else { continue }
                            try run(spec.sql("ready"), on: db, year: options.year, decimalComma: decimalComma(spec))
                        }
                        direct = [:]
                        for spec in checked where spec.hasSQL("proven") {
                            try run(spec.sql("proven"), on: db, year: options.year, decimalComma: decimalComma(spec))
                        }
                        for spec in checked where duplicatesPossible && spec.hasSQL("duplicates") {
                            try run(spec.sql("duplicates"), on: db, year: options.year, decimalComma: decimalComma(spec))
                        }
                        return try db.query("SELECT count(*) FROM rejection").scalar(Int.self)
                    }

                    report.rejectedCount = try db.query("SELECT count(*) FROM rejection").scalar(Int.self)
                    if report.rejectedCount > 0 || options.dryRun {
                        report.rejectedCount = try explainFailure()
                    } else {
                        logger.info("publishing \(options.year)")
                        let publishing = Date()
                        do {
                            try db.transaction { db in try db.query("SELECT kinerja.publish_year(\(options.year))") }
                            logger.info("published \(options.year) in \(Self.seconds(since: publishing))")
                        } catch let error as PostgresError {
                            // a constraint (class 23) or a value out of its type's range (22) refused a
                            // row: the checks name the rows and rules; anything else is not about the data
                            guard let state = error.sqlState, ["22", "23"].contains(state.errorClass) else { throw error }
                            logger.info("the publish refused the data (\(state): \(error.message)); checking row by row")
                            // a reference (a foreign key, or kinerja.check_year_references) fails only
                            // after every new table's unique indexes were built: no key repeats, and the
                            // duplicate listings (a sort of each file, 32 s for a province's ratings)
                            // would find nothing
                            report.rejectedCount = try explainFailure(duplicatesPossible: state != .foreignKeyViolation)
                            if report.rejectedCount == 0 { throw error }
                        }
                    }
                    if report.rejectedCount > 0 || options.dryRun {
                        report.outcome = report.rejectedCount > 0 ? .rejected : .validated
                        if report.rejectedCount > 0 {
                            report.reportPath = try writeRejections(on: db, to: options.reportPath ?? "load-\(batchID)-\(options.year)-rejections.csv")
                            report.firstRejections = try firstRejections(on: db, limit: options.firstRejectionsShown)
                        }
                        throw Rollback()
                    }
                }
            } catch is Rollback {
                // rejected or dry run: nothing of this load is written
            }
            if report.outcome == .succeeded {
                // statistics of the partitioned tables as wholes, which autovacuum never gathers and
                // the planner needs for joins across partitions; after the commit, so no reader waits
                let analysing = Date()
                let failures = analyseYearTables(first: db)
                for failure in failures {
                    logger.warning("the load is committed, but analysing the year tables failed: \(failure)")
                }
                if failures.isEmpty { logger.info("analysed the year tables in \(Self.seconds(since: analysing))") }
            }
            report.seconds = Date().timeIntervalSince(started)
            try finish(batchID, report: report, on: history)
            return report
        } catch {
            let message = (error as? PostgresError)?.debugDescription ?? "\(error)"
            _ = try? history.query("""
                UPDATE kinerja.load_batch SET outcome = 'failed', finished_at = clock_timestamp(), message = \(message)
                WHERE batch_id = \(batchID)
                """)
            throw error
        }
    }

    // MARK: - Steps

    /// ANALYZEs the year tables (`kinerja.year_tables()`, largest first), each on the next free of
    /// one session per core: they are independent, and one session spent 3.9 s on a national year's.
    /// `first` is one of the sessions; the others are opened here. Returns what failed.
    private func analyseYearTables(first: PostgresConnection) -> [Error] {
        let tables: [String]
        do {
            tables = try first.query("SELECT table_name FROM kinerja.year_tables()").map { try $0.decode(String.self) }
        } catch {
            return [error]
        }
        let sessions = max(1, min(tables.count, ProcessInfo.processInfo.activeProcessorCount))
        let next = Atomic<Int>(0)
        let failures = Mutex<[Error]>([])
        let conninfo = self.conninfo, logger = self.logger
        DispatchQueue.concurrentPerform(iterations: sessions) { session in
            // a session that cannot connect (max_connections) leaves its share to the others
            guard let db = session == 0 ? first : try? PostgresConnection.connect(conninfo, logger: logger) else { return }
            defer { if session != 0 { db.close() } }
            do {
                while true {
                    let index = next.wrappingAdd(1, ordering: .relaxed).oldValue
                    guard index < tables.count else { break }
                    try db.query("SELECT kinerja.analyze_year_table(\(tables[index]))")
                }
            } catch {
                failures.withLock { $0.append(error) }
            }
        }
        return failures.withLock { $0 }
    }

    struct PresentFiles {
        var known: [String: String] = [:]
        var unknown: [String] = []
        var ambiguous: [(file: String, names: [String])] = []
    }

    private func discoverFiles(in directory: URL) throws -> PresentFiles {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw LoadError.io("\(directory.path) is not a folder")
        }
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        var present = PresentFiles()
        for name in names.sorted() where name.lowercased().hasSuffix(".csv") {
            if LoadFileSpec.all.contains(where: { $0.fileName == name.lowercased() }) {
                if let first = present.known[name.lowercased()] {
                    // UNITS.CSV beside units.csv: which one is meant? Never pick one silently.
                    present.ambiguous.append((name.lowercased(), [URL(fileURLWithPath: first).lastPathComponent, name]))
                } else {
                    present.known[name.lowercased()] = directory.appendingPathComponent(name).path
                }
            } else {
                present.unknown.append(name)
            }
        }
        return present
    }

    private func recordMissingAndUnknownFiles(_ present: PresentFiles, on db: PostgresConnection) throws {
        for spec in LoadFileSpec.all where spec.required && present.known[spec.fileName] == nil {
            try reject(Rejection(file: spec.fileName, line: 0, field: nil, value: nil, reason: "\(spec.fileName) is missing from the folder (it is required)"), on: db)
        }
        for (file, names) in present.ambiguous {
            try reject(Rejection(file: file, line: 0, field: nil, value: nil, reason: "two files are named \(file): \(names.joined(separator: " and ")); keep one"), on: db)
        }
        let expected = LoadFileSpec.all.map(\.fileName).joined(separator: ", ")
        for name in present.unknown {
            try reject(Rejection(file: name, line: 0, field: nil, value: nil, reason: "unexpected file \(name) (a load folder holds only \(expected))"), on: db)
        }
    }

    private func lockYear(_ year: Int, batchID: Int, on db: PostgresConnection) throws {
        let acquired = try db.query("SELECT pg_try_advisory_xact_lock(\(Self.lockClass), \(Int32(year)))").scalar(Bool.self)
        if acquired { return }
        let holder = try db.query("""
            SELECT batch_id, db_user, started_at::text FROM kinerja.load_batch
            WHERE year = \(year) AND outcome = 'running' AND batch_id <> \(batchID)
            ORDER BY batch_id DESC LIMIT 1
            """).first
        let who = try holder.map { row in
            let (batch, user, since) = try row.decode((Int, String, String).self)
            return " (batch \(batch) by \(user), started \(since))"
        } ?? ""
        logger.notice("another load of \(year) is running\(who); waiting for it to finish")
        try db.query("SELECT pg_advisory_xact_lock(\(Self.lockClass), \(Int32(year)))")
    }

    /// Headers are a few dozen column names; a longer first line is not a header.
    static let maximumHeaderBytes = 1 << 16

    /// Reads and checks a file's header. Returns nil when it is broken (the reason is recorded as a
    /// rejection).
    private func header(of spec: LoadFileSpec, path: String, on db: PostgresConnection) throws -> CSVHeader? {
        let headerBytes: [UInt8]
        do {
            let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
            defer { try? handle.close() }
            headerBytes = Array(try handle.read(upToCount: Self.maximumHeaderBytes) ?? Data())
        }
        if headerBytes.count == Self.maximumHeaderBytes, !headerBytes.contains(UInt8(ascii: "\n")) {
            try reject(Rejection(file: spec.fileName, line: 1, field: nil, value: nil,
                                 reason: "the header line is longer than \(Self.maximumHeaderBytes / 1024) KiB (is this a CSV file with line breaks?)"), on: db)
            return nil
        }
        do {
            let header = try CSVHeader.parse(headerBytes)
            try header.check(against: spec)
            return header
        } catch {
            try reject(Rejection(file: spec.fileName, line: 1, field: nil, value: nil, reason: Self.describe(error, spec: spec)), on: db)
            return nil
        }
    }

    /// COPYs one file into its staging table. Returns nil when the file is structurally broken (the
    /// reason is recorded as a rejection).
    private func stage(_ spec: LoadFileSpec, header: CSVHeader, path: String, on db: PostgresConnection) throws -> LoadReport.FileInfo? {
        let reader = try RecordNumberingReader(path: path, headerBytes: header.byteCount, delimiter: header.delimiter)
        let columns = (["line"] + header.columns).joined(separator: ", ")
        do {
            try db.transaction { db in  // a savepoint: a broken file must not end the whole validation
                try stream(reader, of: spec, path: path, into: "COPY \(spec.stagingTable) (\(columns)) FROM STDIN (FORMAT csv, DELIMITER '\(header.delimiterText)')", on: db)
            }
        } catch let error as PostgresError {
            if error.kind == .copySource, let problem = reader.problem {
                try reject(Rejection(file: spec.fileName, line: problem.line, field: nil, value: nil, reason: problem.reason), on: db)
            } else {
                try reject(Self.rejection(from: error, spec: spec, reader: reader), on: db)
            }
            return nil
        } catch let error as LoadError {
            try reject(Rejection(file: spec.fileName, line: 0, field: nil, value: nil, reason: error.description), on: db)
            return nil
        }
        return Self.fileInfo(spec, reader: reader, header: header)
    }

    /// COPYs a file whose values are all canonical straight into the year's new table (created by
    /// `kinerja.open_year_table`; the publish then only indexes it). Returns nil, with nothing left
    /// behind, when a value is not canonical or the table refuses a row: the file is then staged.
    private func copyStraight(_ spec: LoadFileSpec, header: CSVHeader, into table: String, path: String, year: Int,
                              on db: PostgresConnection) throws -> LoadReport.FileInfo? {
        // a schema migrated before 016 has no door for it: the file is staged
        guard try db.query("SELECT to_regprocedure('kinerja.open_year_table(text, integer)') IS NOT NULL").scalar(Bool.self) else { return nil }
        guard let form = try CanonicalForm(header: header.columns, spec: spec, year: year, codes: { table in
            try db.query("SELECT DISTINCT code FROM kinerja.\(unescaped: table)").map { try $0.decode(String.self) }
        }) else { return nil }
        let reader = try RecordNumberingReader(path: path, headerBytes: header.byteCount, delimiter: header.delimiter, canonical: form)
        do {
            try db.transaction { db in  // a savepoint: a refused row takes the new table with it
                let name = try db.query("SELECT kinerja.open_year_table(\(table), \(year))").scalar(String.self)
                let columns = header.columns.map { "\"\($0)\"" }.joined(separator: ", ")
                // FREEZE (allowed: the table is this savepoint's): the rows are written frozen, so the
                // publish's first reads (the primary key, rating_cell) do not rewrite every page to
                // set hint bits (province year, psql: primary key 11.7 s instead of 19.4 s)
                try stream(reader, of: spec, path: path, into: "COPY kinerja.\"\(name)\" (\(columns)) FROM STDIN (FORMAT csv, DELIMITER '\(header.delimiterText)', FREEZE)", on: db)
            }
        } catch let error as PostgresError where error.kind == .copySource || ["22", "23"].contains(error.sqlState?.errorClass ?? "") {
            let reason = reader.deviation.map { "\($0)" } ?? reader.problem.map { "line \($0.line): \($0.reason)" } ?? error.message
            logger.info("\(spec.fileName) does not go straight into kinerja.\(table) (\(reason)): staging it for decoding")
            return nil
        }
        logger.info("copied \(spec.fileName) straight into kinerja.\(table): every value canonical")
        return Self.fileInfo(spec, reader: reader, header: header)
    }

    /// Streams a file to a COPY, reading ahead on another thread, reporting progress.
    private func stream(_ reader: RecordNumberingReader, of spec: LoadFileSpec, path: String, into sql: String, on db: PostgresConnection) throws {
        let total = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        let started = Date()
        var lastReport = Date.distantPast
        let progress = self.progress
        let readAhead = ReadAhead(reader)
        defer { readAhead.finish() }  // before anything reads the reader's results
        try db.copyIn(sql) { buffer in
            let count = try readAhead.read(into: buffer)
            if let progress, Date().timeIntervalSince(lastReport) > 0.2 || count == 0 {
                lastReport = Date()
                progress(LoadProgress(file: spec.fileName, bytesDone: readAhead.bytesRead, bytesTotal: total, rowsDone: readAhead.records, elapsed: lastReport.timeIntervalSince(started), finished: count == 0))
            }
            return count
        }
    }

    private static func fileInfo(_ spec: LoadFileSpec, reader: RecordNumberingReader, header: CSVHeader) -> LoadReport.FileInfo {
        var digest = reader.hash
        return LoadReport.FileInfo(file: spec.fileName, sha256: SHA256.hexString(digest.finalize()), bytes: reader.bytesRead, rows: reader.records, delimiter: header.delimiterText)
    }

    /// Runs `sql/load/<name>.sql`, statement by statement, each with the parameters it uses: `$1` the
    /// year, `$2` the decimal-comma flag.
    private func run(_ name: String, on db: PostgresConnection, year: Int, decimalComma: Bool) throws {
        guard let file = SQLCatalog.files["load/\(name).sql"] else { throw LoadError.invalidOptions("missing SQL file sql/load/\(name).sql") }
        let started = Date()
        for sql in Self.statements(in: file) {
            var binds: [(any PostgresEncodable)?] = []
            if sql.contains("$1") { binds.append(year) }
            if sql.contains("$2") {
                // parameters are numbered: a statement that uses $2 must use $1 too
                guard sql.contains("$1") else { throw LoadError.invalidOptions("sql/load/\(name).sql: a statement uses $2 without $1") }
                binds.append(decimalComma)
            }
            try db.query(PostgresQuery(sql, binds: binds), prepared: false)
        }
        logger.info("ran sql/load/\(name).sql in \(Self.seconds(since: started))")
    }

    /// The statements of a load SQL file: each ends with `;` at the end of a line (the last one may
    /// omit it). A `;` inside a line, or at the end of a comment line, does not end a statement.
    static func statements(in file: String) -> [String] {
        func code(_ line: Substring) -> String? {
            let text = line.trimmingCharacters(in: .whitespaces)
            return text.isEmpty || text.hasPrefix("--") ? nil : text
        }
        var statements: [String] = []
        var current: [Substring] = []
        for line in file.split(separator: "\n", omittingEmptySubsequences: false) {
            current.append(line)
            if code(line)?.hasSuffix(";") == true {
                statements.append(current.joined(separator: "\n"))
                current = []
            }
        }
        if current.contains(where: { code($0) != nil }) { statements.append(current.joined(separator: "\n")) }
        return statements
    }

    private func reject(_ rejection: Rejection, on db: PostgresConnection) throws {
        try db.query("""
            INSERT INTO rejection (file, line, field, value, reason)
            VALUES (\(rejection.file), \(rejection.line), \(rejection.field), \(rejection.value), \(rejection.reason))
            """, prepared: false)
    }

    private func firstRejections(on db: PostgresConnection, limit: Int) throws -> [Rejection] {
        try db.query("""
            SELECT file, line, field, value, reason FROM rejection
            ORDER BY array_position(\(LoadFileSpec.all.map(\.fileName))::text[], file), line, field LIMIT \(limit)
            """).map { row in
            let (file, line, field, value, reason) = try row.decode((String, Int, String?, String?, String).self)
            return Rejection(file: file, line: line, field: field, value: value, reason: reason)
        }
    }

    private func writeRejections(on db: PostgresConnection, to path: String) throws -> String {
        guard let out = fopen(path, "wb") else { throw LoadError.io("cannot write the rejection report \(path): \(String(cString: strerror(errno)))") }
        defer { fclose(out) }
        let order = "ARRAY[" + LoadFileSpec.all.map { "'\($0.fileName)'" }.joined(separator: ",") + "]"
        try db.copyOut("COPY (SELECT file, line, field, value, reason FROM rejection ORDER BY array_position(\(order), file), line, field) TO STDOUT (FORMAT csv, HEADER)") { chunk in
            fwrite(chunk.baseAddress, 1, chunk.count, out)
        }
        return path
    }

    private func finish(_ batchID: Int, report: LoadReport, on history: PostgresConnection) throws {
        let files = String(decoding: try JSONEncoder().encode(report.files), as: UTF8.self)
        try history.query("""
            UPDATE kinerja.load_batch
            SET outcome = \(report.outcome.rawValue), finished_at = clock_timestamp(), rejected = \(report.rejectedCount), files = \(files)::jsonb
            WHERE batch_id = \(batchID)
            """)
    }

    // MARK: - Messages

    /// "12.3 s": phase timings in the log, so a slow load shows where its time went.
    static func seconds(since start: Date) -> String {
        String(format: "%.1f s", Date().timeIntervalSince(start))
    }

    static func describe(_ error: any Error, spec: LoadFileSpec) -> String {
        guard let problem = error as? CSVHeader.Problem else { return "\(error)" }
        switch problem {
        case .empty: return "the file is empty: it needs a header row (\(spec.columns.map(\.name).joined(separator: ",")))"
        case .notUTF8: return "the header is not valid UTF-8 text: save the file as UTF-8"
        case .duplicateColumn(let name): return "column \(name) appears twice in the header"
        case .unknownColumns(let names, let expected):
            return "unknown column\(names.count > 1 ? "s" : "") \(names.joined(separator: ", ")) (expected: \(expected.joined(separator: ", ")))"
        case .missingColumns(let names): return "missing column\(names.count > 1 ? "s" : "") \(names.joined(separator: ", "))"
        }
    }

    /// Turns a COPY error into a rejection naming the file line and column.
    static func rejection(from error: PostgresError, spec: LoadFileSpec, reader: RecordNumberingReader) -> Rejection {
        let context = error.context ?? ""
        var line = 0
        var column: String?
        if let match = context.firstMatch(of: /line (\d+)(?:, column (\w+))?/) {
            line = reader.fileLine(forStreamLine: Int(match.1) ?? 0)
            column = match.2.map(String.init)
        }
        if column == nil, let match = error.message.firstMatch(of: /column "(\w+)"/) { column = String(match.1) }
        if column == "line" { column = nil }
        let message = error.message
        let reason: String
        if message.contains("missing data for column") {
            reason = "the row has fewer fields than the header (truncated row, or a different delimiter)"
        } else if message.contains("extra data after last expected column") {
            reason = "the row has more fields than the header (an unquoted delimiter inside a value?)"
        } else if message.contains("unterminated CSV quoted field") {
            reason = "a quoted field is never closed (unbalanced quotes)"
        } else if error.sqlState == .characterNotInRepertoire || message.contains("invalid byte sequence") {
            reason = "the text is not valid UTF-8 (\(message)); save the file as UTF-8"
        } else {
            reason = message
        }
        if reader.endedInsideQuotes, line == 0 || message.contains("unterminated CSV quoted field") {
            // COPY read to the end of the file looking for the closing quote: name the record it opened in
            return Rejection(file: spec.fileName, line: reader.recordStartLine, field: nil, value: nil,
                             reason: "a quoted field is never closed (unbalanced quotes)")
        }
        return Rejection(file: spec.fileName, line: line, field: column, value: nil, reason: reason)
    }
}
