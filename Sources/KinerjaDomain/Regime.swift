/// An appraisal regime: the regulation whose rules produced an appraisal result.
///
/// Historical data mixes regimes, so a raw score is only meaningful together with its regime.
/// Every rule about a regime (years, score range, bands, matrix, steps) lives in ``PredikatRules``;
/// the properties here only look it up.
public enum Regime: String, CaseIterable, Sendable, Hashable, Codable, CustomStringConvertible {
    /// PP 10/1979 (DP3), used before 2014. Its bands are unverified.
    case pp10_1979 = "PP10_1979"
    /// PP 46/2011, used 2014 to June 2021: a number (SKP 60% + perilaku 40%).
    case pp46_2011 = "PP46_2011"
    /// PP 30/2019, used July 2021 to 2022: a number 0–120.
    case pp30_2019 = "PP30_2019"
    /// PermenPANRB 6/2022, from 2022: no number, a Hasil Kerja × Perilaku Kerja matrix.
    case permenpanrb6_2022 = "PERMENPANRB_6_2022"

    /// The canonical code used in files and in the database, e.g. `PP46_2011`.
    public var code: String { rawValue }

    public var description: String { rawValue }

    /// Parses a regime code case-insensitively; spaces, hyphens, slashes and underscores are alike.
    public init?(code text: String) {
        let key = LabelText.key(text)
        guard let found = Regime.allCases.first(where: { LabelText.key($0.rawValue) == key }) else { return nil }
        self = found
    }

    /// The period of validity and score range of this regime, from ``PredikatRules/regimes``.
    public var span: PredikatRules.RegimeSpan {
        PredikatRules.regimes.first { $0.regime == self }!
    }

    /// `true` when the regime records a final number, `false` for the matrix-based regime.
    public var isNumeric: Bool { span.isNumeric }

    /// The allowed score range, `nil` for the matrix-based regime.
    public var scoreRange: ClosedRange<Double>? {
        guard let lo = span.scoreMin, let hi = span.scoreMax else { return nil }
        return lo...hi
    }

    /// The first calendar year the regime may appear in, `nil` if open-ended.
    public var firstYear: Int? { span.first?.year }
    /// The last calendar year the regime may appear in, `nil` if still in force.
    public var lastYear: Int? { span.last?.year }

    /// Whether an appraisal of this regime may be dated in `year` (any period).
    public func mayAppear(inYear year: Int) -> Bool {
        if let f = firstYear, year < f { return false }
        if let l = lastYear, year > l { return false }
        return true
    }

    /// Whether an appraisal of this regime may cover `period` of `year`
    /// (the months of the period must overlap the regime's months of validity).
    public func mayAppear(inYear year: Int, period: Period) -> Bool {
        let start = YearMonth(year: year, month: period.firstMonth)
        let end = YearMonth(year: year, month: period.lastMonth)
        if let f = span.first, end < f { return false }
        if let l = span.last, start > l { return false }
        return true
    }

    /// The regimes that may appear in `year`, oldest first.
    public static func regimes(inYear year: Int) -> [Regime] {
        allCases.filter { $0.mayAppear(inYear: year) }
    }

    /// The labels of this regime with their steps, best first.
    public var labels: [PredikatRules.LabelStep] {
        PredikatRules.labels.filter { $0.regime == self }.sorted { $0.step > $1.step }
    }

    /// The five-step ordinal (5 best … 1 worst) of `label` in this regime, `nil` if the label is not one of its labels.
    public func step(of label: PredikatLabel) -> Int? {
        PredikatRules.step(of: label, in: self)
    }

    /// The label a numeric regime derives from `score` (default derivation; see ``PredikatRules/bands``).
    public func derivedLabel(score: Double) -> PredikatLabel? {
        PredikatRules.derive(regime: self, score: score)
    }
}
