import Foundation

/// Krippendorff's alpha for any number of raters with missing ratings
/// (Krippendorff 2011, "Computing Krippendorff's Alpha-Reliability", Univ. of Pennsylvania):
///
///     α = 1 − D_o/D_e = 1 − (n − 1) Σ_{c,k} o_ck δ²_ck / Σ_{c,k} n_c n_k δ²_ck
///
/// where o_ck is the coincidence matrix over the sorted distinct values, n_c = Σ_k o_ck and
/// n = Σ_c n_c is the number of pairable values (values in units rated at least twice).
/// Production code passes the coincidence matrix or, for the interval metric with many
/// distinct values, per-unit variance sums; `alpha(ratings:metric:)` builds the matrix
/// from a raw subjects(units) × raters matrix.
public enum KrippendorffAlpha {
    /// The difference function δ²_ck.
    public enum Metric: String, Sendable, Hashable, CaseIterable {
        /// δ² = 0 if c = k else 1.
        case nominal
        /// δ²_ck = (Σ_{g=c}^{k} n_g − (n_c + n_k)/2)², ranks from the marginals n_g.
        case ordinal
        /// δ²_ck = (c − k)².
        case interval
        /// δ²_ck = ((c − k)/(c + k))², for values ≥ 0.
        case ratio
    }

    /// The values-by-values coincidence matrix (Krippendorff 2011, §B).
    ///
    ///     o_ck = Σ_u (n_uc · n_uk − [c = k] · n_uc) / (m_u − 1)   over units u with m_u ≥ 2
    ///
    /// with n_uc = number of ratings of value c in unit u and m_u = Σ_c n_uc.
    /// SQL over `ratings(unit, score)`:
    ///
    ///     WITH uc AS (SELECT unit, score AS value, count(*) AS n_uc
    ///                 FROM ratings GROUP BY unit, score),
    ///          um AS (SELECT unit, sum(n_uc) AS m_u FROM uc
    ///                 GROUP BY unit HAVING sum(n_uc) >= 2)
    ///     SELECT a.value AS c, b.value AS k,
    ///            sum((a.n_uc * b.n_uc - CASE WHEN a.value = b.value THEN a.n_uc ELSE 0 END)::float8
    ///                / (um.m_u - 1)) AS o_ck
    ///     FROM uc a JOIN uc b USING (unit) JOIN um USING (unit)
    ///     GROUP BY a.value, b.value;
    ///
    /// Pass the rows to `init(entries:)`; absent (c, k) pairs are zero.
    public struct CoincidenceMatrix: Sendable, Hashable {
        /// One (c, k, o_ck) row.
        public struct Entry: Sendable, Hashable {
            public var c: Double
            public var k: Double
            public var count: Double
            public init(c: Double, k: Double, count: Double) {
                self.c = c
                self.k = k
                self.count = count
            }
        }

        /// Sorted distinct values.
        public var values: [Double]
        /// counts[i][j] = o_{values[i], values[j]}.
        public var counts: [[Double]]

        public init(values: [Double], counts: [[Double]]) {
            self.values = values
            self.counts = counts
        }

        /// From sparse (c, k, o_ck) rows, e.g. the SQL above; repeated pairs add up.
        public init(entries: [Entry]) {
            let values = Array(Set(entries.flatMap { [$0.c, $0.k] })).sorted()
            let index = Dictionary(uniqueKeysWithValues: values.enumerated().map { ($1, $0) })
            var counts = Array(repeating: Array(repeating: 0.0, count: values.count), count: values.count)
            for entry in entries {
                if let i = index[entry.c], let j = index[entry.k] { counts[i][j] += entry.count }
            }
            self.init(values: values, counts: counts)
        }

        /// From a raw units × raters matrix (nil = missing).
        public init(ratings: [[Double?]]) {
            let matrix = RatingsMatrix(ratings)
            let values = matrix.distinctValues
            let index = Dictionary(uniqueKeysWithValues: values.enumerated().map { ($1, $0) })
            var counts = Array(repeating: Array(repeating: 0.0, count: values.count), count: values.count)
            for unit in matrix.observedRows where unit.count >= 2 {
                var n = Array(repeating: 0.0, count: values.count)
                for x in unit { if let i = index[x] { n[i] += 1 } }
                let weight = 1 / Double(unit.count - 1)
                for c in n.indices where n[c] > 0 {
                    for k in n.indices where n[k] > 0 {
                        counts[c][k] += (n[c] * n[k] - (c == k ? n[c] : 0)) * weight
                    }
                }
            }
            self.init(values: values, counts: counts)
        }
    }

    /// Sufficient statistics for the interval metric when the distinct values are too many
    /// for a coincidence matrix. With s²_u the sample variance within unit u and s²
    /// the sample variance of all pairable values,
    ///
    ///     D_o = (2/n) Σ_u m_u s²_u,   D_e = 2 s²,   α_interval = 1 − Σ_u m_u s²_u / (n s²)
    ///
    /// (pairwise squared differences within a unit sum to 2 m_u (m_u − 1) s²_u).
    /// SQL over `ratings(unit, score)`:
    ///
    ///     WITH u AS (SELECT unit, count(*) AS m_u, var_samp(score) AS s2_u
    ///                FROM ratings GROUP BY unit HAVING count(*) >= 2)
    ///     SELECT (SELECT sum(m_u) FROM u)        AS pairable_value_count,  -- n
    ///            (SELECT sum(m_u * s2_u) FROM u) AS within_unit_sum,       -- Σ_u m_u s²_u
    ///            (SELECT var_samp(score) FROM ratings JOIN u USING (unit))
    ///                                            AS pairable_variance;     -- s²
    public struct IntervalSums: Sendable, Hashable {
        /// n: values in units with at least 2 ratings.
        public var pairableValueCount: Int
        /// Σ_u m_u s²_u over those units.
        public var withinUnitSum: Double
        /// s², the sample variance (divisor n − 1) of all pairable values.
        public var pairableVariance: Double

