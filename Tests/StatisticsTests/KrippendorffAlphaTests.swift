import Testing
@testable import Statistics

@Suite("Krippendorff's alpha")
struct KrippendorffAlphaTests {
    @Test("Krippendorff (2011) example: α nominal .743, ordinal .815, interval .849, ratio .797")
    func publishedExample() {
        let published: [(KrippendorffAlpha.Metric, Double, Double)] = [
            // (metric, published to 3 decimals, `krippendorff` 0.9.0 package full precision)
            (.nominal, 0.743, 0.743421052631579),
            (.ordinal, 0.815, 0.8153875037548814),
            (.interval, 0.849, 0.8491071428571428),
            (.ratio, 0.797, 0.7974027747116121),
        ]
        for (metric, rounded, exact) in published {
            let r = KrippendorffAlpha.alpha(ratings: krippendorffExample, metric: metric)
            #expect(close(r.alpha, rounded, 5e-4), "\(metric)")
            #expect(close(r.alpha, exact, 1e-12), "\(metric)")
            #expect(r.pairableValueCount == 40)
        }
    }

    @Test("coincidence matrix of the example: marginals 9, 13, 10, 5, 3 (Krippendorff 2011, §B)")
    func coincidences() {
        let m = KrippendorffAlpha.CoincidenceMatrix(ratings: krippendorffExample)
        #expect(m.values == [1, 2, 3, 4, 5])
        let marginals = m.counts.map { $0.reduce(0, +) }
        for (got, want) in zip(marginals, [9.0, 13, 10, 5, 3]) { #expect(close(got, want, 1e-12)) }
        #expect(close(m.counts[0][0], 7, 1e-12) && close(m.counts[0][1], 4.0 / 3, 1e-12) && close(m.counts[4][4], 3, 1e-12))
    }

    @Test("production entry points (sparse SQL rows, per-unit variance sums) agree with the raw path")
    func productionEntryPoints() {
        let dense = KrippendorffAlpha.CoincidenceMatrix(ratings: krippendorffExample)
        var entries: [KrippendorffAlpha.CoincidenceMatrix.Entry] = []
        for (i, row) in dense.counts.enumerated() {
            for (j, count) in row.enumerated() where count > 0 {
                entries.append(.init(c: dense.values[i], k: dense.values[j], count: count))
            }
        }
        let sparse = KrippendorffAlpha.CoincidenceMatrix(entries: entries.reversed())
        for metric in KrippendorffAlpha.Metric.allCases {
            #expect(close(KrippendorffAlpha.alpha(sparse, metric: metric).alpha,
                          KrippendorffAlpha.alpha(dense, metric: metric).alpha ?? .nan, 1e-14))
        }
        let sums = KrippendorffAlpha.IntervalSums(ratings: krippendorffExample)
        #expect(sums.pairableValueCount == 40)
        #expect(close(KrippendorffAlpha.intervalAlpha(sums).alpha, 0.8491071428571428, 1e-12))
    }

    @Test("degenerate inputs give nil with a note")
    func degenerate() {
        let constant: [[Double?]] = [[2, 2], [2, 2, nil], [2, nil]]
        let single: [[Double?]] = [[1, nil], [nil, 2]]
        for metric in KrippendorffAlpha.Metric.allCases {
            let a = KrippendorffAlpha.alpha(ratings: constant, metric: metric)
            #expect(a.alpha == nil && !a.notes.isEmpty)
            let b = KrippendorffAlpha.alpha(ratings: single, metric: metric)
            #expect(b.alpha == nil && !b.notes.isEmpty)
            #expect(KrippendorffAlpha.alpha(ratings: [], metric: metric).alpha == nil)
        }
        #expect(KrippendorffAlpha.intervalAlpha(.init(ratings: constant)).alpha == nil)
        let ragged = KrippendorffAlpha.CoincidenceMatrix(values: [1, 2], counts: [[1, 2]])
        #expect(KrippendorffAlpha.alpha(ragged, metric: .nominal).alpha == nil)
        #expect(KrippendorffAlpha.alpha(ratings: [[-1, 2], [3, 4]], metric: .ratio).alpha == nil)
    }
}
