import Testing
@testable import Statistics

/// Expands a subjects × categories count table into a subjects × raters matrix with
/// category codes 1…q (the layout the raw entry points take).
func ratingsFromCounts(_ counts: [[Int]]) -> [[Double?]] {
    counts.map { row in row.enumerated().flatMap { category, n in Array(repeating: Double(category + 1), count: n) } }
}

/// Expands a two-rater contingency table (categories 1…q) into a subjects × 2 matrix.
func ratingsFromTable(_ table: [[Int]]) -> [[Double?]] {
    table.enumerated().flatMap { i, row in
        row.enumerated().flatMap { j, n in Array(repeating: [Double(i + 1), Double(j + 1)] as [Double?], count: n) }
    }
}

@Suite("Fleiss' kappa")
struct FleissKappaTests {
    /// Fleiss (1971) data as tabulated on Wikipedia ("Fleiss' kappa", worked example):
    /// 10 subjects, 14 raters, 5 categories; κ = 0.210, P̄ = 0.378, P̄_e = 0.213.
    static let wikipedia = [
        [0, 0, 0, 0, 14], [0, 2, 6, 4, 2], [0, 0, 3, 5, 6], [0, 3, 9, 2, 0], [2, 2, 8, 1, 1],
        [7, 7, 0, 0, 0], [3, 2, 6, 3, 0], [2, 5, 3, 2, 2], [6, 5, 2, 1, 0], [0, 2, 2, 3, 7],
    ]

    @Test("Wikipedia/Fleiss (1971) example: κ = 0.210 (statsmodels 0.20993070442195522)")
    func published() {
        let k = FleissKappa.kappa(ratings: ratingsFromCounts(Self.wikipedia))
        #expect(close(k.value, 0.210, 5e-4))
        #expect(close(k.value, 0.20993070442195522, 1e-12))
        #expect(close(k.observedAgreement, 0.378, 5e-4))
        #expect(close(k.chanceAgreement, 0.213, 5e-4))
    }

    @Test("production sums equal the raw path")
    func productionSums() {
        let totals = (0..<5).map { j in Double(Self.wikipedia.reduce(0) { $0 + $1[j] }) }
        let squares = Double(Self.wikipedia.joined().reduce(0) { $0 + $1 * $1 })
        let sums = FleissKappa.Sums(subjectCount: 10, minimumRatingsPerSubject: 14, maximumRatingsPerSubject: 14,
                                    categoryTotals: totals, sumOfSquaredCounts: squares)
        #expect(close(FleissKappa.kappa(sums).value, 0.20993070442195522, 1e-12))
    }

    @Test("unequal numbers of ratings per subject give nil with a note")
    func unequal() {
        let k = FleissKappa.kappa(ratings: krippendorffExample)
        #expect(k.value == nil)
        #expect(k.notes.first?.contains("different numbers of ratings") == true)
        #expect(FleissKappa.kappa(ratings: [[1, 1], [1, 1]]).value == nil)  // one category: p_e = 1
        #expect(FleissKappa.kappa(ratings: [[1], [2]]).value == nil)
        #expect(FleissKappa.kappa(ratings: []).value == nil)
    }
}

@Suite("Cohen's kappa")
struct CohenKappaTests {
    /// Gwet (2014) / irrCAC `cont3x3abstractors`: rows abstractor 1, columns abstractor 2.
    static let abstractors = [[13, 0, 0], [0, 20, 7], [0, 4, 56]]
    /// irrCAC `cont4x4diagnosis`.
    static let diagnosis = [[40, 4, 4, 17], [6, 25, 2, 13], [4, 1, 21, 12], [15, 5, 9, 45]]

    @Test("Wikipedia example (20, 5, 10, 15): κ = 0.4")
    func wikipedia() {
        let table = CohenKappa.ContingencyTable(counts: [[20, 5], [10, 15]])
        let k = CohenKappa.kappa(table)
        #expect(close(k.value, 0.4, 1e-12))
        #expect(close(k.observedAgreement, 0.7, 1e-12) && close(k.chanceAgreement, 0.5, 1e-12))
    }

    @Test("Gwet (2014) abstractors table: κ = 0.7964 (p_a .89, p_e .4597), quadratic κ = 0.8922; equals statsmodels")
    func abstractors() {
        let table = CohenKappa.ContingencyTable(counts: Self.abstractors.map { $0.map(Double.init) })
        let k = CohenKappa.kappa(table)
        #expect(close(k.value, 0.7964094021839719, 1e-12))  // irrCAC 0.79641, statsmodels
        #expect(close(k.observedAgreement, 0.89, 1e-12) && close(k.chanceAgreement, 0.4597, 1e-12))
        let w = CohenKappa.kappa(table, weighting: .quadratic)
        #expect(close(w.value, 0.892156862745098, 1e-12))  // irrCAC 0.89216, statsmodels wt="quadratic"
        #expect(close(w.observedAgreement, 0.9725, 1e-12) && close(w.chanceAgreement, 0.745, 1e-12))
        // The raw path builds the same table.
        let raw = ratingsFromTable(Self.abstractors)
        #expect(close(CohenKappa.kappa(ratings: raw).value, 0.7964094021839719, 1e-12))
        #expect(close(CohenKappa.kappa(ratings: raw, weighting: .quadratic).value, 0.892156862745098, 1e-12))
    }

    @Test("irrCAC diagnosis table: κ = 0.4315, quadratic 0.3832 (statsmodels)")
    func diagnosis() {
        let table = CohenKappa.ContingencyTable(counts: Self.diagnosis.map { $0.map(Double.init) })
        #expect(close(CohenKappa.kappa(table).value, 0.4315007758811794, 1e-12))
        #expect(close(CohenKappa.kappa(table, weighting: .quadratic).value, 0.3831859441349489, 1e-12))
    }

    @Test("degenerate inputs give nil with a note")
    func degenerate() {
        #expect(CohenKappa.kappa(ratings: shroutFleiss).value == nil)  // 4 raters
        #expect(CohenKappa.kappa(ratings: [[1, nil], [nil, 2]]).value == nil)
        #expect(CohenKappa.kappa(ratings: [[1, 1], [1, 1]]).value == nil)  // p_e = 1
        let ragged = CohenKappa.ContingencyTable(categoryValues: [1, 2], counts: [[1, 2], [3]])
        #expect(!CohenKappa.kappa(ragged).notes.isEmpty)
        for k in [CohenKappa.kappa(ratings: [[1, 1], [1, 1]]), CohenKappa.kappa(ratings: [[1, nil]])] {
            #expect(allFinite([k.value, k.observedAgreement, k.chanceAgreement]) && !k.notes.isEmpty)
        }
    }
}
