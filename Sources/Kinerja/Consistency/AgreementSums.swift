import Foundation
import Postgres
import Statistics

/// One row of `sql/queries/consistency.sql`: the sufficient statistics of one group (the whole
/// scope, or one unit), already in the shapes the Statistics module takes.
struct AgreementSums {
    var unitCode: String
    var unitName: String?
    var ratees: Int
    var raters: Int
    var ratings: Int
    var oneWay: IntraclassCorrelation.OneWaySums
    /// The ratees rated by every rater of the group; nil when there are none.
    var completeBlock: IntraclassCorrelation.TwoWaySums?
    var interval: KrippendorffAlpha.IntervalSums
    var coincidences: KrippendorffAlpha.CoincidenceMatrix
    var fleiss: FleissKappa.Sums
    var gwet: GwetAgreement.Sums
    var cohen: CohenKappa.ContingencyTable
    var cohenPairs: Int
    /// How values became categories, in words (from `kinerja.rating_category_rule`).
    var categoryRule: String?

    /// The categories of both scales (bands and rounded 1–5 steps). Unused ones still count: Gwet's
    /// q and the quadratic weights of AC2 and Cohen's kappa are defined on the whole scale.
    static let scaleCategories: [Double] = [1, 2, 3, 4, 5]

    init(_ row: PostgresRow) throws {
        unitCode = try row.decode(String.self, column: "unit_code")
        unitName = try row.decode(String?.self, column: "unit_name")
        ratees = try row.decode(Int.self, column: "ratees")
        raters = try row.decode(Int.self, column: "raters")
        ratings = try row.decode(Int.self, column: "ratings")
        categoryRule = try row.decode(String?.self, column: "category_rule")
        oneWay = .init(groupCount: ratees, observationCount: ratings,
                       sumOfSquaredGroupSizes: try row.decode(Double.self, column: "sum_of_squared_group_sizes"),
                       ssBetween: try row.decode(Double.self, column: "ss_between"),
                       ssWithin: try row.decode(Double.self, column: "ss_within"))
        if let n = try row.decode(Int?.self, column: "target_count") {
            completeBlock = .init(targetCount: n, raterCount: try row.decode(Int.self, column: "rater_count"),
                                  observationCount: try row.decode(Int.self, column: "observation_count"),
                                  ssTargets: try row.decode(Double.self, column: "ss_targets"),
                                  ssRaters: try row.decode(Double.self, column: "ss_raters"),
                                  ssError: try row.decode(Double.self, column: "ss_error"))
        }
        interval = .init(pairableValueCount: try row.decode(Int.self, column: "pairable_value_count"),
                         withinUnitSum: try row.decode(Double.self, column: "within_unit_sum"),
                         pairableVariance: try row.decode(Double?.self, column: "pairable_variance") ?? 0)
        coincidences = .init(entries: try Self.triples(row, "coincidences").map { .init(c: $0[0], k: $0[1], count: $0[2]) })

        // per category: [category, Σ_i n_ic, Σ_i n_ic/m_i]
        let categories = try Self.triples(row, "categories")
        fleiss = .init(subjectCount: ratees,
                       minimumRatingsPerSubject: try row.decode(Int.self, column: "min_ratings_per_ratee"),
                       maximumRatingsPerSubject: try row.decode(Int.self, column: "max_ratings_per_ratee"),
                       categoryTotals: categories.map { $0[1] },
                       sumOfSquaredCounts: try row.decode(Double.self, column: "sum_of_squared_counts"))
        var shares = Dictionary(uniqueKeysWithValues: Self.scaleCategories.map { ($0, 0.0) })
        for category in categories { shares[category[0], default: 0] += category[2] }
        let values = shares.keys.sorted()
        gwet = .init(subjectCount: ratees, multiplyRatedSubjectCount: try row.decode(Int.self, column: "multiply_rated_ratees"),
                     categoryValues: values, categoryShareSums: values.map { shares[$0]! },
                     nominalAgreementSum: try row.decode(Double.self, column: "nominal_agreement_sum"),
                     withinSubjectVarianceSum: try row.decode(Double.self, column: "within_subject_variance_sum"))

        // cells: [category A, category B, count]
        let cells = try Self.triples(row, "cohen_cells")
        let scale = Array(Set(Self.scaleCategories + cells.flatMap { [$0[0], $0[1]] })).sorted()
        let index = Dictionary(uniqueKeysWithValues: scale.enumerated().map { ($1, $0) })
        var counts = Array(repeating: Array(repeating: 0.0, count: scale.count), count: scale.count)
        for cell in cells { counts[index[cell[0]]!][index[cell[1]]!] += cell[2] }
        cohen = .init(categoryValues: scale, counts: counts)
        cohenPairs = try row.decode(Int.self, column: "cohen_pairs")
    }

    /// A JSON column of number triples (`json_agg(json_build_array(a, b, c))`); NULL is empty.
    private static func triples(_ row: PostgresRow, _ column: String) throws -> [[Double]] {
        guard let text = try row.decode(String?.self, column: column) else { return [] }
        let rows = try JSONDecoder().decode([[Double]].self, from: Data(text.utf8))
        guard rows.allSatisfy({ $0.count == 3 }) else {
            throw PostgresError(.decoding, message: "column \(column) must hold [a, b, c] triples", column: column)
        }
        return rows
    }
}
