import Foundation
import Kinerja
import Logging
import Postgres
import Testing
import TestSupport

@Suite("Migrations and roles", .serialized)
struct MigratorTests {
    @Test func migratingTwiceAppliesNothingTheSecondTime() throws {
        let database = try TestDatabase(suite: "migrate", migrated: false)
        let db = try database.connect()
        defer { db.close() }
        let migrator = try Migrator()
        let first = try migrator.migrate(on: db)
        #expect(first.count == migrator.migrations.count)
        #expect(first.map(\.version) == first.map(\.version).sorted())
        #expect(try migrator.migrate(on: db).isEmpty)
        #expect(try migrator.status(on: db).isCurrent)
        #expect(try db.query("SELECT count(*) FROM kinerja.schema_migration").scalar(Int.self) == migrator.migrations.count)
    }

    @Test func aChangedAppliedMigrationIsRefused() throws {
        let database = try TestDatabase(suite: "migrate_changed")
        let db = try database.connect()
        defer { db.close() }
        var files = SQLCatalog.files
        files["migrations/002_core.sql"]! += "\n-- an edit after the fact\n"
        let edited = try Migrator(files: files)
        #expect(try edited.status(on: db).changed.map(\.version) == [2])
        let error = #expect(throws: Migrator.MigrationError.self) { try edited.migrate(on: db) }
        #expect(error?.description.contains("migration 002_core.sql was changed after it was applied") == true)
    }

    @Test func aDatabaseNewerThanTheBuildIsRefused() throws {
        let database = try TestDatabase(suite: "migrate_newer")
        let db = try database.connect()
        defer { db.close() }
        let older = try Migrator(files: SQLCatalog.files.filter { !$0.key.hasPrefix("migrations/005") && !$0.key.hasPrefix("migrations/006") && !$0.key.hasPrefix("migrations/007") })
        #expect(try older.status(on: db).unknown.isEmpty == false)
        let error = #expect(throws: Migrator.MigrationError.self) { try older.migrate(on: db) }
        #expect(error?.description.contains("that this build does not know") == true)
    }

    @Test func badlyNamedMigrationFilesAreRejected() {
        #expect(throws: Migrator.MigrationError.self) { try Migrator(files: ["migrations/first.sql": "SELECT 1"]) }
        #expect(throws: Migrator.MigrationError.self) { try Migrator(files: ["migrations/001_a.sql": "SELECT 1", "migrations/001_b.sql": "SELECT 2"]) }
    }

