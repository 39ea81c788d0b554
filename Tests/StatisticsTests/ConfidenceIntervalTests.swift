import Testing
@testable import Statistics

/// Expected values from scipy 1.17.1: `stats.t.interval` for the mean of
/// a = [2, 4, 4, 4, 5, 5, 7, 9] and `stats.ttest_ind(a, b, equal_var=False).confidence_interval()`
/// with b = [1, 3, 3, 6, 2, 8].
@Suite("Descriptive intervals")
struct ConfidenceIntervalTests {
    let a = SampleSummary(count: 8, sum: 40, sumOfSquares: 232)
    let b = SampleSummary(count: 6, sum: 23, sumOfSquares: 123)

    @Test("mean and variance from (n, Σx, Σx²)")
    func summary() {
        #expect(a.mean == 5)
        #expect(close(a.variance, 4.571428571428571, 1e-12))
        #expect(SampleSummary(count: 1, sum: 3, sumOfSquares: 9).variance == nil)
        #expect(SampleSummary(count: 0, sum: 0, sumOfSquares: 0).mean == nil)
        // Rounding may push Σx² − (Σx)²/n below zero; the variance is clamped, not negative.
        #expect(SampleSummary(count: 3, sum: 0.3, sumOfSquares: 0.03).variance.map { $0 >= 0 } == true)
    }

    @Test("t interval of a mean matches scipy")
    func meanInterval() throws {
        let ci = try #require(ConfidenceInterval.mean(of: a))
        #expect(close(ci.lower, 3.21251208176379, 1e-12) && close(ci.upper, 6.787487918236209, 1e-12))
        #expect(ci.degreesOfFreedom == 7)
        let ci90 = try #require(ConfidenceInterval.mean(of: a, confidenceLevel: 0.90))
        #expect(close(ci90.lower, 3.5678331919051978, 1e-12))
        #expect(ConfidenceInterval.mean(of: SampleSummary(count: 1, sum: 5, sumOfSquares: 25)) == nil)
        #expect(ConfidenceInterval.mean(of: a, confidenceLevel: 1) == nil)
    }

    @Test("Welch interval of a difference of means matches scipy")
    func welch() throws {
        let ci = try #require(ConfidenceInterval.welchDifference(a, b))
        #expect(close(ci.degreesOfFreedom, 9.490530443880232, 1e-10))
        #expect(close(ci.lower, -1.7876241096952623, 1e-10) && close(ci.upper, 4.120957443028596, 1e-10))
        // Same result from SQL avg/var_samp.
        let viaMoments = SampleSummary(count: 8, mean: 5, variance: 4.571428571428571)
        #expect(close(ConfidenceInterval.welchDifference(viaMoments, b)?.lower, -1.7876241096952623, 1e-10))
        #expect(ConfidenceInterval.welchDifference(a, SampleSummary(count: 1, sum: 1, sumOfSquares: 1)) == nil)
        let flat = try #require(ConfidenceInterval.welchDifference(SampleSummary(count: 3, mean: 2, variance: 0),
                                                                    SampleSummary(count: 4, mean: 1, variance: 0)))
        #expect(flat.lower == 1 && flat.upper == 1 && flat.degreesOfFreedom == nil)
    }
}
