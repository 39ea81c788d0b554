/// The SE MenPANRB 3/2023 "curve": checks a unit's staff labels against the bounds its predikat sets
/// (BKN e-Kinerja's "Monitoring Kurva"). The bounds themselves are ``PredikatRules/distributionBounds``.
public enum DistributionCurve {
    /// The bounds broken by a unit with predikat `unitPredikat` whose staff have the given label
    /// counts, each with the margin in percentage points; empty when the unit complies or has no staff.
    ///
    /// Counts are PermenPANRB 6/2022 labels; a count under plain ``PredikatLabel/kurang`` is taken as
    /// Kurang/Misconduct. Comparisons are exact (integer arithmetic): 7 of 10 Baik is 70%, which is
    /// "at most 70%"; 8 of 11 is 72.7%, which breaks it.
    public static func check(unitPredikat: UnitPredikat, counts: [PredikatLabel: Int]) -> [DistributionBreach] {
        var normalized: [PredikatLabel: Int] = [:]
        for (label, n) in counts where n > 0 {
            normalized[label == .kurang ? .kurangMisconduct : label, default: 0] += n
        }
        let total = normalized.values.reduce(0, +)
        guard total > 0 else { return [] }
        var breaches: [DistributionBreach] = []
        for bound in unitPredikat.bounds {
            let count = bound.labels.reduce(0) { $0 + (normalized[$1] ?? 0) }
            let actual = Double(count) * 100 / Double(total)
            let broken: Bool
            let limit: Double
            if let p = bound.percent {
                limit = Double(p)
                switch bound.comparison {
                case .atMost: broken = count * 100 > p * total
                case .atLeast: broken = count * 100 < p * total
                }
            } else {
                let n = bound.minimumCount ?? 0
                limit = Double(n) * 100 / Double(total)
                switch bound.comparison {
                case .atMost: broken = count > n
                case .atLeast: broken = count < n
                }
            }
            if broken {
                let by = bound.comparison == .atMost ? actual - limit : limit - actual
                breaches.append(DistributionBreach(bound: bound, count: count, total: total, actualPercent: actual,
                                                   limitPercent: limit, byPoints: by))
            }
        }
        return breaches
    }

    /// Same as ``check(unitPredikat:counts:)`` with counts by PermenPANRB step (index 0 = step 1 … index 4 = step 5).
    public static func check(unitPredikat: UnitPredikat, stepCounts: [Int]) -> [DistributionBreach] {
        var counts: [PredikatLabel: Int] = [:]
        for (i, n) in stepCounts.enumerated() where n > 0 {
            if let label = PredikatRules.label(step: i + 1, in: .permenpanrb6_2022) { counts[label, default: 0] += n }
        }
        return check(unitPredikat: unitPredikat, counts: counts)
    }
}