        public init(pairableValueCount: Int, withinUnitSum: Double, pairableVariance: Double) {
            self.pairableValueCount = pairableValueCount
            self.withinUnitSum = withinUnitSum
            self.pairableVariance = pairableVariance
        }

        /// From a raw units × raters matrix (nil = missing).
        public init(ratings: [[Double?]]) {
            let units = RatingsMatrix(ratings).observedRows.filter { $0.count >= 2 }
            let pairable = units.flatMap { $0 }
            let n = pairable.count
            self.init(pairableValueCount: n,
                      withinUnitSum: units.reduce(0) { $0 + Double($1.count) * $1.sumOfSquaredDeviations / Double($1.count - 1) },
                      pairableVariance: n >= 2 ? pairable.sumOfSquaredDeviations / Double(n - 1) : 0)
        }
    }

    /// Alpha with its parts; undefined parts are nil and `notes` says why.
    public struct Result: Sendable, Hashable {
        public var alpha: Double?
        /// D_o, observed disagreement.
        public var observedDisagreement: Double?
        /// D_e, disagreement expected by chance.
        public var expectedDisagreement: Double?
        /// n, the number of pairable values.
        public var pairableValueCount: Double
        public var notes: [String]
    }

    /// Production entry point: alpha from a coincidence matrix.
    public static func alpha(_ matrix: CoincidenceMatrix, metric: Metric) -> Result {
        let q = matrix.values.count
        guard matrix.counts.count == q, matrix.counts.allSatisfy({ $0.count == q }),
              matrix.counts.joined().allSatisfy({ $0.isFinite && $0 >= 0 }),
              matrix.values.allSatisfy(\.isFinite), zip(matrix.values, matrix.values.dropFirst()).allSatisfy({ $0 < $1 }) else {
            return Result(alpha: nil, observedDisagreement: nil, expectedDisagreement: nil, pairableValueCount: 0,
                          notes: ["coincidence matrix must be square, non-negative, over strictly increasing values"])
        }
        let marginals = matrix.counts.map { $0.reduce(0, +) }
        let n = marginals.reduce(0, +)
        if metric == .ratio, matrix.values.contains(where: { $0 < 0 }) {
            return undefined(n, "ratio metric needs non-negative values")
        }
        guard n > 1 else { return undefined(n, "fewer than 2 pairable values (no unit has 2 ratings)") }
        var observed = 0.0, expected = 0.0
        for c in 0..<q {
            for k in 0..<q where k != c {
                let d = delta(c, k, metric: metric, values: matrix.values, marginals: marginals)
                observed += matrix.counts[c][k] * d
                expected += marginals[c] * marginals[k] * d
            }
        }
        let dO = observed / n, dE = expected / (n * (n - 1))
        guard dE > 0 else {
            return Result(alpha: nil, observedDisagreement: finite(dO), expectedDisagreement: finite(dE),
                          pairableValueCount: n, notes: ["all pairable values are equal: expected disagreement is 0, alpha undefined"])
        }
        return Result(alpha: finite(1 - dO / dE), observedDisagreement: finite(dO), expectedDisagreement: finite(dE),
                      pairableValueCount: n, notes: [])
    }

    /// Production entry point for the interval metric from per-unit variance sums.
    public static func intervalAlpha(_ sums: IntervalSums) -> Result {
        let n = Double(sums.pairableValueCount)
        guard n > 1 else { return undefined(n, "fewer than 2 pairable values (no unit has 2 ratings)") }
        guard sums.withinUnitSum.isFinite, sums.withinUnitSum >= 0,
              sums.pairableVariance.isFinite, sums.pairableVariance >= 0 else {
            return undefined(n, "variance sums must be finite and non-negative")
        }
        let dO = 2 * sums.withinUnitSum / n, dE = 2 * sums.pairableVariance
        guard dE > 0 else {
            return Result(alpha: nil, observedDisagreement: finite(dO), expectedDisagreement: 0,
                          pairableValueCount: n, notes: ["all pairable values are equal: expected disagreement is 0, alpha undefined"])
        }
        return Result(alpha: finite(1 - dO / dE), observedDisagreement: finite(dO), expectedDisagreement: finite(dE),
                      pairableValueCount: n, notes: [])
    }

    /// Reference entry point from a raw units × raters matrix (nil = missing).
    public static func alpha(ratings: [[Double?]], metric: Metric) -> Result {
        alpha(CoincidenceMatrix(ratings: ratings), metric: metric)
    }

    private static func delta(_ c: Int, _ k: Int, metric: Metric, values: [Double], marginals: [Double]) -> Double {
        switch metric {
        case .nominal:
            return c == k ? 0 : 1
        case .ordinal:
            let (lo, hi) = (min(c, k), max(c, k))
            let between = marginals[lo...hi].reduce(0, +) - (marginals[lo] + marginals[hi]) / 2
            return between * between
        case .interval:
            let d = values[c] - values[k]
            return d * d
        case .ratio:
            let sum = values[c] + values[k]
            guard sum != 0 else { return 0 }
            let d = (values[c] - values[k]) / sum
            return d * d
        }
    }

    private static func undefined(_ n: Double, _ note: String) -> Result {
        Result(alpha: nil, observedDisagreement: nil, expectedDisagreement: nil, pairableValueCount: n, notes: [note])
    }
}
