/// The outcome of checking an appraisal with ``PredikatRules/resolve(regime:score:hasil:perilaku:predikat:)``.
public struct ResolvedPredikat: Sendable, Hashable, Codable {
    /// The label that counts: the given predikat when present and accepted, else the derived one.
    public let label: PredikatLabel
    /// The five-step ordinal of ``label`` (5 best … 1 worst).
    public let step: Int
    /// The label the regime derives by default (for PP 30/2019 a score >= 110 derives Baik).
    public let derived: PredikatLabel

    public init(label: PredikatLabel, step: Int, derived: PredikatLabel) {
        self.label = label
        self.step = step
        self.derived = derived
    }
}
