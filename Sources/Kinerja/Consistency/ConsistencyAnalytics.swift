import KinerjaDomain
import Postgres
import Statistics

/// The inter-rater questions of issue #5: do raters agree (`consistency`), who rates high or low
/// (`raters`), and do roles see the same person differently (`gaps`). PostgreSQL aggregates
/// (`sql/queries/consistency.sql`, `raters.sql`, `gaps.sql`); Swift only applies the final formulas
/// of the Statistics module to the sums. The column names are the JSON field names of the CLI and
/// the HTTP endpoint.
public enum ConsistencyAnalytics {
    /// A request that names an unknown rater role.
    public struct RequestError: Error, CustomStringConvertible {
        public let description: String
    }

    /// Inter-rater agreement of one year and period: counts, design, the six ICCs with 95%
    /// intervals, Krippendorff's alpha, Fleiss', Cohen's and Gwet's coefficients, percent agreement.
    /// One row for the scope, or one per unit (the ratee's) with `byUnit`.
    public static func consistency(_ request: ConsistencyRequest, on db: PostgresConnection) throws -> ResultTable {
        var request = request
        request.role = try request.role.map(canonical)
        request.cohenRoles = try canonical(request.cohenRoles)
        let rows = try run("consistency", [
            request.year, request.period, request.instansi, request.unit, request.includeSubunits,
            request.item, request.role, request.byUnit, request.cohenRoles.a, request.cohenRoles.b, request.usesLoaderSums,
        ], on: db)
        let groups = try rows.map(AgreementSums.init)
        var table = ResultTable(columns: ["year", "period"] + (request.byUnit ? ["unit_code", "unit_name"] : []) + consistencyColumns,
                                rows: [])
        var notes = GroupedNotes()
        for sums in groups {
            let head: [ResultValue] = [.int(request.year), .string(request.period)]
                + (request.byUnit ? [.string(sums.unitCode), sums.unitName.map(ResultValue.string) ?? .null] : [])
            table.rows.append(head + coefficientRow(sums, request, notes: &notes))
            notes.close(unit: sums.unitCode)
        }
        let valueText = request.item.map { "the rater's score on \($0)" } ?? "the mean of the rater's item scores"
        table.notes = ["table analysed: one value per (ratee, rater), \(valueText)"
                       + (request.role.map { ", ratings given as \($0) only" } ?? "")]
        if let rule = groups.first?.categoryRule {
            table.notes.append("categories for alpha_nominal, alpha_ordinal, the kappas, gwet_ac1, gwet_ac2 and percent_agreement: \(rule); alpha_interval and the ICCs use the values themselves")
        }
        if !groups.isEmpty {
            table.notes.append("design: crossed when one panel (every rater of the group) rated at least half of the ratees, else nested")
            table.notes.append("cohen_kappa: \(request.cohenRoles.a) against \(request.cohenRoles.b) on the ratees rated by both; several raters of one role count as their mean")
        }
        if groups.isEmpty {
            table.notes.append("no ratings in \(request.year) \(request.period) in this scope")
        }
        table.notes += notes.lines(unitCount: request.byUnit ? groups.count : 0)
        return table
    }

