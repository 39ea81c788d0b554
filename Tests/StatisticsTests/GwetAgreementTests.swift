import Testing
@testable import Statistics

@Suite("Gwet's AC1 / AC2 and percent agreement")
struct GwetAgreementTests {
    /// irrCAC `raw_5observers` (Gwet 2014): 15 units, 5 observers, scores 0–3, missing ratings.
    static let fiveObservers: [[Double?]] = [
        [1, 1, 2, nil, 2], [1, 1, 0, 1, nil], [2, 3, 3, 3, nil], [nil, 0, 0, nil, 0], [0, 0, 0, nil, 0],
        [0, 0, 0, nil, 0], [1, 0, 2, nil, 1], [1, nil, 2, 0, nil], [2, 2, 2, nil, 2], [2, 1, 1, 1, nil],
        [nil, 1, 0, 0, nil], [0, 0, 0, 0, nil], [1, 2, 2, 2, nil], [3, 3, 2, 2, 3], [1, 1, 1, nil, 1],
    ]

    @Test("irrCAC cac.raw4raters (= Krippendorff's data): AC1 0.7754, p_a 0.8182, p_e 0.1903")
    func raw4ratersAC1() {
        // Published (R irrCAC docs, gwet.ac1.raw): 0.77544, pa 0.81818, pe 0.19032;
        // full precision from irrCAC 0.4.4 with digits=15.
        let ac1 = GwetAgreement.ac1(ratings: krippendorffExample)
        #expect(close(ac1.value, 0.77544, 5e-6))
        #expect(close(ac1.value, 0.775444068126995, 1e-12))
        #expect(close(ac1.observedAgreement, 0.818181818181818, 1e-12))
        #expect(close(ac1.chanceAgreement, 0.190321180555556, 1e-12))
        #expect(close(GwetAgreement.percentAgreement(ratings: krippendorffExample).value, 0.818181818181818, 1e-12))
    }

    @Test("cac.raw4raters with quadratic weights: AC2 0.9140 (irrCAC 0.4.4)")
    func raw4ratersAC2() {
        let ac2 = GwetAgreement.ac2Quadratic(ratings: krippendorffExample)
        #expect(close(ac2.value, 0.914000723551605, 1e-12))
        #expect(close(ac2.observedAgreement, 0.975378787878788, 1e-12))
        #expect(close(ac2.chanceAgreement, 0.713704427083333, 1e-12))
    }

    @Test("irrCAC raw_5observers: AC1 0.4966, AC2 0.8304 (irrCAC 0.4.4)")
    func fiveObservers() {
        #expect(close(GwetAgreement.ac1(ratings: Self.fiveObservers).value, 0.496622054872614, 1e-12))
        #expect(close(GwetAgreement.ac2Quadratic(ratings: Self.fiveObservers).value, 0.830433572654576, 1e-12))
        #expect(close(GwetAgreement.percentAgreement(ratings: Self.fiveObservers).value, 0.615555555555556, 1e-12))
    }

    @Test("two raters, Gwet (2014) abstractors table: AC1 0.84933, AC2 0.94024 (irrCAC docstring)")
    func abstractors() {
        let raw = ratingsFromTable(CohenKappaTests.abstractors)
        let ac1 = GwetAgreement.ac1(ratings: raw)
        #expect(close(ac1.value, 0.84933, 5e-6) && close(ac1.observedAgreement, 0.89, 1e-12))
        #expect(close(ac1.chanceAgreement, 0.26992, 5e-6))
        let ac2 = GwetAgreement.ac2Quadratic(ratings: raw)
        #expect(close(ac2.value, 0.94024, 5e-6) && close(ac2.observedAgreement, 0.9725, 1e-12))
        #expect(close(ac2.chanceAgreement, 0.53985, 5e-6))
    }

    @Test("declared scale categories change q and the quadratic range, as in irrCAC `categories=`")
    func declaredCategories() {
        let observed = GwetAgreement.Sums(ratings: krippendorffExample)
        let declared = GwetAgreement.Sums(ratings: krippendorffExample, categories: [1, 2, 3, 4, 5, 6, 7])
        #expect(observed.categoryValues.count == 5 && declared.categoryValues.count == 7)
        #expect(declared.categoryShareSums.suffix(2) == [0, 0])
        let q5 = GwetAgreement.ac1(observed).chanceAgreement ?? .nan
        let q7 = GwetAgreement.ac1(declared).chanceAgreement ?? .nan
        #expect(close(q7, q5 * 4 / 6, 1e-12))  // same Σπ(1 − π), divided by q − 1
    }

    @Test("degenerate inputs give nil with a note")
    func degenerate() {
        let cases: [[[Double?]]] = [[], [[1, nil], [nil, 2]], [[3, 3], [3, 3]], [[.nan, .nan]]]
        for ratings in cases {
            for r in [GwetAgreement.ac1(ratings: ratings), GwetAgreement.ac2Quadratic(ratings: ratings)] {
                #expect(r.value == nil && !r.notes.isEmpty)
                #expect(allFinite([r.value, r.observedAgreement, r.chanceAgreement]))
            }
        }
        #expect(GwetAgreement.percentAgreement(ratings: [[3, 3], [3, 3]]).value == 1)
        let misaligned = GwetAgreement.Sums(subjectCount: 2, multiplyRatedSubjectCount: 2, categoryValues: [1, 2],
                                            categoryShareSums: [2], nominalAgreementSum: 1, withinSubjectVarianceSum: 0)
        #expect(GwetAgreement.ac1(misaligned).value == nil)
    }
}
