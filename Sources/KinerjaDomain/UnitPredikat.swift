/// A unit's own performance predikat (SE MenPANRB 3/2023), which bounds its staff's labels.
public enum UnitPredikat: String, CaseIterable, Sendable, Hashable, Codable, CustomStringConvertible {
    case istimewa = "ISTIMEWA"
    case baik = "BAIK"
    case butuhPerbaikan = "BUTUH_PERBAIKAN"
    case kurang = "KURANG"
    case sangatKurang = "SANGAT_KURANG"

    /// The canonical code, e.g. `BUTUH_PERBAIKAN`.
    public var code: String { rawValue }
    public var description: String { rawValue }

    /// The Indonesian name, e.g. `Butuh Perbaikan`.
    public var displayName: String {
        switch self {
        case .istimewa: "Istimewa"
        case .baik: "Baik"
        case .butuhPerbaikan: "Butuh Perbaikan"
        case .kurang: "Kurang"
        case .sangatKurang: "Sangat Kurang"
        }
    }

    /// Parses a unit predikat (case-insensitive, separators alike).
    public init?(parsing text: String) {
        let key = LabelText.key(text)
        guard let found = UnitPredikat.allCases.first(where: { LabelText.key($0.rawValue) == key }) else { return nil }
        self = found
    }

    /// The SE MenPANRB 3/2023 bounds for a unit with this predikat.
    public var bounds: [DistributionBound] {
        PredikatRules.distributionBounds.filter { $0.unitPredikat == self }
    }
}
