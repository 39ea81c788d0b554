/// Why an appraisal row breaks its regime's rules, in words a person understands.
public enum AppraisalRuleError: Error, Sendable, Hashable, CustomStringConvertible {
    case scoreMissing(Regime)
    case scoreNotExpected(Regime)
    case scoreOutOfRange(Regime, Double)
    case matrixMissing(Regime)
    case matrixNotExpected(Regime)
    case labelNotInRegime(Regime, PredikatLabel)
    case predikatDisagrees(given: PredikatLabel, derived: PredikatLabel)
    case regimeNotInPeriod(Regime, year: Int, period: Period)

    public var description: String {
        switch self {
        case .scoreMissing(let r): "regime \(r.code) records a score, but the score is empty"
        case .scoreNotExpected(let r): "regime \(r.code) records no score; leave score empty"
        case .scoreOutOfRange(let r, let s):
            "score \(s) is outside the range \(r.scoreRange.map { "\($0.lowerBound)–\($0.upperBound)" } ?? "-") of \(r.code)"
        case .matrixMissing(let r): "regime \(r.code) needs both hasil_kerja and perilaku_kerja"
        case .matrixNotExpected(let r): "regime \(r.code) has no hasil_kerja/perilaku_kerja; leave them empty"
        case .labelNotInRegime(let r, let l): "predikat \(l.code) is not a label of \(r.code)"
        case .predikatDisagrees(let given, let derived):
            "predikat \(given.code) disagrees with \(derived.code) derived by the regime"
        case .regimeNotInPeriod(let r, let y, let p): "regime \(r.code) did not apply in \(y) \(p.code)"
        }
    }
}
