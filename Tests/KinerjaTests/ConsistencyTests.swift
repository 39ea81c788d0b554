import Foundation
import Kinerja
import Logging
import Postgres
import Testing
import TestSupport

/// `kinerja consistency` end to end on published examples loaded as ratings: the SQL sums and the
/// Statistics formulas must give the published coefficients.
///
/// One year (2024), one period per data set:
/// - Q1: Shrout & Fleiss (1979) Table 2, 6 targets × 4 judges, as OVERALL scores of 6 ratees (unit SF)
/// - Q2: Krippendorff (2011), 12 units × 4 observers with missing values, 1–5 scale (unit KR)
/// - Q3: one rater only
/// - Q4: a straight-liner (rater 07 gives 5 to everybody) and a rater who does not
/// - Y:  both data sets together, for `--by unit`
@Suite("Consistency on published examples", .serialized)
struct ConsistencyTests {
    static let shroutFleiss: [[Double?]] = [[9, 2, 5, 8], [6, 1, 3, 2], [8, 4, 6, 8], [7, 1, 2, 6], [10, 5, 6, 9], [6, 2, 4, 7]]
    /// units × observers A–D; nil = no rating.
    static let krippendorff: [[Double?]] = {
        let observers: [[Double?]] = [
            [1, 2, 3, 3, 2, 1, 4, 1, 2, nil, nil, nil],
            [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, nil, 3],
            [nil, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, nil],
            [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, nil],
        ]
        return (0..<12).map { unit in observers.map { $0[unit] } }
    }()
    /// Krippendorff's observers as roles: A atasan, B and C rekan, D bawahan (for Cohen's kappa).
    static let krippendorffRoles = ["atasan", "rekan", "rekan", "bawahan"]

    /// PPPK numbers (18 digits, not decoded): ratees 01–06 in SF, 11–22 in KR, raters 07–10 in ROOT.
    static func nip(_ n: Int) -> String { String(format: "2000010120230100%02d", n) }
    static let raters = (7...10).map(nip)

    static let fixture = Result { try ConsistencyTests.load() }
    let database: TestDatabase

    init() throws {
        database = try Self.fixture.get()
    }

    static func load() throws -> TestDatabase {
        let database = try TestDatabase(suite: "consistency")
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kinerja-consistency-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let units = """
            instansi_code,instansi_name,unit_code,unit_name,parent_unit_code
            PEMKO-LANGSA,Pemerintah Kota Langsa,ROOT,Sekretariat Daerah,
            PEMKO-LANGSA,Pemerintah Kota Langsa,SF,Shrout Fleiss,ROOT
            PEMKO-LANGSA,Pemerintah Kota Langsa,KR,Krippendorff,ROOT
            """
        let people = (1...22).map { n in
            "\(nip(n)),Pegawai \(n),PPPK,\(n <= 6 ? "SF" : n <= 10 ? "ROOT" : "KR"),Staf,pelaksana,IX"
        }
        var ratings: [String] = []
        func add(_ matrix: [[Double?]], ratees: [String], roles: [String], period: String, raterCount: Int = 4) {
            for (ratee, row) in zip(ratees, matrix) {
                for (j, score) in row.prefix(raterCount).enumerated() {
                    guard let score else { continue }
                    ratings.append("\(ratee),\(period),\(raters[j]),\(roles[j]),OVERALL,\(ResultValue.double(score).text)")
                }
            }
        }
        let sfRatees = (1...6).map(nip), krRatees = (11...22).map(nip)
        let rekan = Array(repeating: "rekan", count: 4)
        add(shroutFleiss, ratees: sfRatees, roles: rekan, period: "Q1")
        add(krippendorff, ratees: krRatees, roles: krippendorffRoles, period: "Q2")
        add(shroutFleiss, ratees: sfRatees, roles: rekan, period: "Q3", raterCount: 1)
        add([[5, 3], [5, 4], [5, 2], [5, 5], [5, 1], [5, 3]], ratees: sfRatees, roles: rekan, period: "Q4", raterCount: 2)
        add(shroutFleiss, ratees: sfRatees, roles: rekan, period: "Y")
        add(krippendorff, ratees: krRatees, roles: krippendorffRoles, period: "Y")
        let files = [
            "units.csv": units,
            "employees.csv": "nip,name,asn_type,unit_code,position,position_type,grade\n" + people.joined(separator: "\n"),
            "appraisals.csv": "nip,period,rater_nip,regime,score,hasil_kerja,perilaku_kerja,predikat",
            "ratings.csv": "nip,period,rater_nip,rater_role,item,score\n" + ratings.joined(separator: "\n"),
        ]
        for (name, text) in files { try Data((text + "\n").utf8).write(to: dir.appendingPathComponent(name)) }
        let report = try Loader(conninfo: database.conninfo, logger: Logger(label: "test"))
            .load(.init(year: 2024, directory: dir, reportPath: "/dev/null"))
        guard report.outcome == .succeeded else { throw LoadFailed(description: "\(report.firstRejections)") }
        return database
    }

