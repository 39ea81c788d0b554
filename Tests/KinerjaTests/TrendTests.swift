import Foundation
import Kinerja
import Logging
import Postgres
import Testing
import TestSupport

/// Three years of five people whose steps are chosen by hand; every expected figure is worked out
/// in the comments.
@Suite("Trend questions on a hand-made history", .serialized)
struct TrendTests {
    // NIPs in LoadFolder.employees
    static let teuku = "198609262015051001", nurul = "199203152019032008", rahmat = "198001012005011002"
    static let siti = "199512312020122001", rizki = "202101012023211001"

    /// steps per year: teuku, nurul, rahmat, siti, rizki
    static let steps: [Int: [Int]] = [
        2022: [4, 5, 4, 3, 2],   // mean 3.6
        2023: [4, 4, 4, 3, 3],   // mean 3.6
        2024: [4, 3, 3, 4, 2],   // mean 3.2
    ]
    static let ratings: [Int: String] = [5: "DIATAS,DIATAS", 4: "SESUAI,SESUAI", 3: "DIBAWAH,SESUAI", 2: "SESUAI,DIBAWAH"]

    let database: TestDatabase

    init() throws {
        database = try TestDatabase(suite: "trend")
        for (year, yearSteps) in Self.steps.sorted(by: { $0.key < $1.key }) {
            var folder = try LoadFolder(year: year)
            defer { folder.remove() }
            let people = [Self.teuku, Self.nurul, Self.rahmat, Self.siti, Self.rizki]
            folder.files["appraisals.csv"] = "nip,period,rater_nip,regime,score,hasil_kerja,perilaku_kerja,predikat\n"
                + zip(people, yearSteps).map { nip, step in "\(nip),Y,,PERMENPANRB_6_2022,,\(Self.ratings[step]!)," }.joined(separator: "\n")
            // Siti is coached in 2023 (3 -> 4 in 2024); Rizki, also at 3 in 2023, is not (3 -> 2)
            folder.files["interventions.csv"] = year == 2023 ? "nip,date,kind,note\n\(Self.siti),2023-05-02,pembinaan," : "nip,date,kind,note\n"
            folder.files["unit_predikat.csv"] = year == 2024 ? "unit_code,period,predikat\nSETDA,Y,SANGAT_KURANG\nDINKES,Y,BAIK" : "unit_code,period,predikat\n"
            let report = try Loader(conninfo: database.conninfo, logger: Logger(label: "test")).load(.init(year: year, directory: try folder.write(), reportPath: "/dev/null"))
            precondition(report.outcome == .succeeded, "\(report.firstRejections)")
        }
    }

    func withDB<T>(_ body: (PostgresConnection) throws -> T) throws -> T {
        let db = try database.connect()
        defer { db.close() }
        return try body(db)
    }

    @Test func trendByInstansiHasMeansChangesAndMovingAverage() throws {
        let table = try withDB { try TrendAnalytics.trend(by: .instansi, scope: Scope(), minimumGroupSize: 1, on: $0) }
        #expect(table.columns.prefix(3) == ["instansi_code", "instansi_name", "year"])
        #expect(table.values("year") == [.int(2022), .int(2023), .int(2024)])
        #expect(table.values("mean_step") == [.double(3.6), .double(3.6), .double(3.2)])
        #expect(table.values("yoy_delta") == [.null, .double(0), .double(-0.4)])
        // (3.6 + 3.6 + 3.2) / 3 = 3.4667
        #expect(table.values("moving_avg_3y") == [.double(3.6), .double(3.6), .double(3.4667)])
        // 2022: one 5, two 4s, one 3, one 2 of five people
        #expect(table.record(0)["share_step5"] == .double(0.2))
        #expect(table.record(0)["share_step4"] == .double(0.4))
        #expect(table.record(0)["n"] == .int(5))
        #expect(table.record(0)["time"] == .string("2022-01-01"))
        #expect(table.values("regime_change") == [.bool(false), .bool(false), .bool(false)])
    }