    @Test func concurrentMigratorsAreSerialized() async throws {
        let database = try TestDatabase(suite: "migrate_race", migrated: false)
        let conninfo = database.conninfo
        let applied = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<3 {
                group.addTask {
                    try await withCheckedThrowingContinuation { continuation in
                        Thread.detachNewThread {
                            continuation.resume(with: Result {
                                let db = try PostgresConnection.connect(conninfo)
                                defer { db.close() }
                                return try Migrator().migrate(on: db).count
                            })
                        }
                    }
                }
            }
            return try await group.reduce(into: [Int]()) { $0.append($1) }
        }
        let total = try Migrator().migrations.count
        #expect(applied.sorted() == [0, 0, total], "exactly one migrator did the work")
        let db = try database.connect()
        defer { db.close() }
        #expect(try db.query("SELECT count(*) FROM kinerja.schema_migration").scalar(Int.self) == total)
    }

    @Test func theReaderCannotWriteAndTheLoaderCannotChangeTheSchema() throws {
        let database = try TestDatabase(suite: "roles")
        let db = try database.connect()
        defer { db.close() }
        try db.execute("SET ROLE kinerja_reader")
        #expect(try db.query("SELECT count(*) FROM kinerja.regime").scalar(Int.self) == 4)
        let write = #expect(throws: PostgresError.self) { try db.query("INSERT INTO kinerja.instansi VALUES ('X', 'Y')") }
        #expect(write?.sqlState == .insufficientPrivilege)
        let publish = #expect(throws: PostgresError.self) { try db.query("SELECT kinerja.publish_year(2024)") }
        #expect(publish?.sqlState == .insufficientPrivilege)
        try db.execute("RESET ROLE; SET ROLE kinerja_loader")
        let ddl = #expect(throws: PostgresError.self) { try db.execute("CREATE TABLE kinerja.sneaky (id int)") }
        #expect(ddl?.sqlState == .insufficientPrivilege)
        let direct = #expect(throws: PostgresError.self) { try db.query("DELETE FROM kinerja.regime_band") }
        #expect(direct?.sqlState == .insufficientPrivilege)
        // nor through the other doors: the publish's helpers, DDL on existing tables, truncation
        for statement in [
            "SELECT kinerja.build_year_table('rating', 2024, 'kinerja.regime'::regclass)",
            "SELECT kinerja.build_derived_year_table('unit_rollup', 2024, 'kinerja.regime'::regclass)",
            "DROP TABLE kinerja.appraisal",
            "ALTER TABLE kinerja.appraisal ADD COLUMN sneaky int",
            "TRUNCATE kinerja.load_batch",
            "CREATE SCHEMA sneaky",
            "GRANT kinerja_loader TO kinerja_reader",
        ] {
            let refused = #expect(throws: PostgresError.self, "\(statement)") { try db.execute(statement) }
            #expect(refused?.sqlState == .insufficientPrivilege, "\(statement): \(refused?.message ?? "")")
        }
        try db.execute("RESET ROLE; SET ROLE kinerja_reader")
        for statement in ["UPDATE kinerja.load_batch SET outcome = 'failed'", "DELETE FROM kinerja.appraisal_rollup", "TRUNCATE kinerja.unit"] {
            let refused = #expect(throws: PostgresError.self, "\(statement)") { try db.execute(statement) }
            #expect(refused?.sqlState == .insufficientPrivilege, "\(statement): \(refused?.message ?? "")")
        }
        try db.execute("RESET ROLE")
    }

    @Test func aLoaderRoleLoadsThroughThePublishFunction() throws {
        let database = try TestDatabase(suite: "loader_role")
        let admin = try database.connect()
        defer { admin.close() }
        try admin.execute("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'test_loader') THEN CREATE ROLE test_loader LOGIN IN ROLE kinerja_loader; END IF; END $$")
        var folder = try LoadFolder()
        defer { folder.remove() }
        folder.files["interventions.csv"] = "nip,date,kind,note\n"
        let report = try Loader(conninfo: try database.conninfo(user: "test_loader"), logger: .init(label: "test")).load(.init(year: 2024, directory: try folder.write(), reportPath: "/dev/null"))
        #expect(report.outcome == .succeeded)
        #expect(try admin.query("SELECT count(*) FROM kinerja.appraisal WHERE year = 2024").scalar(Int.self) == 5)
        #expect(try admin.query("SELECT db_user FROM kinerja.load_batch ORDER BY batch_id DESC LIMIT 1").scalar(String.self) == "test_loader")
        // its ratings went straight into the new partition, which the loader could write only until the publish
        #expect(try admin.query("SELECT count(*) FROM kinerja.rating_y2024").scalar(Int.self) == 3)
        #expect(try admin.query("SELECT has_table_privilege('test_loader', 'kinerja.rating_y2024', 'INSERT')").scalar(Bool.self) == false)
        #expect(try admin.query("SELECT count(*) FROM kinerja.load_batch WHERE outcome = 'succeeded'").scalar(Int.self) == 1)
        // and only the year tables it fills, through that door
        try admin.execute("SET ROLE test_loader")
        let refused = #expect(throws: PostgresError.self) { try admin.query("SELECT kinerja.open_year_table('unit_sums', 2024)") }
        #expect(refused?.sqlState == .insufficientPrivilege)
        try admin.execute("RESET ROLE")
    }

    /// 023 checks every reference to a key in one anti-join; a missing value is still named with its column.
    @Test func theReferenceCheckNamesTheColumnOfAMissingValue() throws {
        let database = try TestDatabase(suite: "year_references")
        let db = try database.connect()
        defer { db.close() }
        // stand-ins for a year's new partitions, under the names publish_year would pass
        try db.execute("""
            CREATE TABLE kinerja.ref_employee (nip text); INSERT INTO kinerja.ref_employee VALUES ('1'), ('2'), ('3');
            CREATE TABLE kinerja.ref_appraisal (nip text, rater_nip text); INSERT INTO kinerja.ref_appraisal VALUES ('1', '2'), ('2', NULL);
            CREATE TABLE kinerja.ref_cell (nip text, rater_nip text); INSERT INTO kinerja.ref_cell VALUES ('3', '1');
            CREATE TABLE kinerja.ref_intervention (nip text); INSERT INTO kinerja.ref_intervention VALUES ('3')
            """)
        let partitions = #"'{"employee": "ref_employee", "appraisal": "ref_appraisal", "rating_cell": "ref_cell", "intervention": "ref_intervention"}'"#
        let check = "SELECT kinerja.check_year_references(2024, \(partitions))"
        try db.execute(check)   // every value is an employee (a NULL rater is no reference)
        for (table, row, message) in [
            ("ref_cell", "('3', '9')", "rating_cell.rater_nip 9 is not a nip of kinerja.employee in 2024"),
            ("ref_intervention", "('8')", "intervention.nip 8 is not a nip of kinerja.employee in 2024"),
            ("ref_appraisal", "('7', '1')", "appraisal.nip 7 is not a nip of kinerja.employee in 2024"),
        ] {
            try db.execute("INSERT INTO kinerja.\(table) VALUES \(row)")
            let refused = #expect(throws: PostgresError.self) { try db.execute(check) }
            #expect(refused?.sqlState == .foreignKeyViolation)
            #expect(refused?.message == message)
            try db.execute("TRUNCATE kinerja.\(table)")
        }
        try db.execute(check)
    }

    /// 029's age band: the bands at their edges, and the same answers as 004's form (three
    /// numeric comparisons) on every day of 1900-2030 against a spread of years.
    @Test func theAgeBandHasItsEdgesAndAgreesWithTheOldForm() throws {
        let database = try TestDatabase(suite: "age_band")
        let db = try database.connect()
        defer { db.close() }
        let edges = try db.query("""
            SELECT string_agg(coalesce(kinerja.age_band(d, 2024), 'NULL'), ' ' ORDER BY d NULLS LAST)
            FROM unnest(ARRAY['1995-01-01', '1994-12-31', '1985-01-01', '1984-12-31', '1975-06-15', '1974-06-15', NULL]::date[]) d
            """).scalar(String.self)
        #expect(edges == "50+ 40-49 40-49 30-39 30-39 <30 ")   // 1974 is 50 in 2024, 1995 is 29; no birth date: ''
        let disagreements = try db.query("""
            SELECT count(*) FILTER (WHERE kinerja.age_band(d, y) IS DISTINCT FROM
                       CASE WHEN d IS NULL THEN '' WHEN y - extract(year FROM d) < 30 THEN '<30'
                            WHEN y - extract(year FROM d) < 40 THEN '30-39' WHEN y - extract(year FROM d) < 50 THEN '40-49'
                            ELSE '50+' END),
                   count(*)
            FROM generate_series(DATE '1900-01-01', DATE '2030-12-31', INTERVAL '1 day') g, LATERAL (SELECT g::date AS d) x,
                 generate_series(1970, 2100, 7) y
            """)[0].decode((Int, Int).self)
        #expect(disagreements.0 == 0)
        #expect(disagreements.1 == 909_093)
    }

    /// 026's CHECK (with the generated columns it reads) against kinerja.nip_problem, the rule's
    /// statement: on NIPs built from every edge of the rule, a row is refused exactly when the rule
    /// gives a reason.
    @Test func theNIPCheckRefusesExactlyWhatTheRuleGivesAReasonFor() throws {
        let database = try TestDatabase(suite: "nip_check")
        let db = try database.connect()
        defer { db.close() }
        try db.execute("""
            CREATE TEMP TABLE candidate (LIKE kinerja.employee INCLUDING DEFAULTS INCLUDING GENERATED INCLUDING CONSTRAINTS);
            CREATE FUNCTION pg_temp.accepts(p_nip text, p_type text) RETURNS boolean LANGUAGE plpgsql AS $$
            BEGIN
                INSERT INTO pg_temp.candidate (year, nip, name, asn_type, unit_code) VALUES (2024, p_nip, 'N', p_type, 'U');
                RAISE EXCEPTION 'accepted' USING ERRCODE = 'P0001';   -- undoes the row, keeps the answer
            EXCEPTION
                WHEN raise_exception THEN RETURN true;
                WHEN others THEN RETURN false;
            END
            $$
            """)
        let verdicts = try db.query("""
            WITH built AS (
                SELECT y || m || d || c || g || '001' AS nip
                FROM unnest(ARRAY['0000', '1899', '1900', '1901', '1996', '2000', '2023', '2024']) y,
                     (SELECT lpad(v::text, 2, '0') FROM generate_series(0, 13) v) mm(m),
                     unnest(ARRAY['00', '01', '28', '29', '30', '31', '32']) d,
                     unnest(ARRAY['189912', '199000', '199001', '199012', '199013', '202412']) c,
                     unnest(ARRAY['0', '1', '2', '3']) g
            ),
            odd(nip) AS (VALUES
                (''), ('19700201199004100'), ('1970020119900410011'), ('19700201199004100a'), ('abcdefghijklmnopqr'),
                (' 1970020119900410'), ('1970020119900410 '), ('+1970020119900410'), ('-1970020119900410'),
                ('0x0000000000000001'), ('1_0000000000000000'), ('000000000000000000'), ('999999999999999999'),
                ('１９７００２０１１９９００４１００１'), ('١٩٧٠٠٢٠١١٩٩٠٠٤١٠٠١'), (NULL)
            ),
            verdict AS (
                SELECT n.nip, t, kinerja.nip_problem(n.nip, t) IS NULL AS rule_accepts, pg_temp.accepts(n.nip, t) AS check_accepts
                FROM (SELECT nip FROM built UNION ALL SELECT nip FROM odd) n, unnest(ARRAY['PNS', 'PPPK']) t
            )
            SELECT count(*) FILTER (WHERE rule_accepts), count(*) FILTER (WHERE NOT rule_accepts),
                   coalesce(string_agg(coalesce(nip, 'NULL') || ' ' || t, ', ') FILTER (WHERE rule_accepts <> check_accepts), '')
            FROM verdict
            """)[0].decode((Int, Int, String).self)
        #expect(verdicts.0 == 19_874 && verdicts.1 == 17_790)   // both answers are well represented
        #expect(verdicts.2 == "")   // the NIPs (and ASN types) on which the two disagree
    }
}