    /// Per rater: ratings given, mean score, leniency (mean of score − mean of the other raters of
    /// the same ratee and item) with its 95% interval, `lenient`/`severe` when the interval excludes
    /// zero and |leniency| exceeds the threshold, and straight-lining. Largest |leniency| first.
    public static func raters(_ request: RatersRequest, on db: PostgresConnection) throws -> ResultTable {
        var request = request
        request.role = try request.role.map(canonical)
        let rows = try run("raters", [
            request.year, request.period, request.instansi, request.unit, request.includeSubunits, request.role,
            request.minimumGroupSize,
        ], on: db)
        var table = ResultTable(columns: ["rater_nip", "name", "unit_code", "roles", "ratees", "ratings", "suppressed",
                                          "mean_score", "leniency", "leniency_lo", "leniency_hi", "flag", "straight_lining"],
                                rows: [])
        var flagged: [String: Int] = [:]
        for row in rows {
            let leniency = try row.decode(Double?.self, column: "leniency")
            let interval = try leniency.flatMap { mean in
                ConfidenceInterval.mean(of: SampleSummary(count: try row.decode(Int.self, column: "compared_ratees"), mean: mean,
                                                          variance: try row.decode(Double?.self, column: "leniency_variance") ?? 0))
            }
            var flag: String?
            if let leniency, let interval, abs(leniency) > request.threshold {
                if interval.lower > 0 { flag = "lenient" } else if interval.upper < 0 { flag = "severe" }
            }
            let straightLining = try row.decode(Bool.self, column: "straight_lining")
            for name in [flag, straightLining ? "straight_lining" : nil].compactMap({ $0 }) { flagged[name, default: 0] += 1 }
            table.rows.append([
                .string(try row.decode(String.self, column: "rater_nip")), .string(try row.decode(String.self, column: "name")),
                .string(try row.decode(String.self, column: "unit_code")), .string(try row.decode(String.self, column: "roles")),
                .int(try row.decode(Int.self, column: "ratees")), .int(try row.decode(Int.self, column: "ratings")),
                .bool(try row.decode(Bool.self, column: "suppressed")),
                rounded(try row.decode(Double?.self, column: "mean_score")), rounded(leniency),
                rounded(interval?.lower), rounded(interval?.upper), flag.map(ResultValue.string) ?? .null, .bool(straightLining),
            ])
        }
        let suppressed = table.values("suppressed").filter { $0 == .bool(true) }.count
        table.notes = [
            "leniency: the rater's score minus the mean of the other raters of the same ratee and item, averaged over items per ratee, then over ratees; the 95% interval is t over ratees",
            "flag: lenient or severe when the interval excludes 0 and |leniency| > \(ResultValue.format(request.threshold)) points",
            "straight_lining: one identical score to at least 2 ratees on every item",
            "\(rows.count) raters: \(flagged["lenient", default: 0]) lenient, \(flagged["severe", default: 0]) severe, \(flagged["straight_lining", default: 0]) straight-lining",
        ]
        if suppressed > 0 {
            table.notes.append("\(suppressed) raters rated fewer than \(request.minimumGroupSize) people: their scores are suppressed")
        }
        return table
    }

    /// Per unit (the ratee's): role A's score minus role B's on the same person and item, with its
    /// 95% interval and the number of pairs; by default atasan − bawahan, − rekan and − diri.
    public static func gaps(_ request: GapsRequest, on db: PostgresConnection) throws -> ResultTable {
        var request = request
        request.roles = try request.roles.map(canonical)
        let rows = try run("gaps", [
            request.fromYear, request.toYear, request.period, request.instansi, request.unit, request.includeSubunits,
            request.item, request.roles?.a, request.roles?.b, request.minimumGroupSize,
        ], on: db)
        var table = ResultTable(columns: ["unit_code", "unit_name", "role_a", "role_b", "ratees", "pairs", "suppressed",
                                          "mean_gap", "gap_lo", "gap_hi"],
                                rows: [])
        for row in rows {
            let pairs = try row.decode(Int.self, column: "pairs")
            let mean = try row.decode(Double?.self, column: "mean_gap")
            let interval = try mean.flatMap { mean in
                ConfidenceInterval.mean(of: SampleSummary(count: pairs, mean: mean,
                                                          variance: try row.decode(Double?.self, column: "gap_variance") ?? 0))
            }
            table.rows.append([
                .string(try row.decode(String.self, column: "unit_code")), .string(try row.decode(String.self, column: "unit_name")),
                .string(try row.decode(String.self, column: "role_a")), .string(try row.decode(String.self, column: "role_b")),
                .int(try row.decode(Int.self, column: "ratees")), .int(pairs), .bool(try row.decode(Bool.self, column: "suppressed")),
                rounded(mean), rounded(interval?.lower), rounded(interval?.upper),
            ])
        }
        table.notes = [
            "gap: role A's mean score minus role B's, paired on the same ratee, item, year and period; the 95% interval is t over pairs, which treats a person's item scores as independent",
        ]
        let suppressed = table.values("suppressed").filter { $0 == .bool(true) }.count
        if suppressed > 0 {
            table.notes.append("\(suppressed) gaps over fewer than \(request.minimumGroupSize) ratees are suppressed (atasan-bawahan pairs exist only for people with subordinates, often one head per unit)")
        }
        return table
    }

