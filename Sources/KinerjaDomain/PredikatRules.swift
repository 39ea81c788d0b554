/// The one table of appraisal rules: regimes' periods of validity and score ranges, label sets and
/// their five-step ordinal, numeric score bands, the PermenPANRB 6/2022 matrix and the
/// SE MenPANRB 3/2023 distribution bounds.
///
/// Facts marked **S** (secondary source) or **?** (unverified) in `shared/domain.md` are kept only here,
/// each row carrying its ``Status``, so a correction is a one-line change. The same rules exist as SQL
/// reference tables in a database migration; the rows below are plain data so that a test can compare
/// the two (`bands`, `acceptedBands`, `matrix`, `labels`, `regimes`, `distributionBounds`).
///
/// Steps: 5 best … 1 worst. Sangat Baik / Amat Baik 5; Baik 4; Cukup and Butuh Perbaikan 3;
/// Kurang (PP 46, PP 30), Sedang (PP 10) and Kurang/Misconduct 2; Buruk, Sangat Kurang and PP 10 Kurang 1.
public enum PredikatRules {
    /// How well a fact is sourced (domain.md): V verified, S secondary, ? unverified.
    public enum Status: String, Sendable, Hashable, Codable {
        case verified = "V"
        case secondary = "S"
        case unverified = "?"
    }

    /// When a regime applies and what it records.
    public struct RegimeSpan: Sendable, Hashable {
        public let regime: Regime
        /// Display name, e.g. `PP 46/2011 (SKP + perilaku)`.
        public let name: String
        /// First month of validity (inclusive).
        public let first: YearMonth?
        /// Last month of validity (inclusive), `nil` = still in force.
        public let last: YearMonth?
        /// Whether a final number is recorded (else the Hasil Kerja × Perilaku Kerja matrix).
        public let isNumeric: Bool
        public let scoreMin: Double?
        public let scoreMax: Double?
        public let status: Status
    }

    /// A label of a regime with its display name and five-step ordinal.
    public struct LabelStep: Sendable, Hashable {
        public let regime: Regime
        public let label: PredikatLabel
        public let name: String
        public let step: Int
        public let status: Status
    }

    /// A score band of a numeric regime: `minInclusive <= score < maxExclusive`
    /// (`maxExclusive == nil`: up to the regime's maximum score, inclusive).
    public struct Band: Sendable, Hashable {
        public let regime: Regime
        public let label: PredikatLabel
        public let minInclusive: Double
        public let maxExclusive: Double?
        public let step: Int
        public let status: Status
        /// `true` for the default derivation (``PredikatRules/bands``), `false` for a label that is only
        /// accepted when given (``PredikatRules/acceptedBands``).
        public let isDefault: Bool

        init(regime: Regime, label: PredikatLabel, minInclusive: Double, maxExclusive: Double?, step: Int,
             status: Status, isDefault: Bool = true) {
            self.regime = regime
            self.label = label
            self.minInclusive = minInclusive
            self.maxExclusive = maxExclusive
            self.step = step
            self.status = status
            self.isDefault = isDefault
        }

        /// Whether `score` falls in this band.
        public func contains(_ score: Double) -> Bool {
            score >= minInclusive && (maxExclusive.map { score < $0 } ?? true)
        }
    }

    /// One cell of the PermenPANRB 6/2022 predikat matrix.
    public struct MatrixCell: Sendable, Hashable {
        public let hasil: ExpectationLevel
        public let perilaku: ExpectationLevel
        public let label: PredikatLabel
    }

    /// Credit-point share of a PermenPANRB predikat (Peraturan BKN 3/2023, V).
    public struct CreditShare: Sendable, Hashable {
        public let label: PredikatLabel
        public let percent: Int
    }

    // MARK: - The table

    /// Regimes in force. PP 46/2011 2014 – June 2021, PP 30/2019 July 2021 – 2022,
    /// PermenPANRB 6/2022 from 2022 (2022 overlaps PP 30/2019 in the data contract).
    public static let regimes: [RegimeSpan] = [
        // PP 10/1979 (DP3): status unverified (?): first year 1980 and the 0–100 range are assumptions.
        RegimeSpan(regime: .pp10_1979, name: "PP 10/1979 (DP3)", first: YearMonth(year: 1980, month: 1), last: YearMonth(year: 2013, month: 12),
                   isNumeric: true, scoreMin: 0, scoreMax: 100, status: .unverified),
        // The SKP part may exceed 100; the data contract caps every numeric regime at 120.
        RegimeSpan(regime: .pp46_2011, name: "PP 46/2011 (SKP + perilaku)", first: YearMonth(year: 2014, month: 1), last: YearMonth(year: 2021, month: 6),
                   isNumeric: true, scoreMin: 0, scoreMax: 120, status: .secondary),
        RegimeSpan(regime: .pp30_2019, name: "PP 30/2019", first: YearMonth(year: 2021, month: 7), last: YearMonth(year: 2022, month: 12),
                   isNumeric: true, scoreMin: 0, scoreMax: 120, status: .verified),
        RegimeSpan(regime: .permenpanrb6_2022, name: "PermenPANRB 6/2022", first: YearMonth(year: 2022, month: 1), last: nil,
                   isNumeric: false, scoreMin: nil, scoreMax: nil, status: .verified),
    ]

