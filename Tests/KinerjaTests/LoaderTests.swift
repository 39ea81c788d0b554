import Foundation
import Synchronization
import Kinerja
import Logging
import Postgres
import Testing
import TestSupport

@Suite("Loading a year", .serialized)
struct LoaderTests {
    let database: TestDatabase
    let logger = Logger(label: "test.load")

    init() throws { database = try TestDatabase(suite: "loader") }

    func load(_ folder: URL, year: Int = 2024, dryRun: Bool = false) throws -> LoadReport {
        let report = FileManager.default.temporaryDirectory.appendingPathComponent("rejections-\(UUID().uuidString).csv").path
        return try Loader(conninfo: database.conninfo, logger: logger).load(.init(year: year, directory: folder, dryRun: dryRun, reportPath: report))
    }

    /// A fingerprint of every loaded table, to prove "nothing changed".
    func fingerprint() throws -> String {
        let db = try database.connect()
        defer { db.close() }
        return try db.query("""
            SELECT md5(string_agg(t, '|' ORDER BY t)) FROM (
                SELECT 'u' || u::text AS t FROM kinerja.unit u UNION ALL SELECT 'e' || e::text FROM kinerja.employee e
                UNION ALL SELECT 'a' || a::text FROM kinerja.appraisal a UNION ALL SELECT 'r' || r::text FROM kinerja.rating r
                UNION ALL SELECT 'i' || i::text FROM kinerja.intervention i UNION ALL SELECT 'p' || p::text FROM kinerja.unit_predikat p
                UNION ALL SELECT 'o' || o::text FROM kinerja.appraisal_rollup o UNION ALL SELECT 'n' || n::text FROM kinerja.unit_rollup n
                UNION ALL SELECT 'c' || c::text FROM kinerja.rating_cell c UNION ALL SELECT 's' || s::text FROM kinerja.rating_ratee s
                UNION ALL SELECT 'w' || w::text FROM kinerja.unit_rater w) x
            """).scalar(String?.self) ?? "empty"
    }

    func count(_ table: String, year: Int = 2024) throws -> Int {
        let db = try database.connect()
        defer { db.close() }
        return try db.query(PostgresQuery("SELECT count(*) FROM kinerja.\(table) WHERE year = $1", binds: [year])).scalar(Int.self)
    }

    /// Loads a folder with a logger that keeps the loader's messages: the report, and what it logged.
    func loadLogged(_ folder: LoadFolder) throws -> (LoadReport, [String]) {
        let recorder = LogRecorder()
        let report = try Loader(conninfo: database.conninfo, logger: Logger(label: "test.load") { _ in recorder })
            .load(.init(year: 2024, directory: try folder.write(), reportPath: "/dev/null"))
        return (report, recorder.messages)
    }

    /// Whether the messages say that a file went straight into its year table.
    static func wentStraight(_ file: String, into table: String, _ messages: [String]) -> Bool {
        messages.contains("copied \(file) straight into kinerja.\(table): every value canonical")
    }

    /// Whether the messages say that a file was decoded (its ready step ran).
    static func decoded(_ file: String, _ messages: [String]) -> Bool {
        messages.contains { $0.hasPrefix("ran sql/load/\(file.dropLast(4)).ready.sql") }
    }

