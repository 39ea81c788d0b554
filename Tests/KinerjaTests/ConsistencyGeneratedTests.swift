import Foundation
import Kinerja
import KinerjaGenerator
import Logging
import Postgres
import Testing
import TestSupport

/// The consistency questions on generated city data (2024–2025, seed 42), checked against the
/// manifest's planted answers: lenient and severe raters (story 3) and perception-gap units (story 4).
@Suite("Consistency on generated city data", .serialized)
struct ConsistencyGeneratedTests {
    static let years = 2024...2025
    /// Share of unplanted raters (among those with an interval) that may be flagged.
    static let maximumFalsePositiveRate = 0.01
    /// The same, leaving out the mirror images of planted raters in their own units.
    static let maximumOtherFalsePositiveRate = 0.0025

    struct Fixture: Sendable {
        let database: TestDatabase
        let manifest: Manifest
    }

    static let fixture = Result { () throws -> Fixture in
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kinerja-consistency-city-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let manifest = try Generator(options: GeneratorOptions(profile: .city, years: years, seed: 42, outputDirectory: dir)).run()
        let database = try TestDatabase(suite: "consistency_city")
        for year in years {
            let report = try Loader(conninfo: database.conninfo, logger: Logger(label: "test"))
                .load(.init(year: year, directory: dir.appendingPathComponent(String(year)), reportPath: "/dev/null"))
            guard report.outcome == .succeeded else { throw ConsistencyTests.LoadFailed(description: "\(report.firstRejections)") }
        }
        return Fixture(database: database, manifest: manifest)
    }

    let fixture: Fixture

    init() throws {
        fixture = try Self.fixture.get()
    }

    func withDB<T>(_ body: (PostgresConnection) throws -> T) throws -> T {
        let db = try fixture.database.connect()
        defer { db.close() }
        return try body(db)
    }

    func records(_ table: ResultTable) -> [[String: ResultValue]] {
        table.rows.indices.map { table.record($0) }
    }

