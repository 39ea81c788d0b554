/// A chance-corrected agreement coefficient κ = (p_a − p_e) / (1 − p_e) (Cohen's and
/// Fleiss' kappa, Gwet's AC1/AC2) or a plain proportion (percent agreement, where
/// `chanceAgreement` is nil). Undefined parts are nil with the reason in `notes`;
/// nothing here is ever NaN or infinite.
public struct AgreementCoefficient: Sendable, Hashable {
    /// The coefficient.
    public var value: Double?
    /// p_a, the (weighted) observed agreement.
    public var observedAgreement: Double?
    /// p_e, the (weighted) agreement expected by chance.
    public var chanceAgreement: Double?
    /// Why any value above is nil.
    public var notes: [String]

    public init(value: Double?, observedAgreement: Double?, chanceAgreement: Double?, notes: [String] = []) {
        self.value = value
        self.observedAgreement = observedAgreement
        self.chanceAgreement = chanceAgreement
        self.notes = notes
    }

    static func undefined(_ note: String) -> AgreementCoefficient {
        AgreementCoefficient(value: nil, observedAgreement: nil, chanceAgreement: nil, notes: [note])
    }

    /// κ = (p_a − p_e)/(1 − p_e), nil with a note when p_e = 1.
    static func chanceCorrected(observed pa: Double, chance pe: Double, notes: [String] = []) -> AgreementCoefficient {
        var notes = notes
        let value = finite((pa - pe) / (1 - pe))
        if value == nil {
            notes.append("chance agreement is 1 (every rating in one category): coefficient undefined")
        }
        return AgreementCoefficient(value: value, observedAgreement: finite(pa), chanceAgreement: finite(pe), notes: notes)
    }
}

/// The value if finite, else nil: the one gate every public result passes through.
func finite(_ x: Double) -> Double? {
    x.isFinite ? x : nil
}
