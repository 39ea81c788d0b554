/// A cleaned subjects × raters matrix for the reference entry points: non-finite values
/// count as missing and short rows are padded with missing cells.
struct RatingsMatrix {
    /// cells[subject][rater], nil = missing.
    let cells: [[Double?]]
    let raterCount: Int

    init(_ ratings: [[Double?]]) {
        let width = ratings.map(\.count).max() ?? 0
        raterCount = width
        cells = ratings.map { row in
            let cleaned = row.map { value in value.flatMap { $0.isFinite ? $0 : nil } }
            return cleaned + Array(repeating: nil, count: width - row.count)
        }
    }

    /// The observed values of each subject, in rater order.
    var observedRows: [[Double]] {
        cells.map { $0.compactMap { $0 } }
    }

    /// True when every cell holds a value.
    var isComplete: Bool {
        !cells.isEmpty && raterCount > 0 && cells.allSatisfy { row in row.allSatisfy { $0 != nil } }
    }

    /// Sorted distinct observed values.
    var distinctValues: [Double] {
        Array(Set(cells.joined().compactMap { $0 })).sorted()
    }
}

extension Array where Element == Double {
    /// Arithmetic mean; 0 for an empty array (callers guard counts first).
    var mean: Double {
        isEmpty ? 0 : reduce(0, +) / Double(count)
    }

    /// Σ (x − mean)², two-pass so it does not cancel.
    var sumOfSquaredDeviations: Double {
        let m = mean
        return reduce(0) { $0 + ($1 - m) * ($1 - m) }
    }
}