    @Test func trendByUnitRanksSiblingsAndSuppressesSmallGroups() throws {
        let table = try withDB { try TrendAnalytics.trend(by: .unit, scope: Scope(fromYear: 2024, toYear: 2024), minimumGroupSize: 2, on: $0) }
        // 2024: SETDA {teuku 4} (1 person: suppressed), DINKES {nurul 3, rahmat 3} = 3.0, PUSK {siti 4, rizki 2} = 3.0
        let byUnit = Dictionary(uniqueKeysWithValues: table.rows.indices.map { (table.record($0)["unit_code"]!.text, table.record($0)) })
        #expect(byUnit["SETDA"]?["suppressed"] == .bool(true))
        #expect(byUnit["SETDA"]?["mean_step"] == .null)
        #expect(byUnit["DINKES"]?["mean_step"] == .double(3))
        #expect(byUnit["DINKES"]?["rank"] == .int(1))
        #expect(byUnit["PUSK"]?["rank"] == .int(1))
        #expect(table.notes.count == 1)
        // a unit with its sub-units: DINKES + PUSK in 2024 = (3 + 3 + 4 + 2) / 4
        let subtree = try withDB { try TrendAnalytics.trend(by: .instansi, scope: Scope(unit: "DINKES", fromYear: 2024), minimumGroupSize: 1, on: $0) }
        #expect(subtree.values("mean_step") == [.double(3)])
        #expect(subtree.values("n") == [.int(4)])
        let alone = try withDB { try TrendAnalytics.trend(by: .instansi, scope: Scope(unit: "DINKES", includeSubunits: false, fromYear: 2024), minimumGroupSize: 1, on: $0) }
        #expect(alone.values("n") == [.int(2)])
    }

    @Test func trendByGenderAndGradeReadNIPAndDetail() throws {
        // 2024 PNS only (Rizki is PPPK, no gender): men teuku 4, rahmat 3 -> 3.5; women nurul 3, siti 4 -> 3.5
        let gender = try withDB { try TrendAnalytics.trend(by: .gender, scope: Scope(fromYear: 2024), minimumGroupSize: 1, on: $0) }
        #expect(gender.values("gender") == [.string("female"), .string("male")])
        #expect(gender.values("mean_step") == [.double(3.5), .double(3.5)])
        let grade = try withDB { try TrendAnalytics.trend(by: .grade, scope: Scope(fromYear: 2024), minimumGroupSize: 1, on: $0) }
        #expect(grade.values("grade") == [.string("III/a"), .string("III/b"), .string("IV/a"), .string("IV/c"), .string("IX")])
        #expect(grade.values("mean_step") == [.double(3), .double(4), .double(3), .double(4), .double(2)])
        // one unit's grades: DINKES with PUSK below it is nurul III/a 3, siti III/b 4, rahmat IV/a 3,
        // rizki IX 2; DINKES alone nurul and rahmat
        let subtree = try withDB { try TrendAnalytics.trend(by: .grade, scope: Scope(unit: "DINKES", fromYear: 2024), minimumGroupSize: 1, on: $0) }
        #expect(subtree.values("grade") == [.string("III/a"), .string("III/b"), .string("IV/a"), .string("IX")])
        #expect(subtree.values("mean_step") == [.double(3), .double(4), .double(3), .double(2)])
        let alone = try withDB { try TrendAnalytics.trend(by: .grade, scope: Scope(unit: "DINKES", includeSubunits: false, fromYear: 2024), minimumGroupSize: 1, on: $0) }
        #expect(alone.values("grade") == [.string("III/a"), .string("IV/a")])
    }

    @Test func transitionsCountEachPairOfSteps() throws {
        let table = try withDB { try TrendAnalytics.transitions(from: 2023, to: 2024, scope: Scope(), minimumGroupSize: 1, on: $0) }
        // 2023 -> 2024: from 4: teuku 4, nurul 3, rahmat 3; from 3: siti 4, rizki 2
        #expect(table.values("from_step") == [1, 2, 3, 4, 5].map { .int($0) })
        let four = table.record(3)
        #expect(four["n"] == .int(3))
        #expect(four["to_step3"] == .int(2))
        #expect(four["to_step4"] == .int(1))
        #expect(four["share_to_step3"] == .double(0.6667))
        let three = table.record(2)
        #expect(three["to_step2"] == .int(1))
        #expect(three["to_step4"] == .int(1))
    }