    // MARK: - consistency, one group

    static let consistencyColumns = [
        "item", "role", "ratees", "raters", "ratings", "mean_ratings_per_ratee", "design", "complete_ratees", "dropped_ratees",
        "suppressed",
        "icc1", "icc1_lo", "icc1_hi", "icc1k", "icc1k_lo", "icc1k_hi", "icc2", "icc2_lo", "icc2_hi",
        "icc2k", "icc2k_lo", "icc2k_hi", "icc3", "icc3_lo", "icc3_hi", "icc3k", "icc3k_lo", "icc3k_hi",
        "alpha_nominal", "alpha_ordinal", "alpha_interval", "fleiss_kappa",
        "cohen_roles", "cohen_pairs", "cohen_kappa", "cohen_kappa_quadratic",
        "gwet_ac1", "gwet_ac2", "percent_agreement",
    ]

    /// The values of `consistencyColumns` for one group; why any coefficient is null goes to `notes`.
    static func coefficientRow(_ s: AgreementSums, _ request: ConsistencyRequest, notes: inout GroupedNotes) -> [ResultValue] {
        // Crossed: one panel (every rater of the group) rated at least half of the ratees.
        let complete = s.completeBlock?.targetCount ?? 0
        let crossed = s.raters >= 2 && complete >= 2 && 2 * complete >= s.ratees
        let suppressed = s.ratees < request.minimumGroupSize
        var row: [ResultValue] = [
            request.item.map(ResultValue.string) ?? .null, request.role.map(ResultValue.string) ?? .null,
            .int(s.ratees), .int(s.raters), .int(s.ratings), rounded(Double(s.ratings) / Double(max(1, s.ratees))),
            .string(crossed ? "crossed" : "nested"), crossed ? .int(complete) : .null, crossed ? .int(s.ratees - complete) : .null,
            .bool(suppressed),
        ]
        guard !suppressed else {
            notes.add("coefficients", "fewer than \(request.minimumGroupSize) ratees: suppressed")
            // 18 ICC fields, 3 alphas, Fleiss; Cohen's roles and pairs (counts stay); 5 coefficients
            let null = ResultValue.null
            return row + Array(repeating: null, count: 22) + [.string(request.cohenRoles.label), .int(s.cohenPairs)]
                + Array(repeating: null, count: 5)
        }

        var icc = IntraclassCorrelation.oneWay(s.oneWay)
        for note in icc.notes { notes.add("icc1, icc1k", note) }
        if crossed, let block = s.completeBlock {
            let twoWay = IntraclassCorrelation.twoWay(block)
            (icc.icc2, icc.icc2k, icc.icc3, icc.icc3k) = (twoWay.icc2, twoWay.icc2k, twoWay.icc3, twoWay.icc3k)
            for note in twoWay.notes where !icc.notes.contains(note) { notes.add("icc2, icc2k, icc3, icc3k", note) }
            if complete < s.ratees {
                notes.add("icc2, icc2k, icc3, icc3k", "crossed design: computed on the \(complete) ratees rated by all \(s.raters) raters, \(s.ratees - complete) dropped")
            }
        } else {
            notes.add("icc2, icc2k, icc3, icc3k", "nested design (each ratee has their own raters): they need one panel of raters rating (at least half of) the ratees")
        }
        for estimate in [icc.icc1, icc.icc1k, icc.icc2, icc.icc2k, icc.icc3, icc.icc3k] {
            row += [rounded(estimate.value), rounded(estimate.lower), rounded(estimate.upper)]
        }

        let alphas = [("alpha_nominal", KrippendorffAlpha.alpha(s.coincidences, metric: .nominal)),
                      ("alpha_ordinal", KrippendorffAlpha.alpha(s.coincidences, metric: .ordinal)),
                      ("alpha_interval", KrippendorffAlpha.intervalAlpha(s.interval))]
        for (name, alpha) in alphas {
            row.append(rounded(alpha.alpha))
            if alpha.alpha == nil { for note in alpha.notes { notes.add(name, note) } }
        }

        if s.fleiss.minimumRatingsPerSubject != s.fleiss.maximumRatingsPerSubject {
            // said without the per-group range, so that units share one note
            notes.add("fleiss_kappa", "ratees have different numbers of ratings; Fleiss' kappa needs the same number (see gwet_ac1, alpha_nominal)")
            row.append(.null)
        } else {
            row.append(agreement("fleiss_kappa", FleissKappa.kappa(s.fleiss), &notes))
        }
        row += [.string(request.cohenRoles.label), .int(s.cohenPairs)]
        if s.cohenPairs == 0 {
            let reason = "no ratee has values from both \(request.cohenRoles.a) and \(request.cohenRoles.b)"
                + (request.role.map { " (only \($0) ratings are analysed)" } ?? "")
            notes.add("cohen_kappa, cohen_kappa_quadratic", reason)
            row += [.null, .null]
        } else {
            row.append(agreement("cohen_kappa", CohenKappa.kappa(s.cohen), &notes))
            row.append(agreement("cohen_kappa_quadratic", CohenKappa.kappa(s.cohen, weighting: .quadratic), &notes))
        }
        row.append(agreement("gwet_ac1", GwetAgreement.ac1(s.gwet), &notes))
        row.append(agreement("gwet_ac2", GwetAgreement.ac2Quadratic(s.gwet), &notes))
        row.append(agreement("percent_agreement", GwetAgreement.percentAgreement(s.gwet), &notes))
        return row
    }