    @Test("the loader's derived tables hold exactly what grouping their sources gives")
    func derivedTablesAgreeWithTheirSources() throws {
        try withDB { db in
            // rating_cell: the rating rows summed per ratee, rater and role
            let cells = try db.query("""
                WITH grouped AS (SELECT year, period, nip, rater_nip, rater_role, count(*)::int AS items, sum(score) AS score_sum
                                 FROM kinerja.rating GROUP BY 1, 2, 3, 4, 5)
                SELECT (SELECT count(*) FROM kinerja.rating_cell), (SELECT count(*) FROM grouped),
                       (SELECT count(*) FROM (SELECT * FROM grouped EXCEPT SELECT * FROM kinerja.rating_cell) d),
                       (SELECT count(*) FROM (SELECT * FROM kinerja.rating_cell EXCEPT SELECT * FROM grouped) d)
                """)[0].decode((Int, Int, Int, Int).self)
            #expect(cells.0 > 10_000)
            #expect(cells.0 == cells.1)
            #expect(cells.2 == 0 && cells.3 == 0)
            // unit_rollup: appraisal_rollup summed per unit, with the union of the regimes
            let units = try db.query("""
                WITH grouped AS (
                    SELECT year, period, unit_code, sum(n)::int AS n, sum(n_step1)::int, sum(n_step2)::int, sum(n_step3)::int,
                           sum(n_step4)::int, sum(n_step5)::int, sum(sum_step)::int, sum(n_score)::int, sum(sum_score),
                           (SELECT array_agg(DISTINCT g ORDER BY g) FROM kinerja.appraisal_rollup x, unnest(x.regimes) g
                            WHERE (x.year, x.period, x.unit_code) = (r.year, r.period, r.unit_code)) AS regimes
                    FROM kinerja.appraisal_rollup r GROUP BY year, period, unit_code)
                SELECT (SELECT count(*) FROM kinerja.unit_rollup), (SELECT count(*) FROM grouped),
                       (SELECT count(*) FROM (SELECT * FROM grouped EXCEPT SELECT * FROM kinerja.unit_rollup) d),
                       (SELECT sum(n) FROM kinerja.unit_rollup WHERE period = 'Y'),
                       (SELECT count(*) FROM kinerja.annual_appraisal)
                """)[0].decode((Int, Int, Int, Int, Int).self)
            #expect(units.0 > 50)   // city: about 36 units, two years
            #expect(units.0 == units.1)
            #expect(units.2 == 0)
            #expect(units.3 == units.4)   // every employee's annual result is counted once
            // rating_ratee, unit_rater and the unit sums: per ratee the number of raters (in every
            // category and role count), who rated in each unit, and the units' totals of both
            let ratees = try db.query("""
                WITH pair AS (SELECT DISTINCT c.year, c.period, e.unit_code, c.nip, c.rater_nip
                              FROM kinerja.rating_cell c JOIN kinerja.employee e USING (year, nip))
                SELECT (SELECT count(*) FROM kinerja.rating_ratee),
                       (SELECT count(*) FROM (SELECT year, period, unit_code, nip, count(*)::int FROM pair GROUP BY 1, 2, 3, 4
                                              EXCEPT SELECT year, period, unit_code, nip, raters FROM kinerja.rating_ratee) d),
                       (SELECT count(*) FROM kinerja.rating_ratee WHERE raters <> (SELECT sum(n) FROM unnest(band_counts) n)),
                       (SELECT count(*) FROM kinerja.unit_rater),
                       (SELECT count(*) FROM (SELECT DISTINCT year, period, unit_code, rater_nip FROM pair
                                              EXCEPT SELECT * FROM kinerja.unit_rater) d),
                       (SELECT count(*) FROM (SELECT year, period, unit_code, count(*), sum(raters), max(raters) FROM kinerja.rating_ratee GROUP BY 1, 2, 3
                                              EXCEPT SELECT year, period, unit_code, ratees, ratings, max_raters
                                                     FROM kinerja.unit_sums WHERE rule = 'band') d),
                       (SELECT count(*) FROM (SELECT year, period, unit_code, sum(total) FROM kinerja.unit_category WHERE rule = 'band' GROUP BY 1, 2, 3
                                              EXCEPT SELECT year, period, unit_code, ratings FROM kinerja.unit_sums WHERE rule = 'band') d),
                       (SELECT count(*) FROM kinerja.unit_sums WHERE rule = 'band'),
                       (SELECT count(DISTINCT (year, period, unit_code)) FROM kinerja.rating_ratee)
                """)[0].decode((Int, Int, Int, Int, Int, Int, Int, Int, Int).self)
            #expect(ratees.0 > 5_000)   // city: about 4,000 ratees a year
            #expect(ratees.1 == 0 && ratees.2 == 0)
            #expect(ratees.3 > 5_000 && ratees.4 == 0)
            #expect(ratees.5 == 0 && ratees.6 == 0)
            #expect(ratees.7 == ratees.8 && ratees.7 > 50)   // every unit with ratings has its sums (36 units, two years)
            // 027: rating_ratee's sums come in two parts by the ratee's NIP; together they are the
            // sums of one part, each ratee in exactly one
            let parts = try db.query("""
                WITH whole AS (SELECT * FROM kinerja.ratee_sums('kinerja.rating_cell', 0, 1)),
                     first AS (SELECT * FROM kinerja.ratee_sums('kinerja.rating_cell', 0, 2)),
                     second AS (SELECT * FROM kinerja.ratee_sums('kinerja.rating_cell', 1, 2)),
                     halves AS (SELECT * FROM first UNION ALL SELECT * FROM second)
                SELECT (SELECT count(*) FROM whole), (SELECT count(*) FROM first), (SELECT count(*) FROM second),
                       (SELECT count(*) FROM (SELECT * FROM whole EXCEPT ALL SELECT * FROM halves) d),
                       (SELECT count(*) FROM (SELECT * FROM halves EXCEPT ALL SELECT * FROM whole) d)
                """)[0].decode((Int, Int, Int, Int, Int).self)
            #expect(parts.0 == ratees.0)
            #expect(parts.1 > ratees.0 / 3 && parts.2 > ratees.0 / 3 && parts.1 + parts.2 == parts.0)
            #expect(parts.3 == 0 && parts.4 == 0)
        }
    }