    @Test func declinersAreFoundAndNobodyElse() throws {
        // nurul 5 -> 4 -> 3 declines twice; rahmat 4 -> 4 -> 3 once; rizki 2 -> 3 -> 2 once
        let two = try withDB { try TrendAnalytics.decliners(years: 2, scope: Scope(), on: $0) }
        #expect(two.values("nip") == [.string(Self.nurul)])
        #expect(two.record(0)["first_year"] == .int(2022))
        #expect(two.record(0)["last_year"] == .int(2024))
        let one = try withDB { try TrendAnalytics.decliners(years: 1, scope: Scope(), on: $0) }
        #expect(Set(one.values("nip").map(\.text)) == [Self.nurul, Self.rahmat, Self.rizki])
        let three = try withDB { try TrendAnalytics.decliners(years: 3, scope: Scope(), on: $0) }
        #expect(three.rows.isEmpty)
    }

    @Test func coachingEffectComparesWithTheSameStartingStep() throws {
        // t = 2023 only: treated siti 3 -> 4 (+1); control from step 3: rizki 3 -> 2 (-1); difference +2
        let table = try withDB { try TrendAnalytics.effect(kind: "pembinaan", scope: Scope(fromYear: 2023), minimumGroupSize: 1, on: $0) }
        let all = table.rows.indices.map { table.record($0) }.first { $0["stratum"] == .string("all") }
        #expect(all?["n_treated"] == .int(1))
        #expect(all?["n_control"] == .int(1))
        #expect(all?["difference"] == .double(2))
        #expect(all?["mean_delta_treated"] == .double(1))
        #expect(all?["mean_delta_control"] == .double(-1))
        // all years: siti's own 2022 -> 2023 (3 -> 3, 0) joins the controls: mean -0.5, difference 1.5
        let everything = try withDB { try TrendAnalytics.effect(kind: "pembinaan", scope: Scope(), minimumGroupSize: 1, on: $0) }
        let overall = everything.rows.indices.map { everything.record($0) }.first { $0["stratum"] == .string("all") }
        #expect(overall?["n_control"] == .int(2))
        #expect(overall?["difference"] == .double(1.5))
        // the interval: treated variance 0 (n = 1), control variance 0.5 / 2 -> se 0.5, 1.5 ± 0.98
        #expect(overall?["ci_low"] == .double(0.52))
        #expect(overall?["ci_high"] == .double(2.48))
    }

    @Test func curveFlagsBrokenBounds() throws {
        let table = try withDB { try TrendAnalytics.curve(year: 2024, scope: Scope(), minimumGroupSize: 1, on: $0) }
        // SETDA is SANGAT_KURANG with one person at step 4: no Sangat Kurang (needs 60%) and no
        // Kurang/Butuh Perbaikan (needs 10%); DINKES is BAIK with nurul 3, rahmat 3: within bounds
        let broken = table.rows.indices.map { table.record($0) }.filter { $0["broken"] == .bool(true) }
        #expect(broken.map { $0["unit_code"]!.text + ":" + $0["bound_code"]!.text } == ["SETDA:K_OR_BP_MIN_10", "SETDA:SK_MIN_60"])
        #expect(broken.map { $0["excess"] } == [.double(10), .double(60)])
        #expect(table.rows.count == 5)  // 3 SETDA bounds + 2 DINKES bounds
    }

    @Test func biViewsServeTheReaderWithTimeAndSuppression() throws {
        try withDB { db in
            try db.execute("SET ROLE kinerja_reader")
            defer { _ = try? db.execute("RESET ROLE") }
            // five people in the instansi (the threshold is 5: shown); SETDA has one (suppressed)
            let city = try db.query("SELECT time::date::text, n, mean_step FROM kinerja_bi.instansi_trend WHERE period = 'Y' ORDER BY year")
                .map { try $0.decode((String, Int, Double?).self) }
            #expect(city.map(\.0) == ["2022-01-01", "2023-01-01", "2024-01-01"])
            #expect(city.map(\.2) == [3.6, 3.6, 3.2])
            let setda = try db.query("SELECT suppressed, mean_step FROM kinerja_bi.unit_trend WHERE unit_code = 'SETDA' AND year = 2024").first!.decode((Bool, Double?).self)
            #expect(setda.0 == true)
            #expect(setda.1 == nil)
        }
    }

    @Test func employeeHistorySpansYears() throws {
        let table = try withDB { try TrendAnalytics.employee(nip: Self.siti, on: $0) }
        #expect(table.values("year") == [.int(2022), .int(2023), .int(2024)])
        #expect(table.values("step") == [.int(3), .int(3), .int(4)])
        #expect(table.record(1)["interventions"]?.text.contains("pembinaan") == true)
    }
}
