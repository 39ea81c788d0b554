import Testing
@testable import Statistics

@Suite("Intraclass correlation")
struct IntraclassCorrelationTests {
    @Test("Shrout & Fleiss (1979) example: published ICCs to 3 decimals")
    func shroutFleissPublished() {
        let r = IntraclassCorrelation.estimate(ratings: shroutFleiss)
        // Shrout & Fleiss (1979), Table 4.
        #expect(close(r.icc1.value, 0.166, 5e-4))
        #expect(close(r.icc2.value, 0.290, 5e-4))
        #expect(close(r.icc3.value, 0.715, 5e-4))
        #expect(close(r.icc1k.value, 0.443, 5e-4))
        #expect(close(r.icc2k.value, 0.620, 5e-4))
        #expect(close(r.icc3k.value, 0.909, 5e-4))
        #expect(r.ratingsPerTarget == 4)
        #expect(r.notes.isEmpty)
    }

    @Test("Shrout & Fleiss example: values and 95% CIs equal pingouin 0.6.1 / R psych::ICC")
    func shroutFleissConfidenceIntervals() {
        let r = IntraclassCorrelation.estimate(ratings: shroutFleiss)
        // pingouin.intraclass_corr with options["round.column.CI95"] = None (psych prints the same rounded).
        let expected: [(IntraclassCorrelationResult.Estimate, Double, Double, Double)] = [
            (r.icc1, 0.1657417684054755, -0.13293232487475096, 0.722560062328121),
            (r.icc2, 0.28976377952755916, 0.018786513374712058, 0.7610843696489527),
            (r.icc3, 0.7148407148407154, 0.34246476503392614, 0.9458582599553597),
            (r.icc1k, 0.44279713367926876, -0.8844421552381196, 0.9124154203407755),
            (r.icc2k, 0.6200505475989893, 0.07113681530250353, 0.9272320401677219),
            (r.icc3k, 0.9093155423770697, 0.6756747138163055, 0.9858916781690623),
        ]
        for (estimate, value, lower, upper) in expected {
            #expect(close(estimate.value, value, 1e-12))
            #expect(close(estimate.lower, lower, 1e-9))
            #expect(close(estimate.upper, upper, 1e-9))
        }
    }

    @Test("two-way sums reproduce the published ANOVA table (BMS 11.24, WMS 6.26, JMS 32.49, EMS 1.02)")
    func shroutFleissMeanSquares() throws {
        let sums = try #require(IntraclassCorrelation.TwoWaySums(ratings: shroutFleiss))
        #expect(sums.targetCount == 6 && sums.raterCount == 4 && sums.observationCount == 24)
        #expect(close(sums.ssTargets / 5, 11.24, 5e-3))
        #expect(close((sums.ssRaters + sums.ssError) / 18, 6.26, 5e-3))
        #expect(close(sums.ssRaters / 3, 32.49, 5e-3))
        #expect(close(sums.ssError / 15, 1.02, 5e-3))
        // The one-way sums of the same data give the same ICC(1).
        let oneWay = IntraclassCorrelation.oneWay(IntraclassCorrelation.OneWaySums(ratings: shroutFleiss))
        #expect(close(oneWay.icc1.value, 0.1657417684054755, 1e-12))
        #expect(close(oneWay.icc1.lower, -0.13293232487475096, 1e-9))
        #expect(oneWay.icc2.value == nil)
    }

    @Test("unbalanced one-way design uses k0 = (N − Σn²/N)/(g − 1)")
    func unbalanced() {
        let ratings: [[Double?]] = [[4, 5], [2, 3, 3], [5, 6, 6, 5], [1, 2, nil, nil]]
        let r = IntraclassCorrelation.estimate(ratings: ratings)
        // N = 11, Σn² = 4 + 9 + 16 + 4 = 33, g = 4: k0 = (11 − 3)/3.
        #expect(close(r.ratingsPerTarget, 8.0 / 3, 1e-12))
        #expect(r.icc1.value != nil && r.icc1.lower != nil && r.icc1.upper != nil)
        #expect(r.icc2.value == nil && r.icc3k.value == nil)
        #expect(r.notes.contains { $0.contains("missing") })
    }

    @Test("degenerate inputs give nil with notes, never NaN or a crash")
    func degenerate() {
        let cases: [(String, [[Double?]])] = [
            ("empty", []),
            ("one target", [[1, 2, 3]]),
            ("one rater", [[1], [2], [3]]),
            ("constant", [[3, 3], [3, 3], [3, 3]]),
            ("all missing", [[nil, nil], [nil, nil]]),
            ("no target variance", [[1, 2], [1, 2], [1, 2]]),
            ("no residual", [[1, 2], [3, 4], [5, 6]]),
            ("non-finite", [[.nan, 1], [.infinity, 2], [3, 4]]),
        ]
        for (name, ratings) in cases {
            let r = IntraclassCorrelation.estimate(ratings: ratings)
            let numbers = [r.icc1, r.icc1k, r.icc2, r.icc2k, r.icc3, r.icc3k].flatMap { [$0.value, $0.lower, $0.upper] }
            #expect(allFinite(numbers + [r.ratingsPerTarget]), "\(name)")
            if numbers.contains(where: { $0 == nil }) {
                #expect(!r.notes.isEmpty, "\(name) has nil values but no note")
            }
        }
        #expect(IntraclassCorrelation.estimate(ratings: [[3, 3], [3, 3]]).icc1.value == nil)
        #expect(IntraclassCorrelation.estimate(ratings: [[1, 2], [3, 4], [5, 6]]).icc3.value == 1)
        let badSums = IntraclassCorrelation.TwoWaySums(targetCount: 3, raterCount: 2, observationCount: 5,
                                                       ssTargets: 1, ssRaters: 1, ssError: 1)
        #expect(IntraclassCorrelation.twoWay(badSums).icc2.value == nil)
        let negative = IntraclassCorrelation.OneWaySums(groupCount: 3, observationCount: 9, sumOfSquaredGroupSizes: 27,
                                                        ssBetween: -5, ssWithin: 2)
        #expect(IntraclassCorrelation.oneWay(negative).icc1.value == nil)
        #expect(IntraclassCorrelation.estimate(ratings: shroutFleiss, confidenceLevel: 2).icc1.lower == nil)
    }
}
