/// The type of position (jenis jabatan).
public enum PositionType: String, CaseIterable, Sendable, Hashable, Codable {
    /// Structural: leads a unit.
    case struktural
    /// Functional: a professional career track (guru, perawat, analis, ...).
    case fungsional
    /// General administrative staff.
    case pelaksana

    /// The code used in files (lower case).
    public var code: String { rawValue }

    /// Parses case-insensitively.
    public init?(code text: String) {
        let key = LabelText.key(text).lowercased()
        guard let found = PositionType.allCases.first(where: { $0.rawValue == key }) else { return nil }
        self = found
    }
}
