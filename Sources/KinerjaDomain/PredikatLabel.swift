/// A predikat (appraisal label) of any regime, by its canonical code.
///
/// Codes are regime-independent; the step a label means depends on the regime
/// (PP 10/1979 `KURANG` is step 1, PP 46/2011 `KURANG` step 2). See ``PredikatRules/labels``.
public enum PredikatLabel: String, CaseIterable, Sendable, Hashable, Codable, CustomStringConvertible {
    case sangatBaik = "SANGAT_BAIK"
    case baik = "BAIK"
    case cukup = "CUKUP"
    case kurang = "KURANG"
    case buruk = "BURUK"
    case sangatKurang = "SANGAT_KURANG"
    case butuhPerbaikan = "BUTUH_PERBAIKAN"
    case kurangMisconduct = "KURANG_MISCONDUCT"
    case amatBaik = "AMAT_BAIK"
    case sedang = "SEDANG"

    /// The canonical code, e.g. `BUTUH_PERBAIKAN`.
    public var code: String { rawValue }

    public var description: String { rawValue }

    /// The Indonesian name as printed on forms, e.g. `Kurang/Misconduct`.
    public var displayName: String {
        switch self {
        case .sangatBaik: "Sangat Baik"
        case .baik: "Baik"
        case .cukup: "Cukup"
        case .kurang: "Kurang"
        case .buruk: "Buruk"
        case .sangatKurang: "Sangat Kurang"
        case .butuhPerbaikan: "Butuh Perbaikan"
        case .kurangMisconduct: "Kurang/Misconduct"
        case .amatBaik: "Amat Baik"
        case .sedang: "Sedang"
        }
    }

    /// Parses a label without regard to regime: case-insensitive, spaces, hyphens, underscores and
    /// slashes alike (`Sangat Baik`, `sangat-baik`, `SANGAT_BAIK`; `Kurang/Misconduct`).
    /// Plain `KURANG` gives ``kurang``; use ``PredikatRules/label(parsing:in:)`` for the
    /// PermenPANRB reading of `KURANG` as Kurang/Misconduct.
    public init?(parsing text: String) {
        let key = LabelText.key(text)
        guard !key.isEmpty,
              let found = PredikatLabel.allCases.first(where: { LabelText.key($0.rawValue) == key })
        else { return nil }
        self = found
    }
}
