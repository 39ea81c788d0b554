/// The kind of civil servant: PNS (civil servant) or PPPK (government employee on contract).
public enum ASNType: String, CaseIterable, Sendable, Hashable, Codable {
    case pns = "PNS"
    case pppk = "PPPK"

    /// The code used in files, `PNS` or `PPPK`.
    public var code: String { rawValue }

    /// Parses `PNS`/`PPPK` case-insensitively.
    public init?(code text: String) {
        let key = LabelText.key(text)
        guard let found = ASNType.allCases.first(where: { $0.rawValue == key }) else { return nil }
        self = found
    }
}