    @Test("the loader's per-ratee sums give the sums folding the ratings gives, for every scope")
    func loaderSumsAgreeWithFoldedRatings() throws {
        try withDB { db in
            let parent = try db.query("SELECT min(parent_unit_code) FROM kinerja.unit WHERE year = 2025 AND parent_unit_code IS NOT NULL")
                .scalar(String.self)
            let instansi = try db.query("SELECT min(instansi_code) FROM kinerja.unit WHERE year = 2025").scalar(String.self)
            // (instansi, unit, sub-units, by unit, Cohen roles)
            let scopes: [(String?, String?, Bool, Bool, RolePair)] = [
                (nil, nil, true, false, RolePair("atasan", "diri")),
                (nil, nil, true, true, RolePair("atasan", "bawahan")),
                (instansi, nil, true, true, RolePair("rekan", "diri")),
                (nil, parent, true, false, RolePair("atasan", "diri")),
                (nil, parent, false, false, RolePair("atasan", "rekan")),
            ]
            for year in Self.years {
                for (instansi, unit, subunits, byUnit, roles) in scopes {
                    func sums(stored: Bool) throws -> [[String?]] {
                        try db.query(PostgresQuery(try SQLCatalog.query("consistency"), binds: [
                            year, "Y", instansi, unit, subunits, nil as String?, nil as String?, byUnit, roles.a, roles.b, stored,
                        ])).map { row in (0..<row.count).map { row.text(at: $0) } }
                    }
                    let stored = try sums(stored: true), folded = try sums(stored: false)
                    let scope = "\(year) \(instansi ?? "-") \(unit ?? "-") subunits \(subunits) by unit \(byUnit)"
                    #expect(stored.count == folded.count && !stored.isEmpty, "\(scope): \(stored.count) rows, folded \(folded.count)")
                    for (a, b) in zip(stored, folded) {
                        for (x, y) in zip(a, b) where x != y {
                            #expect(Self.numbersAgree(x, y), "\(scope): \(x ?? "null") against \(y ?? "null")")
                        }
                    }
                }
            }
        }
    }

    /// Equal text, or the same numbers (also inside JSON arrays) to 1e-9 relative: the stored path
    /// sums in numeric, the folded one partly in float8.
    static func numbersAgree(_ a: String?, _ b: String?) -> Bool {
        guard let a, let b else { return a == b }
        let pattern = /-?[0-9]+(\.[0-9]+)?(e[-+]?[0-9]+)?/
        let x = a.matches(of: pattern).compactMap { Double($0.output.0) }, y = b.matches(of: pattern).compactMap { Double($0.output.0) }
        guard x.count == y.count, !x.isEmpty, a.replacing(pattern, with: "#") == b.replacing(pattern, with: "#") else { return false }
        return zip(x, y).allSatisfy { abs($0 - $1) <= 1e-9 * max(1, abs($0), abs($1)) }
    }