    /// Each file's progress ends in one finished report that counts every row. A file of a few
    /// megabytes spans several read-ahead pieces: the reader reaches the file's last byte before it
    /// has cut the last pieces into rows, and the log line "copied FILE: N rows", printed when the
    /// bytes were all read, once said 267,025 rows of 268,087.
    @Test func theLastProgressReportOfEachFileCountsEveryRow() throws {
        var folder = try LoadFolder()
        let note = String(repeating: "catatan pembinaan ", count: 5_000)   // 90 KB a row
        folder.files["interventions.csv"] = "nip,date,kind,note\n" + (1...60).map { day in
            "199512312020122001,2024-03-\(String(format: "%02d", day % 28 + 1)),pembinaan,\"\(note)\(day)\""
        }.joined(separator: "\n")
        let reports = Mutex<[LoadProgress]>([])
        let report = try Loader(conninfo: database.conninfo, logger: logger, progress: { p in reports.withLock { $0.append(p) } })
            .load(.init(year: 2024, directory: try folder.write(), reportPath: "/dev/null"))
        #expect(report.outcome == .succeeded)
        let all = reports.withLock { $0 }
        for file in report.files {
            let mine = all.filter { $0.file == file.file }
            #expect(mine.filter(\.finished).count == 1, "\(file.file)")
            #expect(mine.last?.finished == true, "\(file.file)")
            #expect(mine.last?.rowsDone == file.rows, "\(file.file)")
        }
        #expect(report.files.first { $0.file == "interventions.csv" }?.rows == 60)
        #expect(report.files.first { $0.file == "interventions.csv" }.map { $0.bytes > 5_000_000 } == true)
    }