    struct LoadFailed: Error, CustomStringConvertible { let description: String }

    func consistency(_ request: ConsistencyRequest) throws -> ResultTable {
        let db = try database.connect()
        defer { db.close() }
        return try ConsistencyAnalytics.consistency(request, on: db)
    }

    /// True when the field is a number within `tolerance` of `expected`.
    func near(_ value: ResultValue?, _ expected: Double, _ tolerance: Double = 5e-4) -> Bool {
        guard let actual = value?.doubleValue else { return false }
        return abs(actual - expected) <= tolerance
    }

    @Test("Shrout & Fleiss (1979): the six ICCs to 3 decimals, through SQL")
    func shroutFleissICCs() throws {
        let table = try consistency(ConsistencyRequest(year: 2024, period: "Q1", minimumGroupSize: 1))
        #expect(table.rows.count == 1)
        let row = table.record(0)
        #expect(row["ratees"] == .int(6) && row["raters"] == .int(4) && row["ratings"] == .int(24))
        #expect(row["mean_ratings_per_ratee"] == .double(4))
        #expect(row["design"] == .string("crossed"))
        #expect(row["complete_ratees"] == .int(6) && row["dropped_ratees"] == .int(0))
        for (field, published) in [("icc1", 0.166), ("icc2", 0.290), ("icc3", 0.715), ("icc1k", 0.443), ("icc2k", 0.620), ("icc3k", 0.909)] {
            #expect(near(row[field], published), "\(field) = \(row[field]?.text ?? "missing"), published \(published)")
        }
        // 95% intervals as R psych::ICC / pingouin give them (4 decimals)
        #expect(near(row["icc1_lo"], -0.1329, 1e-4) && near(row["icc1_hi"], 0.7226, 1e-4))
        #expect(near(row["icc2_lo"], 0.0188, 1e-4) && near(row["icc2_hi"], 0.7611, 1e-4))
        #expect(near(row["icc3_lo"], 0.3425, 1e-4) && near(row["icc3_hi"], 0.9459, 1e-4))
        #expect(near(row["icc3k_lo"], 0.6757, 1e-4) && near(row["icc3k_hi"], 0.9859, 1e-4))
        // a 1-10 scale is banded (all <= 50 -> band 1): the kappa paradox in full. Every rating in one
        // category: alpha and Fleiss' kappa are undefined (chance agreement 1), with reasons, while
        // percent agreement and Gwet's AC1 are 1
        #expect(row["alpha_nominal"] == .null && row["fleiss_kappa"] == .null)
        #expect(row["percent_agreement"] == .double(1) && row["gwet_ac1"] == .double(1))
        #expect(table.notes.contains { $0.contains("alpha_nominal") && $0.contains("alpha undefined") })
        #expect(table.notes.contains { $0.contains("PP 46/2011 bands") })
    }