@Suite("Migrations on loaded data", .serialized)
struct MigrationBackfillTests {
    @Test("010 to 022 derive rating_cell, unit_rollup, rating_ratee and unit_rater, re-key the years loaded before them and list periods without patterns")
    func derivedTablesAreBackfilled() throws {
        let database = try TestDatabase(suite: "migrate_backfill", migrated: false)
        let db = try database.connect()
        defer { db.close() }
        // the schema as it was before 010: every migration numbered below it
        let before = try Migrator(files: SQLCatalog.files.filter { key, _ in
            guard key.hasPrefix("migrations/"), let number = Int(key.dropFirst("migrations/".count).prefix(3)) else { return true }
            return number < 10
        })
        _ = try before.migrate(on: db)
        let folder = try LoadFolder()
        defer { folder.remove() }
        let report = try Loader(conninfo: database.conninfo, logger: .init(label: "test"))
            .load(.init(year: 2024, directory: try folder.write(), reportPath: "/dev/null"))
        #expect(report.outcome == .succeeded)
        // someone's view of the interventions and a privilege granted on them, which 021 keeps
        try db.execute("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'test_analyst') THEN CREATE ROLE test_analyst; END IF; END $$")
        try db.execute("CREATE VIEW public.coaching_count AS SELECT count(*) AS n FROM kinerja.intervention WHERE kind = 'pembinaan'")
        try db.execute("GRANT SELECT ON kinerja.intervention TO test_analyst")
        #expect(try Migrator().migrate(on: db).map(\.version) == [10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29])
        #expect(try db.query("SELECT n FROM public.coaching_count").scalar(Int.self) == 1)
        #expect(try db.query("SELECT has_table_privilege('test_analyst', 'kinerja.intervention', 'SELECT')").scalar(Bool.self))
        #expect(try db.query("SELECT relkind::text FROM pg_class WHERE oid = 'kinerja.intervention'::regclass").scalar(String.self) == "p")
        // 015, 017 and 021: no foreign key to employee is left (the references are checked inside the
        // year, kinerja.check_year_references), on the loaded partitions too; rating has none (not even
        // the one to rating_item); appraisal's period check is a list
        func keys(_ table: String) throws -> (Int, Int) {
            try db.query("""
                SELECT count(*), count(*) FILTER (WHERE confrelid = 'kinerja.employee'::regclass)
                FROM pg_constraint WHERE conrelid = \(table)::regclass AND contype = 'f'
                """)[0].decode((Int, Int).self)
        }
        #expect(try keys("kinerja.rating_y2024") == (0, 0))
        #expect(try keys("kinerja.rating_cell_y2024") == (0, 0))
        #expect(try keys("kinerja.appraisal_y2024") == (2, 0))   // 025: the label, and the cell of the matrix
        // 025: the one key to predikat_matrix refuses an expectation its two keys to expectation refused
        let notACell = #expect(throws: PostgresError.self) {
            try db.execute("""
                INSERT INTO kinerja.appraisal (year, nip, period, regime, hasil_kerja, perilaku_kerja, label_code, step)
                SELECT 2024, '199001012020121001', 'Q1', regime, 'LUAR_BIASA', 'SESUAI', label_code, step
                FROM kinerja.regime_label WHERE regime = 'PERMENPANRB_6_2022' LIMIT 1
                """)
        }
        #expect(notACell?.sqlState == .foreignKeyViolation)
        #expect(notACell?.message.contains("appraisal_matrix_cell_fkey") == true)
        #expect(try db.query("SELECT count(*) FROM kinerja.year_reference").scalar(Int.self) == 5)
        #expect(try db.query("SELECT count(*) FROM kinerja.intervention_y2024").scalar(Int.self) == 1)   // interventions, partitioned
        #expect(try db.query("SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = 'kinerja.appraisal_y2024'::regclass AND conname = 'appraisal_period_check'").scalar(String.self).contains("~") == false)
        // 028: rating's and rating_cell's keys are unique indexes comparing the NIPs as integers, and
        // rating_cell's raters' index too, on the loaded partitions as well
        func indexes(_ table: String) throws -> String {
            try db.query("""
                SELECT (SELECT count(*) FROM pg_constraint WHERE conrelid = \(table)::regclass AND contype = 'p') || ' | ' ||
                       string_agg(CASE WHEN indisunique THEN 'unique ' ELSE '' END || regexp_replace(pg_get_indexdef(indexrelid), '^.* USING ', ''),
                                  '; ' ORDER BY NOT indisunique)
                FROM pg_index WHERE indrelid = \(table)::regclass
                """).scalar(String.self)
        }
        #expect(try indexes("kinerja.rating_y2024") == "0 | unique btree (((nip)::bigint), ((rater_nip)::bigint), item, period, year)")
        #expect(try indexes("kinerja.rating_cell_y2024")
            == "0 | unique btree (((nip)::bigint), ((rater_nip)::bigint), rater_role, period, year); btree (((rater_nip)::bigint), year)")
        let repeated = #expect(throws: PostgresError.self) {
            try db.execute("INSERT INTO kinerja.rating SELECT * FROM kinerja.rating WHERE year = 2024 LIMIT 1")
        }
        #expect(repeated?.sqlState == .uniqueViolation)
        // 022: the employees' and appraisals' keys led by the NIP, the year last, on the loaded partitions too
        #expect(try db.query("SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = 'kinerja.employee_y2024'::regclass AND contype = 'p'").scalar(String.self)
            == "PRIMARY KEY (nip, year)")
        #expect(try db.query("SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = 'kinerja.appraisal_y2024'::regclass AND contype = 'p'").scalar(String.self)
            == "PRIMARY KEY (nip, period, year)")
        let cells = try db.query("""
            SELECT (SELECT count(*) FROM kinerja.rating_cell),
                   (SELECT count(*) FROM (SELECT year, period, nip, rater_nip, rater_role, count(*)::int, sum(score)
                                          FROM kinerja.rating GROUP BY 1, 2, 3, 4, 5
                                          EXCEPT SELECT * FROM kinerja.rating_cell) d),
                   (SELECT sum(n) FROM kinerja.unit_rollup WHERE period = 'Y'),
                   (SELECT count(*) FROM kinerja.annual_appraisal)
            """)[0].decode((Int, Int, Int, Int).self)
        #expect(cells.0 == 3)   // the folder's three ratings: three (ratee, rater) pairs
        #expect(cells.1 == 0)
        #expect(cells.2 == 5)
        #expect(cells.3 == 5)
        let ratees = try db.query("""
            SELECT (SELECT count(*) FROM kinerja.rating_ratee_y2024), (SELECT sum(raters) FROM kinerja.rating_ratee_y2024),
                   (SELECT count(*) FROM kinerja.unit_rater_y2024)
            """)[0].decode((Int, Int, Int).self)
        #expect(ratees.1 == 3)   // one value per (ratee, rater)
        #expect(ratees.0 >= 1 && ratees.2 >= 1)
        // and the next load keeps them through publish_year; 018's and 020's rollup sums what 011's summed
        func rollup() throws -> String {
            try db.query("SELECT string_agg(r::text, ' ' ORDER BY r::text) FROM kinerja.appraisal_rollup r WHERE year = 2024").scalar(String.self)
        }
        let rolledUpBefore018 = try rollup()
        #expect(rolledUpBefore018.contains("{PERMENPANRB_6_2022}"))
        let again = try Loader(conninfo: database.conninfo, logger: .init(label: "test"))
            .load(.init(year: 2024, directory: try folder.write(), reportPath: "/dev/null"))
        #expect(again.outcome == .succeeded)
        #expect(try rollup() == rolledUpBefore018)
        #expect(try db.query("SELECT count(*) FROM kinerja.rating_cell_y2024").scalar(Int.self) == 3)
        #expect(try db.query("SELECT sum(raters) FROM kinerja.rating_ratee_y2024").scalar(Int.self) == 3)
        #expect(try db.query("SELECT count(*) FROM kinerja.unit_rollup WHERE year = 2024 AND period = 'Y'").scalar(Int.self) > 0)

        // 019: a derived table is written by CREATE TABLE AS under its planner settings, which hold
        // for that statement only, and gets its parent's NOT NULLs and CHECKs
        try db.execute("BEGIN")
        defer { _ = try? db.execute("ROLLBACK") }
        try db.execute("SET LOCAL enable_hashagg = on")
        try db.execute("CREATE TEMP VIEW copied_ratees AS SELECT * FROM kinerja.rating_ratee_y2024")
        let built = try db.query("SELECT kinerja.build_derived_year_table('rating_ratee', 2024, 'pg_temp.copied_ratees')").scalar(String.self)
        #expect(try db.query("SELECT current_setting('enable_hashagg') || ' ' || current_setting('parallel_tuple_cost')").scalar(String.self) == "on 0.1")
        #expect(try db.query("SELECT count(*) FROM (TABLE kinerja.\(unescaped: built) EXCEPT TABLE kinerja.rating_ratee_y2024) d").scalar(Int.self) == 0)
        func shape(_ table: String) throws -> String {
            try db.query("""
                SELECT string_agg(attname || ' ' || format_type(atttypid, atttypmod) || CASE WHEN attnotnull THEN ' not null' ELSE '' END, ', ' ORDER BY attnum)
                    || ' / ' || (SELECT string_agg(pg_get_constraintdef(oid), ', ' ORDER BY pg_get_constraintdef(oid))
                                 FROM pg_constraint WHERE conrelid = \(table)::regclass AND contype IN ('c', 'p') AND conname NOT LIKE '%year')
                FROM pg_attribute WHERE attrelid = \(table)::regclass AND attnum > 0 AND NOT attisdropped
                """).scalar(String.self)
        }
        #expect(try shape("kinerja.\(built)") == shape("kinerja.rating_ratee_y2024"))
        #expect(try db.query("SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conname = \(built + "_year")").scalar(String.self) == "CHECK ((year = 2024))")
    }
}
