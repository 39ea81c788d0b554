import Foundation
import Kinerja
import KinerjaGenerator
import Logging
import Postgres
import Testing
import TestSupport

/// The trend questions find the stories the generator planted in ten years of a city, and nothing
/// else: the manifest beside the data holds the known answers.
@Suite("Trend questions against the generator's manifest", .serialized)
final class ManifestTrendTests {
    let database: TestDatabase
    let manifest: Manifest
    let folder: URL

    init() throws {
        database = try TestDatabase(suite: "manifest")
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("kinerja-city-\(UUID().uuidString)")
        manifest = try Generator(options: GeneratorOptions(profile: .city, years: 2016...2025, seed: 42, outputDirectory: folder)).run()
        let loader = Loader(conninfo: database.conninfo, logger: Logger(label: "test"))
        for year in 2016...2025 {
            let report = try loader.load(.init(year: year, directory: folder.appendingPathComponent("\(year)"), reportPath: "/dev/null"))
            precondition(report.outcome == .succeeded, "\(year): \(report.firstRejections)")
        }
    }

    deinit { try? FileManager.default.removeItem(at: folder) }

    func withDB<T>(_ body: (PostgresConnection) throws -> T) throws -> T {
        let db = try database.connect()
        defer { db.close() }
        return try body(db)
    }

    /// The rollup every trend reads, against the rule written out once more in the plainest SQL:
    /// each year's periods as recorded, plus the annual results under 'Y' in a year without 'Y'
    /// rows (2021: S1 and S2), grouped by the people dimensions with their regimes.
    @Test func theRollupSumsEveryAppraisalOnce() throws {
        let (rows, missing, extra, years2021) = try withDB { db in
            try db.query("""
                WITH expected AS (
                    SELECT a.year, a.period, e.unit_code, e.asn_type, coalesce(e.position_type, '') AS position_type,
                           coalesce(e.gender, 0) AS gender, kinerja.age_band(e.birth_date, a.year) AS age_band,
                           count(*)::int AS n, count(*) FILTER (WHERE a.step = 1)::int, count(*) FILTER (WHERE a.step = 2)::int,
                           count(*) FILTER (WHERE a.step = 3)::int, count(*) FILTER (WHERE a.step = 4)::int,
                           count(*) FILTER (WHERE a.step = 5)::int, sum(a.step)::int, count(a.score)::int,
                           coalesce(sum(a.score), 0), array_agg(DISTINCT a.regime ORDER BY a.regime)
                    FROM (SELECT year, nip, period, step, score, regime FROM kinerja.appraisal
                          UNION ALL
                          SELECT year, nip, 'Y', step, score, regime FROM kinerja.annual_appraisal x
                          WHERE NOT EXISTS (SELECT FROM kinerja.appraisal y WHERE y.year = x.year AND y.period = 'Y')) a
                    JOIN kinerja.employee e USING (year, nip)
                    GROUP BY 1, 2, 3, 4, 5, 6, 7)
                SELECT (SELECT count(*) FROM kinerja.appraisal_rollup),
                       (SELECT count(*) FROM (SELECT * FROM expected EXCEPT SELECT * FROM kinerja.appraisal_rollup) d),
                       (SELECT count(*) FROM (SELECT * FROM kinerja.appraisal_rollup EXCEPT SELECT * FROM expected) d),
                       (SELECT string_agg(DISTINCT period || ':' || array_to_string(regimes, '+'), ' ' ORDER BY period || ':' || array_to_string(regimes, '+'))
                        FROM kinerja.appraisal_rollup WHERE year = 2021)
                """)[0].decode((Int, Int, Int, String).self)
        }
        #expect(rows > 1_000)
        #expect(missing == 0 && extra == 0)
        // 2021's annual results come from both halves: under PP 46/2011 for those with only an S1
        #expect(years2021.hasPrefix("S1:PP46_2011 S2:PP30_2019 Y:"))
    }

    @Test func theImprovingUnitRisesEveryYearWithTheManifestsMeans() throws {
        let planted = try #require(manifest.improvingUnit)
        let table = try withDB { try TrendAnalytics.trend(by: .unit, scope: Scope(unit: planted.unitCode, includeSubunits: false, fromYear: 2022), minimumGroupSize: 1, on: $0) }
        let byYear = Dictionary(uniqueKeysWithValues: table.rows.indices.map { (table.record($0)["year"]!.text, table.record($0)) })
        for point in planted.meanStep {
            let mean = try #require(byYear["\(point.year)"]?["mean_step"]?.doubleValue)
            #expect(abs(mean - point.mean) < 1e-4, "mean step of \(planted.unitCode) in \(point.year)")
        }
        for year in planted.improvementYears {
            let delta = try #require(byYear["\(year)"]?["yoy_delta"]?.doubleValue)
            #expect(delta > 0, "\(planted.unitCode) improves in \(year)")
        }
    }

    @Test func thePlantedDeclinersAreFoundAndNobodyElse() throws {
        let table = try withDB { try TrendAnalytics.decliners(years: 3, scope: Scope(), on: $0) }
        let found = Set(table.rows.indices.map { table.record($0)["nip"]!.text })
        let planted = Set(manifest.decliners.people.map(\.nip))
        #expect(!planted.isEmpty)
        #expect(found == planted)
        for person in manifest.decliners.people {
            let row = table.rows.indices.map { table.record($0) }.first { $0["nip"]?.text == person.nip }
            #expect(row?["first_year"] == .int(person.years.first!))
            #expect(row?["last_year"] == .int(person.years.last!))
        }
    }

    @Test func theCurveBreakersAreExactlyTheManifests() throws {
        for year in manifest.distributionCurve.firstYear...2025 {
            let table = try withDB { try TrendAnalytics.curve(year: year, scope: Scope(), minimumGroupSize: 1, on: $0) }
            let broken = Set(table.rows.indices.map { table.record($0) }.filter { $0["broken"] == .bool(true) }
                .map { "\($0["unit_code"]!.text): \($0["description"]!.text)" })
            let expected = Set(manifest.distributionCurve.breakers.filter { $0.year == year }
                .flatMap { unit in unit.breaches.map { "\(unit.unitCode): \($0.description)" } })
            #expect(broken == expected, "curve breakers in \(year)")
        }
        #expect(!manifest.distributionCurve.breakers.isEmpty)
    }

    @Test func theCoachingEffectIsRecoveredWithinItsInterval() throws {
        let table = try withDB { try TrendAnalytics.effect(kind: "pembinaan", scope: Scope(), minimumGroupSize: 5, on: $0) }
        let all = try #require(table.rows.indices.map { table.record($0) }.first { $0["stratum"] == .string("all") })
        let low = try #require(all["ci_low"]?.doubleValue), high = try #require(all["ci_high"]?.doubleValue)
        let planted = manifest.coaching.plantedEffectSteps
        #expect(low <= planted && planted <= high, "planted \(planted) in [\(low), \(high)]")
        #expect(low > 0, "coaching helps: the interval excludes zero")
    }
}
