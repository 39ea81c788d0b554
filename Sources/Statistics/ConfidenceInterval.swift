/// A two-sided t-based confidence interval: estimate ± t_{1−α/2, df} · standard error.
public struct ConfidenceInterval: Sendable, Hashable {
    public var estimate: Double
    public var lower: Double
    public var upper: Double
    public var standardError: Double
    /// df of the t quantile; nil when the standard error is 0 and no quantile was needed.
    public var degreesOfFreedom: Double?
    public var confidenceLevel: Double

    public init(estimate: Double, lower: Double, upper: Double, standardError: Double,
                degreesOfFreedom: Double?, confidenceLevel: Double) {
        self.estimate = estimate
        self.lower = lower
        self.upper = upper
        self.standardError = standardError
        self.degreesOfFreedom = degreesOfFreedom
        self.confidenceLevel = confidenceLevel
    }

    /// Interval for a mean: x̄ ± t_{1−α/2, n−1} s/√n. Nil when n < 2 or the level is not in (0, 1).
    public static func mean(of sample: SampleSummary, confidenceLevel: Double = 0.95) -> ConfidenceInterval? {
        guard let mean = sample.mean, let se = sample.standardError else { return nil }
        return make(estimate: mean, standardError: se, degreesOfFreedom: Double(sample.count - 1),
                    confidenceLevel: confidenceLevel)
    }

    /// Welch interval for the difference of two independent means, x̄_a − x̄_b:
    ///
    ///     se² = s_a²/n_a + s_b²/n_b
    ///     df  = se⁴ / ((s_a²/n_a)²/(n_a − 1) + (s_b²/n_b)²/(n_b − 1))   (Welch–Satterthwaite)
    ///
    /// Nil when either group has n < 2 or the level is not in (0, 1). When both variances
    /// are 0 the interval collapses to the difference and `degreesOfFreedom` is nil.
    public static func welchDifference(_ a: SampleSummary, _ b: SampleSummary,
                                       confidenceLevel: Double = 0.95) -> ConfidenceInterval? {
        guard let meanA = a.mean, let meanB = b.mean, let varA = a.variance, let varB = b.variance else {
            return nil
        }
        let ua = varA / Double(a.count), ub = varB / Double(b.count)
        let se2 = ua + ub
        let df = se2 * se2 / (ua * ua / Double(a.count - 1) + ub * ub / Double(b.count - 1))
        return make(estimate: meanA - meanB, standardError: se2.squareRoot(), degreesOfFreedom: df,
                    confidenceLevel: confidenceLevel)
    }

    private static func make(estimate: Double, standardError se: Double, degreesOfFreedom df: Double,
                             confidenceLevel level: Double) -> ConfidenceInterval? {
        guard level > 0, level < 1, estimate.isFinite, se.isFinite else { return nil }
        guard se > 0 else {
            return ConfidenceInterval(estimate: estimate, lower: estimate, upper: estimate, standardError: 0,
                                      degreesOfFreedom: nil, confidenceLevel: level)
        }
        guard let t = StudentTDistribution(degreesOfFreedom: df)?.quantile(1 - (1 - level) / 2),
              t.isFinite else { return nil }
        return ConfidenceInterval(estimate: estimate, lower: estimate - t * se, upper: estimate + t * se,
                                  standardError: se, degreesOfFreedom: df, confidenceLevel: level)
    }
}