    @Test func aGoodFolderLoadsEveryFileAndDerivesLabels() throws {
        let folder = try LoadFolder()
        defer { folder.remove() }
        let report = try load(try folder.write())
        #expect(report.outcome == .succeeded)
        #expect(report.files.map(\.file) == ["units.csv", "employees.csv", "appraisals.csv", "ratings.csv", "interventions.csv", "unit_predikat.csv"])
        #expect(report.files.first { $0.file == "employees.csv" }?.rows == 5)
        #expect(try count("unit") == 3)
        #expect(try count("employee") == 5)
        #expect(try count("appraisal") == 5)
        #expect(try count("rating") == 3)
        #expect(try count("intervention") == 1)
        let db = try database.connect()
        defer { db.close() }
        let labels = try db.query("SELECT nip, label_code, step FROM kinerja.appraisal WHERE year = 2024 ORDER BY nip").map { try $0.decode((String, String, Int).self) }
        #expect(labels.map(\.1) == ["BAIK", "BAIK", "SANGAT_BAIK", "BUTUH_PERBAIKAN", "KURANG_MISCONDUCT"])
        #expect(labels.map(\.2) == [4, 4, 5, 3, 2])
        let gender = try db.query("SELECT gender, birth_date FROM kinerja.employee WHERE nip = '199203152019032008'")[0].decode((Int?, PostgresDate?).self)
        #expect(gender.0 == 2)
        #expect(gender.1 == PostgresDate(year: 1992, month: 3, day: 15))
        let history = try LoadHistory.list(on: db, year: 2024, limit: 1)
        #expect(history.record(0)["outcome"] == .string("succeeded"))
        #expect(history.record(0)["rows"] == .int(18))
        // after the commit, each year table analysed as a whole (autovacuum never does), in parallel
        // sessions; a table that is not a year table is refused
        #expect(try db.query("SELECT count(*) FROM kinerja.year_tables()").scalar(Int.self) == 12)
        #expect(try db.query("""
            SELECT count(*) FROM kinerja.year_tables() t JOIN pg_class c ON c.oid = format('kinerja.%I', t.table_name)::regclass
            WHERE c.reltuples < 0
            """).scalar(Int.self) == 0)
        // and with them 028's statistics of the integer NIPs, over the partitions (the planner's
        // only ones for joins on rating's and rating_cell's keys)
        #expect(try db.query("""
            SELECT string_agg(statistics_name, ' ' ORDER BY statistics_name) FROM pg_stats_ext_exprs
            WHERE statistics_schemaname = 'kinerja' AND inherited AND n_distinct IS NOT NULL
            """).scalar(String.self)
            == "employee_nip_key rating_cell_nip_key rating_cell_rater_nip_key rating_nip_key rating_rater_nip_key")
        let refused = #expect(throws: PostgresError.self) { try db.query("SELECT kinerja.analyze_year_table('load_batch')") }
        #expect(refused?.message == "load_batch is not a year table of kinerja")
    }

    @Test func reloadingTheSameFilesGivesTheSameDatabase() throws {
        let folder = try LoadFolder()
        defer { folder.remove() }
        let url = try folder.write()
        _ = try load(url)
        let first = try fingerprint()
        _ = try load(url)
        #expect(try fingerprint() == first)
    }

    @Test func aReloadWithChangesReplacesTheYear() throws {
        var folder = try LoadFolder()
        defer { folder.remove() }
        _ = try load(try folder.write())
        folder.edit("appraisals.csv", replacing: "199512312020122001,Y,198001012005011002,PERMENPANRB_6_2022,,DIBAWAH,SESUAI,Butuh Perbaikan", with: "199512312020122001,Y,198001012005011002,PERMENPANRB_6_2022,,DIATAS,DIATAS,")
        folder.files["ratings.csv"] = "nip,period,rater_nip,rater_role,item,score\n"
        _ = try load(try folder.write())
        let db = try database.connect()
        defer { db.close() }
        #expect(try db.query("SELECT step FROM kinerja.appraisal WHERE year = 2024 AND nip = '199512312020122001'").scalar(Int.self) == 5)
        #expect(try count("rating") == 0)
    }

    @Test func aFailingReloadLeavesTheOldYearIntact() throws {
        var folder = try LoadFolder()
        defer { folder.remove() }
        _ = try load(try folder.write())
        let before = try fingerprint()
        folder.edit("appraisals.csv", replacing: "DIATAS,DIATAS,Sangat Baik", with: "DIATAS,DIATAS,Buruk")
        let report = try load(try folder.write())
        #expect(report.outcome == .rejected)
        #expect(try fingerprint() == before)
        let dry = try load(try LoadFolder().write(), dryRun: true)
        #expect(dry.outcome == .validated)
        #expect(try fingerprint() == before)
    }

    @Test("the rules the year tables' constraints prove run only to explain a failure, and name the refused rows")
    func provenRulesExplainFailures() throws {
        var messages: [String] = []
        func ran(_ file: String) -> Bool { messages.contains { $0.hasPrefix("ran sql/load/\(file)") } }
        let proven = ["employees.proven.sql", "appraisals.proven.sql", "ratings.proven.sql"]
        let folder = try LoadFolder()
        defer { folder.remove() }

        let good: LoadReport
        (good, messages) = try loadLogged(folder)
        #expect(good.outcome == .succeeded)
        #expect(proven.filter(ran).isEmpty)
        #expect(ran("appraisals.check.sql") && !ran("employees.ready.sql"))   // employees.csv went straight in
        let before = try fingerprint()

        // Each refused only by a constraint at the publish, then named by its proven rules. A
        // reference fails after every new table's unique indexes were built (the check of
        // kinerja.year_reference, or a foreign key at the swap): no key repeats, and the duplicate
        // listings would find nothing.
        let cases: [(file: String, line: String, state: String, rejection: String)] = [
            // a rater who is not an employee: rating_cell's reference, checked inside the year
            ("ratings.csv", "199203152019032008,Y,197001012000011001,rekan,LOYAL,70", "23503",
             "ratings.csv:5: rater_nip: rater NIP 197001012000011001 is not in employees.csv"),
            // the same for an appraisal
            ("appraisals.csv", "199203152019032008,S1,197001012000011001,PERMENPANRB_6_2022,,SESUAI,SESUAI,", "23503",
             "appraisals.csv:7: rater_nip: rater NIP 197001012000011001 is not in employees.csv"),
            // an appraisal without a NIP: appraisal's NOT NULL, while its rows are written
            ("appraisals.csv", ",S1,198001012005011002,PERMENPANRB_6_2022,,SESUAI,SESUAI,", "23502",
             "appraisals.csv:7: nip: nip is empty"),
            // an appraisal rated by its own ratee: appraisal's CHECK
            ("appraisals.csv", "199203152019032008,S1,199203152019032008,PERMENPANRB_6_2022,,SESUAI,SESUAI,", "23514",
             "appraisals.csv:7: rater_nip: an employee cannot be their own rater (rater_nip = nip)"),
            // a unit missing from units.csv: employee's foreign key
            ("employees.csv", "197001012000011003,Nyak Dhien,PNS,BAPPEDA,Staf,pelaksana,III/a", "23503",
             "employees.csv:7: unit_code: unit BAPPEDA is not in units.csv"),
            // gender digit 3: employee's CHECK on kinerja.nip_problem, while the rows are written
            ("employees.csv", "197001012000013003,Nyak Dhien,PNS,SETDA,Staf,pelaksana,III/a", "23514",
             "employees.csv:7: nip: gender digit 3 (NIP digit 15) must be 1 or 2"),
            // a PPPK grade for a PNS: employee's foreign key to kinerja.grade
            ("employees.csv", "197001012000011003,Nyak Dhien,PNS,SETDA,Staf,pelaksana,IX", "23503",
             "employees.csv:7: grade: grade IX is not a PNS grade (I/a to IV/e)"),
        ]
        for c in cases {
            var broken = folder
            broken.append(c.file, c.line)
            let report: LoadReport
            (report, messages) = try loadLogged(broken)
            #expect(report.outcome == .rejected, "\(c.rejection)")
            #expect(report.firstRejections.map(\.description) == [c.rejection])
            #expect(messages.contains { $0.hasPrefix("the publish refused the data (\(c.state)") }, "\(c.rejection)")
            #expect(proven.allSatisfy(ran), "\(c.rejection)")
            #expect(ran("ratings.duplicates.sql") == (c.state != "23503"), "\(c.rejection)")
            #expect(try fingerprint() == before)
        }
    }

    @Test("canonical ratings are COPYed straight into the year's table; other spellings are staged and store the same values")
    func canonicalRatingsGoStraightIn() throws {
        func straight(_ messages: [String]) -> Bool { Self.wentStraight("ratings.csv", into: "rating", messages) }
        func decoded(_ messages: [String]) -> Bool { Self.decoded("ratings.csv", messages) }
        var folder = try LoadFolder()
        defer { folder.remove() }

        let (canonical, viaCopy) = try loadLogged(folder)
        #expect(canonical.outcome == .succeeded)
        #expect(straight(viaCopy) && !decoded(viaCopy))
        let straightIn = try fingerprint()
        #expect(try count("rating") == 3)

        // the same values in other spellings the format allows: staged, decoded, the same database
        folder.files["ratings.csv"] = """
            nip,period,rater_nip,rater_role,item,score,year
            199203152019032008,y,198001012005011002,Atasan,loyal,90.0,2024
             199203152019032008 ,Y,199203152019032008,DIRI,LOYAL,"95",
            199203152019032008,Y,199512312020122001,rekan,Loyal,85.001,2024
            """
        let (spelled, viaStaging) = try loadLogged(folder)
        #expect(spelled.outcome == .succeeded, "\(spelled.firstRejections)")
        #expect(!straight(viaStaging) && decoded(viaStaging))
        #expect(viaStaging.contains("ratings.csv does not go straight into kinerja.rating (line 2, period: 'y' is not in canonical form): staging it for decoding"))
        #expect(try fingerprint() == straightIn)

        // canonical, but refused by the table (a score out of range): staged, and the row is named
        folder.files["ratings.csv"] = LoadFolder.ratings + "\n199512312020122001,Y,198001012005011002,atasan,LOYAL,130"
        let (refused, messages) = try loadLogged(folder)
        #expect(refused.outcome == .rejected)
        #expect(refused.firstRejections.map(\.description) == ["ratings.csv:5: score: score 130 is outside 0-120"])
        #expect(messages.contains { $0.hasPrefix("ratings.csv does not go straight into kinerja.rating (") && $0.contains("rating_score_check") })
        #expect(try fingerprint() == straightIn)
    }

    @Test("canonical employees are COPYed straight into the year's table; other spellings are staged and store the same values")
    func canonicalEmployeesGoStraightIn() throws {
        func straight(_ messages: [String]) -> Bool { Self.wentStraight("employees.csv", into: "employee", messages) }
        func decoded(_ messages: [String]) -> Bool { Self.decoded("employees.csv", messages) }
        var folder = try LoadFolder()
        defer { folder.remove() }
        // a quoted name with a comma and a doubled quote, a position over two lines, empty optional cells
        folder.files["employees.csv"] = LoadFolder.employees
            .replacingOccurrences(of: "Teuku Ahmad,", with: "\"Teuku Ahmad, S.E. \"\"Ampon\"\"\",")
            .replacingOccurrences(of: "Perawat,fungsional,III/a", with: "\"Perawat\nAhli\",fungsional,III/a")
            .replacingOccurrences(of: "Pengelola Data,pelaksana,IX", with: ",,")

        let (canonical, viaCopy) = try loadLogged(folder)
        #expect(canonical.outcome == .succeeded, "\(canonical.firstRejections)")
        #expect(straight(viaCopy) && !decoded(viaCopy))
        let straightIn = try fingerprint()
        let db = try database.connect()
        defer { db.close() }
        let stored = try db.query("SELECT name, position, position_type, grade, gender FROM kinerja.employee WHERE year = 2024 ORDER BY nip")
            .map { try $0.decode((String, String?, String?, String?, Int?).self) }
        #expect(stored.map(\.0) == ["Rahmat Hidayat", "Teuku Ahmad, S.E. \"Ampon\"", "Cut Nurul", "Siti Aminah", "Muhammad Rizki"])
        #expect(stored[2].1 == "Perawat\nAhli")
        #expect(stored[4].1 == nil && stored[4].2 == nil && stored[4].3 == nil && stored[4].4 == nil)

        // the same values in other spellings the format allows: staged, decoded, the same database
        folder.files["employees.csv"] = """
            nip,name,asn_type,unit_code,position,position_type,grade,year
            198609262015051001,"Teuku Ahmad, S.E. ""Ampon""\"  ,pns,SETDA,Sekretaris,Struktural,iv/c,2024
            199203152019032008,Cut Nurul,PNS,DINKES,"Perawat
            Ahli",fungsional,III/a,
            198001012005011002, Rahmat Hidayat ,PNS,DINKES,Kepala Dinas,struktural,IV/a,2024
            199512312020122001,Siti Aminah,Pns,PUSK,Bidan,fungsional,III/b,2024
            202101012023211001,Muhammad Rizki,PPPK,PUSK,"",,"",2024
            """
        let (spelled, viaStaging) = try loadLogged(folder)
        #expect(spelled.outcome == .succeeded, "\(spelled.firstRejections)")
        #expect(!straight(viaStaging) && decoded(viaStaging))
        #expect(viaStaging.contains("employees.csv does not go straight into kinerja.employee (line 2, name: text after a closing quote): staging it for decoding"))
        #expect(try fingerprint() == straightIn)
    }

    @Test func spreadsheetExportsAreRead() throws {
        // semicolons with decimal commas, a byte-order mark, CRLF, quoted delimiters and line breaks
        var folder = try LoadFolder(year: 2020)
        defer { folder.remove() }
        folder.files["employees.csv"] = folder.files["employees.csv"]!.replacingOccurrences(of: "Perawat", with: "\"Perawat, \"\"Ahli\"\"\nPertama\"")
        let appraisals = "nip;period;rater_nip;regime;score;hasil_kerja;perilaku_kerja;predikat\r\n"
            + "199203152019032008;Y;198001012005011002;PP46_2011;92,5;;;sangat-baik\r\n"
            + "198001012005011002;Y;198609262015051001;PP46_2011;80;;;\r\n"
            + "199512312020122001;Y;198001012005011002;pp46_2011;70,25;;;CUKUP\r\n\r\n"
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
        let url = try folder.write(raw: ["appraisals.csv": bom + Array(appraisals.utf8)])
        let report = try load(url, year: 2020)
        #expect(report.outcome == .succeeded, "\(report.firstRejections)")
        let db = try database.connect()
        defer { db.close() }
        #expect(try db.query("SELECT score FROM kinerja.appraisal WHERE year = 2020 AND nip = '199512312020122001'").scalar(Decimal.self) == Decimal(string: "70.25"))
        #expect(try db.query("SELECT position FROM kinerja.employee WHERE year = 2020 AND nip = '199203152019032008'").scalar(String.self) == "Perawat, \"Ahli\"\nPertama")
    }
}
