/// A PermenPANRB 6/2022 rating of Hasil Kerja or Perilaku Kerja against expectation.
public enum ExpectationLevel: String, CaseIterable, Sendable, Hashable, Codable, CustomStringConvertible {
    /// Di Atas Ekspektasi (above expectation).
    case diatas = "DIATAS"
    /// Sesuai Ekspektasi (as expected).
    case sesuai = "SESUAI"
    /// Di Bawah Ekspektasi (below expectation).
    case dibawah = "DIBAWAH"

    /// The canonical code, e.g. `DIATAS`.
    public var code: String { rawValue }

    public var description: String { rawValue }

    /// 3 above, 2 as expected, 1 below.
    public var rank: Int {
        switch self {
        case .diatas: 3
        case .sesuai: 2
        case .dibawah: 1
        }
    }

    /// The Indonesian name, e.g. `Di Atas Ekspektasi`.
    public var displayName: String {
        switch self {
        case .diatas: "Di Atas Ekspektasi"
        case .sesuai: "Sesuai Ekspektasi"
        case .dibawah: "Di Bawah Ekspektasi"
        }
    }

    /// Parses `Di Atas Ekspektasi`, `di-atas`, `DIATAS`, `Sesuai`, ... (case-insensitive, separators
    /// ignored, an `EKSPEKTASI` suffix stripped).
    public init?(parsing text: String) {
        var key = LabelText.key(text)
        if key.hasSuffix("EKSPEKTASI") { key.removeLast("EKSPEKTASI".count) }
        guard !key.isEmpty, let found = ExpectationLevel.allCases.first(where: { $0.rawValue == key }) else { return nil }
        self = found
    }
}
