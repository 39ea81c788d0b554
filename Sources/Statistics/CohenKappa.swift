import Foundation

/// Cohen's kappa for two raters, unweighted (Cohen 1960, Educational and Psychological
/// Measurement 20(1)) and with quadratic weights (Cohen 1968, Psychological Bulletin 70(4)).
/// With p_ij the proportion of subjects rated category i by rater A and j by rater B,
///
///     p_a = Σ_ij w_ij p_ij,   p_e = Σ_ij w_ij p_i· p_·j,   κ = (p_a − p_e) / (1 − p_e)
///
/// with w = identity (unweighted) or w_ij = 1 − (x_i − x_j)² / (x_max − x_min)² (quadratic,
/// x = category values; with values 1…q this is 1 − (i − j)²/(q − 1)²).
public enum CohenKappa {
    public enum Weighting: String, Sendable, Hashable, CaseIterable {
        case unweighted
        case quadratic
    }

    /// The q × q contingency table. SQL over `pairs(subject, rating_a, rating_b)`:
    ///
    ///     SELECT rating_a, rating_b, count(*) FROM pairs
    ///     WHERE rating_a IS NOT NULL AND rating_b IS NOT NULL GROUP BY 1, 2;
    ///
    /// and place the counts at the positions of the sorted distinct values of both columns.
    public struct ContingencyTable: Sendable, Hashable {
        /// The categories' values, increasing; rows are rater A, columns rater B.
        public var categoryValues: [Double]
        /// counts[i][j]: subjects rated categoryValues[i] by A and categoryValues[j] by B.
        public var counts: [[Double]]

        public init(categoryValues: [Double], counts: [[Double]]) {
            self.categoryValues = categoryValues
            self.counts = counts
        }

        /// Categories coded 1…q.
        public init(counts: [[Double]]) {
            self.init(categoryValues: counts.indices.map { Double($0 + 1) }, counts: counts)
        }

        /// From a raw subjects × 2 matrix (column 0 = rater A, 1 = rater B); subjects
        /// missing either rating are skipped. Nil unless there are exactly 2 columns.
        public init?(ratings: [[Double?]]) {
            let matrix = RatingsMatrix(ratings)
            guard matrix.raterCount == 2 else { return nil }
            let pairs = matrix.cells.compactMap { row -> (Double, Double)? in
                guard let a = row[0], let b = row[1] else { return nil }
                return (a, b)
            }
            let values = Array(Set(pairs.flatMap { [$0.0, $0.1] })).sorted()
            let index = Dictionary(uniqueKeysWithValues: values.enumerated().map { ($1, $0) })
            var counts = Array(repeating: Array(repeating: 0.0, count: values.count), count: values.count)
            for (a, b) in pairs {
                if let i = index[a], let j = index[b] { counts[i][j] += 1 }
            }
            self.init(categoryValues: values, counts: counts)
        }
    }

    /// Production entry point from a contingency table.
    public static func kappa(_ table: ContingencyTable, weighting: Weighting = .unweighted) -> AgreementCoefficient {
        let q = table.categoryValues.count
        guard q >= 1, table.counts.count == q, table.counts.allSatisfy({ $0.count == q }),
              table.counts.joined().allSatisfy({ $0.isFinite && $0 >= 0 }),
              table.categoryValues.allSatisfy(\.isFinite) else {
            return .undefined("table must be square with one finite value per category and non-negative counts")
        }
        let total = table.counts.joined().reduce(0, +)
        guard total > 0 else { return .undefined("no subject rated by both raters") }
        let values = table.categoryValues
        let range = (values.max() ?? 0) - (values.min() ?? 0)
        func weight(_ i: Int, _ j: Int) -> Double {
            switch weighting {
            case .unweighted: return i == j ? 1 : 0
            case .quadratic:
                guard range > 0 else { return 1 }
                let d = (values[i] - values[j]) / range
                return 1 - d * d
            }
        }
        let rows = table.counts.map { $0.reduce(0, +) / total }
        let columns = (0..<q).map { j in table.counts.reduce(0) { $0 + $1[j] } / total }
        var pa = 0.0, pe = 0.0
        for i in 0..<q {
            for j in 0..<q {
                let w = weight(i, j)
                pa += w * table.counts[i][j] / total
                pe += w * rows[i] * columns[j]
            }
        }
        return .chanceCorrected(observed: pa, chance: pe)
    }

    /// Reference entry point from a raw subjects × 2 matrix (nil = missing).
    public static func kappa(ratings: [[Double?]], weighting: Weighting = .unweighted) -> AgreementCoefficient {
        guard let table = ContingencyTable(ratings: ratings) else {
            return .undefined("Cohen's kappa needs exactly 2 raters (columns)")
        }
        return kappa(table, weighting: weighting)
    }
}