    /// Every label of every regime with its step.
    public static let labels: [LabelStep] = [
        // PP 10/1979 (DP3): labels unverified (?).
        LabelStep(regime: .pp10_1979, label: .amatBaik, name: "Amat Baik", step: 5, status: .unverified),
        LabelStep(regime: .pp10_1979, label: .baik, name: "Baik", step: 4, status: .unverified),
        LabelStep(regime: .pp10_1979, label: .cukup, name: "Cukup", step: 3, status: .unverified),
        LabelStep(regime: .pp10_1979, label: .sedang, name: "Sedang", step: 2, status: .unverified),
        LabelStep(regime: .pp10_1979, label: .kurang, name: "Kurang", step: 1, status: .unverified),

        LabelStep(regime: .pp46_2011, label: .sangatBaik, name: "Sangat Baik", step: 5, status: .secondary),
        LabelStep(regime: .pp46_2011, label: .baik, name: "Baik", step: 4, status: .secondary),
        LabelStep(regime: .pp46_2011, label: .cukup, name: "Cukup", step: 3, status: .secondary),
        LabelStep(regime: .pp46_2011, label: .kurang, name: "Kurang", step: 2, status: .secondary),
        LabelStep(regime: .pp46_2011, label: .buruk, name: "Buruk", step: 1, status: .secondary),

        LabelStep(regime: .pp30_2019, label: .sangatBaik, name: "Sangat Baik", step: 5, status: .verified),
        LabelStep(regime: .pp30_2019, label: .baik, name: "Baik", step: 4, status: .verified),
        LabelStep(regime: .pp30_2019, label: .cukup, name: "Cukup", step: 3, status: .verified),
        LabelStep(regime: .pp30_2019, label: .kurang, name: "Kurang", step: 2, status: .secondary),
        LabelStep(regime: .pp30_2019, label: .sangatKurang, name: "Sangat Kurang", step: 1, status: .secondary),

        LabelStep(regime: .permenpanrb6_2022, label: .sangatBaik, name: "Sangat Baik", step: 5, status: .verified),
        LabelStep(regime: .permenpanrb6_2022, label: .baik, name: "Baik", step: 4, status: .verified),
        LabelStep(regime: .permenpanrb6_2022, label: .butuhPerbaikan, name: "Butuh Perbaikan", step: 3, status: .verified),
        LabelStep(regime: .permenpanrb6_2022, label: .kurangMisconduct, name: "Kurang/Misconduct", step: 2, status: .verified),
        LabelStep(regime: .permenpanrb6_2022, label: .sangatKurang, name: "Sangat Kurang", step: 1, status: .verified),
    ]

    /// The default derivation of a label from a score: for each numeric regime the bands partition
    /// its score range.
    public static let bands: [Band] = [
        // PP 10/1979 (DP3): bands unverified (?), assumed to mirror PP 46/2011.
        Band(regime: .pp10_1979, label: .amatBaik, minInclusive: 91, maxExclusive: nil, step: 5, status: .unverified),
        Band(regime: .pp10_1979, label: .baik, minInclusive: 76, maxExclusive: 91, step: 4, status: .unverified),
        Band(regime: .pp10_1979, label: .cukup, minInclusive: 61, maxExclusive: 76, step: 3, status: .unverified),
        Band(regime: .pp10_1979, label: .sedang, minInclusive: 51, maxExclusive: 61, step: 2, status: .unverified),
        Band(regime: .pp10_1979, label: .kurang, minInclusive: 0, maxExclusive: 51, step: 1, status: .unverified),

        // PP 46/2011: Sangat Baik >= 91, Baik 76–90, Cukup 61–75, Kurang 51–60, Buruk <= 50 (S);
        // decimals fall to the lower band (90.9 is Baik).
        Band(regime: .pp46_2011, label: .sangatBaik, minInclusive: 91, maxExclusive: nil, step: 5, status: .secondary),
        Band(regime: .pp46_2011, label: .baik, minInclusive: 76, maxExclusive: 91, step: 4, status: .secondary),
        Band(regime: .pp46_2011, label: .cukup, minInclusive: 61, maxExclusive: 76, step: 3, status: .secondary),
        Band(regime: .pp46_2011, label: .kurang, minInclusive: 51, maxExclusive: 61, step: 2, status: .secondary),
        Band(regime: .pp46_2011, label: .buruk, minInclusive: 0, maxExclusive: 51, step: 1, status: .secondary),

        // PP 30/2019: Baik 90–120 (V). Sangat Baik 110–120 needs an innovation, which the data does not
        // record, so by default a score >= 110 derives Baik (see `acceptedBands`).
        Band(regime: .pp30_2019, label: .baik, minInclusive: 90, maxExclusive: nil, step: 4, status: .verified),
        Band(regime: .pp30_2019, label: .cukup, minInclusive: 70, maxExclusive: 90, step: 3, status: .verified),
        Band(regime: .pp30_2019, label: .kurang, minInclusive: 50, maxExclusive: 70, step: 2, status: .secondary),
        Band(regime: .pp30_2019, label: .sangatKurang, minInclusive: 0, maxExclusive: 50, step: 1, status: .secondary),
    ]