    @Test("Krippendorff (2011) with missing values: nominal .743, ordinal .815, interval .849, through SQL")
    func krippendorffAlphas() throws {
        let table = try consistency(ConsistencyRequest(year: 2024, period: "Q2", cohenRoles: RolePair("atasan", "bawahan"), minimumGroupSize: 1))
        let row = table.record(0)
        #expect(row["ratees"] == .int(12) && row["raters"] == .int(4) && row["ratings"] == .int(41))
        #expect(near(row["alpha_nominal"], 0.743))
        #expect(near(row["alpha_ordinal"], 0.815))
        #expect(near(row["alpha_interval"], 0.849))
        // 8 of 12 units have all 4 observers: crossed, 4 ratees dropped from ICC(2)/ICC(3)
        #expect(row["design"] == .string("crossed"))
        #expect(row["complete_ratees"] == .int(8) && row["dropped_ratees"] == .int(4))
        #expect(row["icc2"]?.doubleValue != nil && row["icc3k"]?.doubleValue != nil)
        #expect(table.notes.contains { $0.contains("8 ratees rated by all 4 raters, 4 dropped") })
        // unequal numbers of ratings per unit: Fleiss undefined, with the reason
        #expect(row["fleiss_kappa"] == .null)
        #expect(table.notes.contains { $0.hasPrefix("fleiss_kappa") && $0.contains("different numbers of ratings") })
        // Cohen, A (atasan) against D (bawahan) on units 1-9: 8 of 9 agree; p_e = 21/81, kappa = 51/60
        #expect(row["cohen_roles"] == .string("atasan-bawahan") && row["cohen_pairs"] == .int(9))
        #expect(near(row["cohen_kappa"], 0.85, 1e-4))
        // percent agreement: Σ over the 11 pairable units of agreeing ordered pairs / m(m−1), divided by 11
        // units 1,3,4,5,7,9,10,11 agree fully (8); unit 2: 3 of 4 alike -> 6/12; unit 6: none; unit 8 as unit 2
        #expect(near(row["percent_agreement"], 9.0 / 11, 1e-4))
        #expect(row["gwet_ac1"]?.doubleValue != nil && row["gwet_ac2"]?.doubleValue != nil)
        #expect(table.notes.contains { $0.contains("1-5 scale") })
    }

    @Test("one rater: every coefficient null with a note, nothing NaN, no crash")
    func oneRater() throws {
        let table = try consistency(ConsistencyRequest(year: 2024, period: "Q3", minimumGroupSize: 1))
        let row = table.record(0)
        #expect(row["ratees"] == .int(6) && row["raters"] == .int(1) && row["ratings"] == .int(6))
        #expect(row["design"] == .string("nested"))
        let coefficients = ["icc1", "icc1k", "icc2", "icc3", "alpha_nominal", "alpha_ordinal", "alpha_interval", "fleiss_kappa",
                            "cohen_kappa", "gwet_ac1", "gwet_ac2", "percent_agreement"]
        for field in coefficients {
            #expect(row[field] == .null, "\(field) should be null")
            // notes read "fields: reason"
            #expect(table.notes.contains { $0.split(separator: ":").first?.contains(field) == true }, "no note explains \(field)")
        }
        #expect(table.notes.contains { $0.contains("one rating per target") })
        // JSON renders nulls, never NaN
        let json = String(decoding: try ResultRenderer.json(table), as: UTF8.self)
        #expect(!json.contains("NaN") && json.contains("\"icc1\": null"))
        // nothing at all: no rows and a note, no crash
        let empty = try consistency(ConsistencyRequest(year: 2024, period: "M07", minimumGroupSize: 1))
        #expect(empty.rows.isEmpty && empty.notes.contains { $0.contains("no ratings") })
    }

    @Test("--by unit: one row per unit, each unit its own data set; small units suppressed")
    func byUnit() throws {
        let table = try consistency(ConsistencyRequest(year: 2024, period: "Y", byUnit: true, minimumGroupSize: 1))
        #expect(table.values("unit_code") == [.string("KR"), .string("SF")])
        #expect(table.values("unit_name") == [.string("Krippendorff"), .string("Shrout Fleiss")])
        let kr = table.record(0), sf = table.record(1)
        #expect(near(sf["icc1"], 0.166) && near(sf["icc2"], 0.290) && near(sf["icc3k"], 0.909))
        // the category rule is one for the whole answer (values up to 10 -> bands), interval alpha is raw
        #expect(near(kr["alpha_interval"], 0.849))
        // the whole scope mixes the two data sets: one row
        let all = try consistency(ConsistencyRequest(year: 2024, period: "Y", minimumGroupSize: 1))
        #expect(all.rows.count == 1 && all.record(0)["ratees"] == .int(18))
        // a unit with its sub-units, and without
        let sub = try consistency(ConsistencyRequest(year: 2024, period: "Y", unit: "ROOT", byUnit: true, minimumGroupSize: 1))
        #expect(sub.rows.count == 2)
        let alone = try consistency(ConsistencyRequest(year: 2024, period: "Y", unit: "SF", includeSubunits: false, minimumGroupSize: 1))
        #expect(alone.record(0)["ratees"] == .int(6))
        // suppression: SF has 6 ratees, KR 12; with a threshold of 10 SF shows counts only
        let suppressed = try consistency(ConsistencyRequest(year: 2024, period: "Y", byUnit: true, minimumGroupSize: 10))
        #expect(suppressed.values("suppressed") == [.bool(false), .bool(true)])
        #expect(suppressed.record(1)["icc1"] == .null && suppressed.record(1)["ratees"] == .int(6))
        #expect(suppressed.record(0)["icc1"]?.doubleValue != nil)
        #expect(suppressed.notes.contains { $0.hasPrefix("SF:") && $0.contains("suppressed") })
    }

