/// Count, mean and sample variance of one group, built from sums SQL returns:
/// `count(x)`, `sum(x)`, `sum(x*x)` — or, better for large or far-from-zero values,
/// `count(x)`, `avg(x)`, `var_samp(x)`, which PostgreSQL computes without cancellation.
public struct SampleSummary: Sendable, Hashable {
    /// n.
    public let count: Int
    /// x̄; nil when n < 1.
    public let mean: Double?
    /// s² = Σ(x − x̄)²/(n − 1); nil when n < 2.
    public let variance: Double?

    /// From n, Σx and Σx²: s² = (Σx² − (Σx)²/n)/(n − 1), clamped at 0 against rounding.
    public init(count: Int, sum: Double, sumOfSquares: Double) {
        self.count = count
        guard count >= 1, sum.isFinite, sumOfSquares.isFinite else {
            mean = nil
            variance = nil
            return
        }
        let n = Double(count)
        mean = sum / n
        variance = count >= 2 ? finite(max(0, (sumOfSquares - sum * sum / n) / (n - 1))) : nil
    }

    /// From n, x̄ and s² (e.g. SQL `avg`, `var_samp`).
    public init(count: Int, mean: Double, variance: Double) {
        self.count = count
        self.mean = count >= 1 ? finite(mean) : nil
        self.variance = count >= 2 && variance >= 0 ? finite(variance) : nil
    }

    /// s, the sample standard deviation.
    public var standardDeviation: Double? {
        variance.map { $0.squareRoot() }
    }

    /// s/√n, the standard error of the mean.
    public var standardError: Double? {
        variance.map { ($0 / Double(count)).squareRoot() }
    }
}