    /// Labels that are accepted when given although the default derivation does not produce them:
    /// PP 30/2019 Sangat Baik for a score of 110–120 (an innovation is assumed when the predikat says so).
    public static let acceptedBands: [Band] = [
        Band(regime: .pp30_2019, label: .sangatBaik, minInclusive: 110, maxExclusive: nil, step: 5, status: .verified,
             isDefault: false),
    ]

    /// Every band: the default ones, then those only accepted when given (`isDefault == false`).
    public static var allBands: [Band] { bands + acceptedBands }

    /// The PermenPANRB 6/2022 predikat matrix (S: agreed by several independent implementations; labels V).
    public static let matrix: [MatrixCell] = [
        MatrixCell(hasil: .diatas, perilaku: .dibawah, label: .kurangMisconduct),
        MatrixCell(hasil: .diatas, perilaku: .sesuai, label: .baik),
        MatrixCell(hasil: .diatas, perilaku: .diatas, label: .sangatBaik),
        MatrixCell(hasil: .sesuai, perilaku: .dibawah, label: .kurangMisconduct),
        MatrixCell(hasil: .sesuai, perilaku: .sesuai, label: .baik),
        MatrixCell(hasil: .sesuai, perilaku: .diatas, label: .baik),
        MatrixCell(hasil: .dibawah, perilaku: .dibawah, label: .sangatKurang),
        MatrixCell(hasil: .dibawah, perilaku: .sesuai, label: .butuhPerbaikan),
        MatrixCell(hasil: .dibawah, perilaku: .diatas, label: .butuhPerbaikan),
    ]

    /// SE MenPANRB 3/2023: the unit's own predikat bounds the share of its staff's labels
    /// (percentages S, via news). "Kurang" on the employee side is Kurang/Misconduct.
    public static let distributionBounds: [DistributionBound] = [
        DistributionBound(unitPredikat: .istimewa, code: "SB_MAX_70", description: "Sangat Baik at most 70%",
                          labels: [.sangatBaik], comparison: .atMost, percent: 70),
        DistributionBound(unitPredikat: .baik, code: "B_MAX_70", description: "Baik at most 70%",
                          labels: [.baik], comparison: .atMost, percent: 70),
        DistributionBound(unitPredikat: .baik, code: "BP_OR_K_MIN_1", description: "at least one Butuh Perbaikan or Kurang",
                          labels: [.butuhPerbaikan, .kurangMisconduct], comparison: .atLeast, minimumCount: 1),
        DistributionBound(unitPredikat: .butuhPerbaikan, code: "BP_MIN_60", description: "Butuh Perbaikan at least 60%",
                          labels: [.butuhPerbaikan], comparison: .atLeast, percent: 60),
        DistributionBound(unitPredikat: .butuhPerbaikan, code: "SB_MAX_10", description: "Sangat Baik at most 10%",
                          labels: [.sangatBaik], comparison: .atMost, percent: 10),
        DistributionBound(unitPredikat: .kurang, code: "K_MIN_60", description: "Kurang at least 60%",
                          labels: [.kurangMisconduct], comparison: .atLeast, percent: 60),
        DistributionBound(unitPredikat: .kurang, code: "BP_MIN_10", description: "Butuh Perbaikan at least 10%",
                          labels: [.butuhPerbaikan], comparison: .atLeast, percent: 10),
        DistributionBound(unitPredikat: .kurang, code: "SB_MAX_10", description: "Sangat Baik at most 10%",
                          labels: [.sangatBaik], comparison: .atMost, percent: 10),
        DistributionBound(unitPredikat: .sangatKurang, code: "SK_MIN_60", description: "Sangat Kurang at least 60%",
                          labels: [.sangatKurang], comparison: .atLeast, percent: 60),
        DistributionBound(unitPredikat: .sangatKurang, code: "K_OR_BP_MIN_10", description: "Kurang or Butuh Perbaikan at least 10%",
                          labels: [.kurangMisconduct, .butuhPerbaikan], comparison: .atLeast, percent: 10),
        DistributionBound(unitPredikat: .sangatKurang, code: "SB_NONE", description: "no Sangat Baik",
                          labels: [.sangatBaik], comparison: .atMost, percent: 0),
    ]

