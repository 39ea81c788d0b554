import Testing
@testable import Statistics

/// The production entry points fed with what the SQL in their doc comments returned when
/// run on PostgreSQL 15 over the published examples (rows typed in, float8 scores).
/// This pins the documented SQL and the Swift formulas to each other.
@Suite("Production entry points with PostgreSQL-computed sums")
struct SQLSufficientStatisticsTests {
    @Test("ICC one-way and two-way sums from SQL reproduce Shrout & Fleiss")
    func icc() {
        let oneWay = IntraclassCorrelation.oneWay(.init(groupCount: 6, observationCount: 24, sumOfSquaredGroupSizes: 96,
                                                        ssBetween: 56.208333333333336, ssWithin: 112.75))
        #expect(close(oneWay.icc1.value, 0.1657417684054755, 1e-12))
        #expect(close(oneWay.icc1k.upper, 0.9124154203407755, 1e-9))
        let twoWay = IntraclassCorrelation.twoWay(.init(targetCount: 6, raterCount: 4, observationCount: 24,
                                                        ssTargets: 56.208333333333336, ssRaters: 97.45833333333334,
                                                        ssError: 15.291666666666657))
        #expect(close(twoWay.icc2.value, 0.28976377952755916, 1e-12))
        #expect(close(twoWay.icc2.lower, 0.018786513374712058, 1e-9))
        #expect(close(twoWay.icc3k.value, 0.9093155423770697, 1e-12))
    }

    @Test("Krippendorff coincidence rows and interval sums from SQL reproduce Krippendorff (2011)")
    func krippendorff() {
        let third = 1.0 / 3, fourThirds = 4.0 / 3
        let rows: [(Double, Double, Double)] = [
            (1, 1, 7), (1, 2, fourThirds), (1, 3, third), (1, 4, third),
            (2, 1, fourThirds), (2, 2, 10), (2, 3, fourThirds), (2, 4, third),
            (3, 1, third), (3, 2, fourThirds), (3, 3, 8), (3, 4, third),
            (4, 1, third), (4, 2, third), (4, 3, third), (4, 4, 4), (5, 5, 3),
        ]
        let matrix = KrippendorffAlpha.CoincidenceMatrix(entries: rows.map { .init(c: $0.0, k: $0.1, count: $0.2) })
        #expect(close(KrippendorffAlpha.alpha(matrix, metric: .nominal).alpha, 0.743421052631579, 1e-12))
        #expect(close(KrippendorffAlpha.alpha(matrix, metric: .ordinal).alpha, 0.8153875037548814, 1e-12))
        #expect(close(KrippendorffAlpha.alpha(matrix, metric: .ratio).alpha, 0.7974027747116121, 1e-12))
        let sums = KrippendorffAlpha.IntervalSums(pairableValueCount: 40, withinUnitSum: 8.666666666666668,
                                                  pairableVariance: 1.435897435897436)
        #expect(close(KrippendorffAlpha.intervalAlpha(sums).alpha, 0.8491071428571428, 1e-12))
    }

    @Test("Gwet sums from SQL reproduce irrCAC on cac.raw4raters; Fleiss sums flag unequal ratings")
    func gwetAndFleiss() {
        let sums = GwetAgreement.Sums(subjectCount: 12, multiplyRatedSubjectCount: 11, categoryValues: [1, 2, 3, 4, 5],
                                      categoryShareSums: [3, 3.25, 3.5, 1.25, 1], nominalAgreementSum: 9,
                                      withinSubjectVarianceSum: 2.166666666666667)
        #expect(close(GwetAgreement.ac1(sums).value, 0.775444068126995, 1e-12))
        #expect(close(GwetAgreement.ac2Quadratic(sums).value, 0.914000723551605, 1e-12))
        #expect(close(GwetAgreement.percentAgreement(sums).value, 9.0 / 11, 1e-15))
        let fleiss = FleissKappa.Sums(subjectCount: 12, minimumRatingsPerSubject: 1, maximumRatingsPerSubject: 4,
                                      categoryTotals: [9, 13, 11, 5, 3], sumOfSquaredCounts: 127)
        #expect(FleissKappa.kappa(fleiss).value == nil)
    }
}