    private static func agreement(_ name: String, _ coefficient: AgreementCoefficient, _ notes: inout GroupedNotes) -> ResultValue {
        if coefficient.value == nil { for note in coefficient.notes { notes.add(name, note) } }
        return rounded(coefficient.value)
    }

    // MARK: - helpers

    /// Runs `sql/queries/NAME.sql` with JIT compilation off for this one statement. The planner
    /// overestimates these CTE chains by two orders of magnitude and then spends seconds compiling
    /// them (5.9 s of 6.5 s for `consistency --by unit` on a city year) for a run that takes 0.6 s.
    static func run(_ name: String, _ binds: [(any PostgresEncodable)?], on db: PostgresConnection) throws -> PostgresRows {
        try db.transaction { db in
            try db.execute("SET LOCAL jit = off")
            return try db.query(PostgresQuery(try SQLCatalog.query(name), binds: binds))
        }
    }

    /// 4 decimals, like the other questions' figures; nil and non-finite values are null.
    static func rounded(_ value: Double?) -> ResultValue {
        guard let value, value.isFinite else { return .null }
        return .double((value * 10_000).rounded() / 10_000)
    }

    /// The file code of a rater role given in any case ("Atasan" -> "atasan").
    private static func canonical(_ role: String) throws -> String {
        guard let known = RaterRole(code: role) else {
            throw RequestError(description: "unknown rater role \(role): use atasan, rekan, bawahan or diri")
        }
        return known.code
    }

    private static func canonical(_ roles: RolePair) throws -> RolePair {
        RolePair(try canonical(roles.a), try canonical(roles.b))
    }
}