    @Test("planted lenient and severe raters are flagged with the right sign; few others are")
    func plantedRatersAreFlagged() throws {
        for year in Self.years {
            let table = try withDB { try ConsistencyAnalytics.raters(RatersRequest(year: year, minimumGroupSize: 1), on: $0) }
            let byNIP = Dictionary(uniqueKeysWithValues: records(table).map { ($0["rater_nip"]!.text, $0) })
            // raters whose offset applied to scores of this year
            let planted = fixture.manifest.raterOffsets.raters.filter { rater in
                rater.itemScores.contains { $0.year == year && $0.count > 0 }
            }
            #expect(planted.count >= 2, "the manifest plants lenient and severe raters in \(year)")
            for rater in planted {
                let row = try #require(byNIP[rater.nip], "planted rater \(rater.nip) missing in \(year)")
                #expect(row["flag"] == .string(rater.direction), "\(year) \(rater.nip): \(row["flag"]!.text), planted \(rater.direction)")
                let leniency = try #require(row["leniency"]?.doubleValue)
                #expect(leniency.sign == rater.offset.sign && abs(leniency) > RatersRequest.defaultThreshold,
                        "\(year) \(rater.nip): leniency \(leniency), planted \(rater.offset)")
            }
            // False positives: unplanted raters flagged, among those with an interval. Most are a mirror
            // image of a planted rater: the staff of a severe head rate the same colleagues as the head,
            // so against "the other raters" (the head among them) they look lenient, and the reverse.
            let plantedNIPs = Set(planted.map(\.nip))
            let plantedUnits = Dictionary(planted.map { ($0.unitCode, $0.direction) }, uniquingKeysWith: { a, _ in a })
            let judged = records(table).filter { $0["leniency_lo"]?.doubleValue != nil && !plantedNIPs.contains($0["rater_nip"]!.text) }
            let falsePositives = judged.filter { $0["flag"] != .null }
            let mirrored = falsePositives.filter { row in
                plantedUnits[row["unit_code"]!.text].map { $0 != row["flag"]!.text } ?? false
            }
            let rate = Double(falsePositives.count) / Double(max(1, judged.count))
            let otherRate = Double(falsePositives.count - mirrored.count) / Double(max(1, judged.count))
            print("raters \(year): \(planted.count) planted, all flagged; \(falsePositives.count) of \(judged.count) unplanted raters with an interval flagged (\(String(format: "%.2f", 100 * rate))%), \(mirrored.count) of them mirror images in a planted rater's unit, \(falsePositives.count - mirrored.count) others (\(String(format: "%.2f", 100 * otherRate))%)")
            #expect(rate < Self.maximumFalsePositiveRate)
            #expect(otherRate < Self.maximumOtherFalsePositiveRate)
            // sorted by |leniency|, largest first
            let magnitudes = table.values("leniency").compactMap(\.doubleValue).map(abs)
            #expect(magnitudes == magnitudes.sorted(by: >))
        }
    }

    @Test("planted perception-gap units have the largest atasan − bawahan gaps, intervals above zero; others near zero")
    func plantedGapUnitsStandOut() throws {
        let table = try withDB {
            try ConsistencyAnalytics.gaps(GapsRequest(roles: RolePair("atasan", "bawahan"), minimumGroupSize: 1), on: $0)
        }
        let rows = records(table)
        let planted = Set(fixture.manifest.perceptionGap.units.map(\.unitCode))
        #expect(!planted.isEmpty)
        // rows come largest gap first
        let top = rows.prefix(planted.count)
        #expect(Set(top.map { $0["unit_code"]!.text }) == planted)
        for row in top {
            #expect((row["gap_lo"]?.doubleValue ?? 0) > 0, "\(row["unit_code"]!.text): interval \(row["gap_lo"]!.text)…\(row["gap_hi"]!.text)")
        }
        let others = rows.filter { !planted.contains($0["unit_code"]!.text) }.compactMap { $0["mean_gap"]?.doubleValue }
        let plantedGaps = top.compactMap { $0["mean_gap"]?.doubleValue }
        print("gaps atasan-bawahan: planted \(plantedGaps), \(others.count) other units mean \(others.reduce(0, +) / Double(max(1, others.count))), largest \(others.map(abs).max() ?? 0)")
        #expect(!others.isEmpty)
        #expect(abs(others.reduce(0, +) / Double(others.count)) < 1)
        #expect(others.allSatisfy { abs($0) < fixture.manifest.perceptionGap.plantedGap / 2 })
        // the default answer compares atasan with each other role, and suppresses one-person gaps
        let defaults = try withDB { try ConsistencyAnalytics.gaps(GapsRequest(), on: $0) }
        #expect(Set(defaults.values("role_b").map(\.text)) == ["bawahan", "rekan", "diri"])
        #expect(records(defaults).filter { $0["suppressed"] == .bool(true) }.allSatisfy { $0["mean_gap"] == .null })
    }

    @Test("--by unit: one row per unit of the ratees, and its time")
    func byUnitOnCityData() throws {
        let year = Self.years.upperBound
        let clock = ContinuousClock()
        var table = ResultTable(columns: [], rows: [])
        let elapsed = try clock.measure {
            table = try withDB { try ConsistencyAnalytics.consistency(ConsistencyRequest(year: year, byUnit: true), on: $0) }
        }
        let units = try withDB {
            try $0.query("""
                SELECT count(DISTINCT e.unit_code) FROM kinerja.rating r JOIN kinerja.employee e USING (year, nip)
                WHERE r.year = \(year) AND r.period = 'Y'
                """).scalar(Int.self)
        }
        print("consistency --by unit, city \(year): \(table.rows.count) units in \(elapsed)")
        #expect(table.rows.count == units)
        #expect(Set(table.values("unit_code").map(\.text)).count == table.rows.count)
        // 360° input is nested: each ratee has their own raters
        #expect(Set(table.values("design").map(\.text)) == ["nested"])
        let shown = records(table).filter { $0["suppressed"] == .bool(false) }
        #expect(!shown.isEmpty && shown.allSatisfy { $0["icc1"]?.doubleValue != nil && $0["alpha_interval"]?.doubleValue != nil })
        // the whole city in one row agrees with the units' counts
        let all = try withDB { try ConsistencyAnalytics.consistency(ConsistencyRequest(year: year), on: $0) }
        #expect(all.rows.count == 1)
        #expect(all.record(0)["ratees"]?.doubleValue == table.values("ratees").compactMap(\.doubleValue).reduce(0, +))
    }
}