    @Test("--item and --role pick the table analysed; an unknown role is refused")
    func itemAndRole() throws {
        let item = try consistency(ConsistencyRequest(year: 2024, period: "Q1", item: "OVERALL", minimumGroupSize: 1))
        #expect(near(item.record(0)["icc1"], 0.166))
        #expect(try consistency(ConsistencyRequest(year: 2024, period: "Q1", item: "LOYAL", minimumGroupSize: 1)).rows.isEmpty)
        // Krippendorff, only rekan (observers B and C)
        let rekan = try consistency(ConsistencyRequest(year: 2024, period: "Q2", role: "rekan", minimumGroupSize: 1))
        #expect(rekan.record(0)["raters"] == .int(2))
        #expect(rekan.record(0)["cohen_kappa"] == .null)
        #expect(rekan.notes.contains { $0.contains("only rekan ratings are analysed") })
        // only atasan ratings: no ratee has a bawahan value to pair with
        let atasan = try consistency(ConsistencyRequest(year: 2024, period: "Q2", role: "atasan", cohenRoles: RolePair("atasan", "bawahan"), minimumGroupSize: 1))
        #expect(atasan.record(0)["cohen_pairs"] == .int(0) && atasan.record(0)["cohen_kappa"] == .null)
        // roles are read in any case
        let upper = try consistency(ConsistencyRequest(year: 2024, period: "Q2", role: "Rekan", minimumGroupSize: 1))
        #expect(upper.rows == rekan.rows)
        #expect(throws: ConsistencyAnalytics.RequestError.self) {
            try consistency(ConsistencyRequest(year: 2024, period: "Q1", role: "boss"))
        }
    }

    @Test("raters: leniency against the other judges, its interval and flags, worked out by hand")
    func ratersByHand() throws {
        let db = try database.connect()
        defer { db.close() }
        let table = try ConsistencyAnalytics.raters(RatersRequest(year: 2024, period: "Q1", minimumGroupSize: 1), on: db)
        // judge j against the mean of the other three on each target: (4 x_ij − S_i)/3; averaged over the
        // 6 targets: (4 x̄_j − S̄)/3 with S̄ = 127/6. Judge 1 (rater 07): (4·46/6 − 127/6)/3 = 3.1667,
        // deviations 4, 4, 2, 4, 3.33, 1.67: s = 1.0698, t(5) = 2.5706 -> [2.044, 4.289]: lenient (> 3).
        // Judge 2 (rater 08): −3.7222, [−4.672, −2.773]: severe. Judges 3 and 4: −1.28 and 1.83, no flag.
        let byNIP = Dictionary(uniqueKeysWithValues: table.rows.indices.map { (table.record($0)["rater_nip"]!.text, table.record($0)) })
        let judge1 = try #require(byNIP[Self.raters[0]]), judge2 = try #require(byNIP[Self.raters[1]])
        #expect(near(judge1["leniency"], 3.1667, 1e-4) && near(judge1["leniency_lo"], 2.044, 1e-3) && near(judge1["leniency_hi"], 4.289, 1e-3))
        #expect(judge1["flag"] == .string("lenient") && judge1["mean_score"] == .double(7.6667))
        #expect(near(judge2["leniency"], -3.7222, 1e-4) && near(judge2["leniency_lo"], -4.672, 1e-3) && near(judge2["leniency_hi"], -2.773, 1e-3))
        #expect(judge2["flag"] == .string("severe"))
        #expect(near(byNIP[Self.raters[2]]?["leniency"], -1.2778, 1e-4) && byNIP[Self.raters[2]]?["flag"] == .null)
        #expect(near(byNIP[Self.raters[3]]?["leniency"], 1.8333, 1e-4) && byNIP[Self.raters[3]]?["flag"] == .null)
        // largest |leniency| first
        #expect(table.values("rater_nip").map(\.text) == [Self.raters[1], Self.raters[0], Self.raters[3], Self.raters[2]])
        // a higher threshold keeps judge 2 only
        let strict = try ConsistencyAnalytics.raters(RatersRequest(year: 2024, period: "Q1", threshold: 3.5, minimumGroupSize: 1), on: db)
        #expect(strict.values("flag").filter { $0 != .null } == [.string("severe")])
        // straight-lining: rater 07 gives 5 to all six in Q4, rater 08 does not
        let q4 = try ConsistencyAnalytics.raters(RatersRequest(year: 2024, period: "Q4", minimumGroupSize: 1), on: db)
        let straight = Dictionary(uniqueKeysWithValues: q4.rows.indices.map { (q4.record($0)["rater_nip"]!.text, q4.record($0)["straight_lining"]!) })
        #expect(straight == [Self.raters[0]: .bool(true), Self.raters[1]: .bool(false)])
        // suppression: six ratees each, below a threshold of 7 no scores are shown
        let hidden = try ConsistencyAnalytics.raters(RatersRequest(year: 2024, period: "Q1", minimumGroupSize: 7), on: db)
        #expect(hidden.values("leniency").allSatisfy { $0 == .null } && hidden.values("suppressed").allSatisfy { $0 == .bool(true) })
    }

    @Test("gaps: atasan − bawahan on Krippendorff's observers A and D, worked out by hand")
    func gapsByHand() throws {
        let db = try database.connect()
        defer { db.close() }
        // units 1–9 have A (atasan) and D (bawahan); they differ only on unit 6 (1 − 4): 9 pairs, mean −1/3,
        // s² = 1, se = 1/3, t(8) = 2.3060 -> [−1.1020, 0.4353]
        let table = try ConsistencyAnalytics.gaps(GapsRequest(period: "Q2", roles: RolePair("atasan", "bawahan"), minimumGroupSize: 1), on: db)
        #expect(table.rows.count == 1)
        let kr = table.record(0)
        #expect(kr["unit_code"] == .string("KR") && kr["ratees"] == .int(9) && kr["pairs"] == .int(9))
        #expect(kr["mean_gap"] == .double(-0.3333) && kr["gap_lo"] == .double(-1.102) && kr["gap_hi"] == .double(0.4353))
        // by default atasan against each other role: here only rekan (B, C) is there too
        let all = try ConsistencyAnalytics.gaps(GapsRequest(period: "Q2", minimumGroupSize: 1), on: db)
        #expect(all.values("role_b").map(\.text) == ["bawahan", "rekan"])
        // 9 ratees are fewer than 10: suppressed
        let hidden = try ConsistencyAnalytics.gaps(GapsRequest(period: "Q2", roles: RolePair("atasan", "bawahan"), minimumGroupSize: 10), on: db)
        #expect(hidden.record(0)["suppressed"] == .bool(true) && hidden.record(0)["mean_gap"] == .null)
        // one unit: the same gap; a unit nobody works in has none
        let unit = try ConsistencyAnalytics.gaps(GapsRequest(period: "Q2", unit: "KR", includeSubunits: false, roles: RolePair("atasan", "bawahan"), minimumGroupSize: 1), on: db)
        #expect(unit.rows.count == 1 && unit.record(0)["ratees"] == .int(9) && unit.record(0)["mean_gap"] == .double(-0.3333))
        let elsewhere = try ConsistencyAnalytics.gaps(GapsRequest(period: "Q2", unit: "NOWHERE", roles: RolePair("atasan", "bawahan"), minimumGroupSize: 1), on: db)
        #expect(elsewhere.rows.isEmpty)
    }

    @Test("the category rule: PP 46/2011 bands above a scale maximum of 5, rounding on a 1–5 scale")
    func categoryRule() throws {
        let db = try database.connect()
        defer { db.close() }
        let cases: [(value: String?, scaleMax: String, category: Int?)] = [
            ("91.0", "100", 5), ("90.99", "100", 4), ("76", "100", 4), ("75.95", "100", 3), ("61", "100", 3),
            ("51", "100", 2), ("50.9", "100", 1), ("0", "100", 1), ("110", "120", 5),
            ("3.5", "5", 4), ("3.49", "5", 3), ("1", "5", 1), (nil, "100", nil),
        ]
        for c in cases {
            let category = try db.query(PostgresQuery("SELECT kinerja.rating_category(\(c.value)::numeric, \(c.scaleMax)::numeric)::int"))
                .scalar(Int?.self)
            #expect(category == c.category, "category of \(c.value ?? "NULL") on a scale up to \(c.scaleMax)")
        }
        // the mean of 90.9 and 91.1 is 91 exactly (numeric), so band 5
        #expect(try db.query("SELECT kinerja.rating_category(avg(x), 100)::int FROM unnest('{90.9,91.1}'::numeric[]) x").scalar(Int.self) == 5)
    }
}