    /// Predikat to credit-point share (Peraturan BKN 3/2023, V).
    public static let creditShares: [CreditShare] = [
        CreditShare(label: .sangatBaik, percent: 150),
        CreditShare(label: .baik, percent: 100),
        CreditShare(label: .butuhPerbaikan, percent: 75),
        CreditShare(label: .kurangMisconduct, percent: 50),
        CreditShare(label: .sangatKurang, percent: 25),
    ]

    // MARK: - Look-ups

    /// The step of `label` in `regime`, `nil` if the regime has no such label.
    public static func step(of label: PredikatLabel, in regime: Regime) -> Int? {
        labels.first { $0.regime == regime && $0.label == label }?.step
    }

    /// The label of `regime` with the given step (the regime's label set is one label per step).
    public static func label(step: Int, in regime: Regime) -> PredikatLabel? {
        labels.first { $0.regime == regime && $0.step == step }?.label
    }

    /// The default label a numeric regime derives from `score`; `nil` for the matrix regime or a
    /// score outside the regime's range.
    public static func derive(regime: Regime, score: Double) -> PredikatLabel? {
        guard let range = regime.scoreRange, range.contains(score) else { return nil }
        return bands.first { $0.regime == regime && $0.contains(score) }?.label
    }

    /// The label the PermenPANRB 6/2022 matrix gives for (Hasil Kerja, Perilaku Kerja).
    public static func derive(hasil: ExpectationLevel, perilaku: ExpectationLevel) -> PredikatLabel {
        matrix.first { $0.hasil == hasil && $0.perilaku == perilaku }!.label
    }

    /// Whether a given `label` is acceptable for `score` under `regime`: the derived label, or one of
    /// ``acceptedBands`` containing the score.
    public static func accepts(regime: Regime, score: Double, label: PredikatLabel) -> Bool {
        if derive(regime: regime, score: score) == label { return true }
        return acceptedBands.contains { $0.regime == regime && $0.label == label && $0.contains(score) }
    }

    /// Parses a label in the context of `regime`: like ``PredikatLabel/init(parsing:)``, except that
    /// under PermenPANRB 6/2022 plain `Kurang` (or `Misconduct`) means Kurang/Misconduct. Returns `nil` for text that is
    /// not a label of that regime.
    public static func label(parsing text: String, in regime: Regime) -> PredikatLabel? {
        if regime == .permenpanrb6_2022 && LabelText.key(text) == "MISCONDUCT" { return .kurangMisconduct }
        guard var label = PredikatLabel(parsing: text) else { return nil }
        if regime == .permenpanrb6_2022 && label == .kurang { label = .kurangMisconduct }
        return step(of: label, in: regime) == nil ? nil : label
    }

    /// Checks one appraisal against its regime and gives its label and step.
    ///
    /// Numeric regimes need a score in range and no matrix ratings; PermenPANRB 6/2022 needs both
    /// ratings and no score. A given `predikat` must agree with the derived label (or be accepted by
    /// ``acceptedBands``); when it does, it is the result (so a PP 30/2019 Sangat Baik counts as step 5).
    public static func resolve(regime: Regime, score: Double?, hasil: ExpectationLevel?, perilaku: ExpectationLevel?,
                               predikat: PredikatLabel?) throws(AppraisalRuleError) -> ResolvedPredikat {
        if regime.isNumeric {
            guard let score else { throw .scoreMissing(regime) }
            guard hasil == nil, perilaku == nil else { throw .matrixNotExpected(regime) }
            guard let range = regime.scoreRange, range.contains(score) else { throw .scoreOutOfRange(regime, score) }
            let derived = derive(regime: regime, score: score)!
            var label = derived
            if let predikat {
                guard step(of: predikat, in: regime) != nil else { throw .labelNotInRegime(regime, predikat) }
                guard accepts(regime: regime, score: score, label: predikat) else {
                    throw .predikatDisagrees(given: predikat, derived: derived)
                }
                label = predikat
            }
            return ResolvedPredikat(label: label, step: step(of: label, in: regime)!, derived: derived)
        } else {
            guard score == nil else { throw .scoreNotExpected(regime) }
            guard let hasil, let perilaku else { throw .matrixMissing(regime) }
            let derived = derive(hasil: hasil, perilaku: perilaku)
            if let predikat {
                let given = (predikat == .kurang) ? .kurangMisconduct : predikat
                guard given == derived else { throw .predikatDisagrees(given: given, derived: derived) }
            }
            return ResolvedPredikat(label: derived, step: step(of: derived, in: regime)!, derived: derived)
        }
    }
}
