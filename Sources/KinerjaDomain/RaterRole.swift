/// The relation of a rater to the person rated in multi-rater (360) behaviour input.
public enum RaterRole: String, CaseIterable, Sendable, Hashable, Codable {
    /// The direct superior.
    case atasan
    /// A peer at the same level (rekan kerja setingkat).
    case rekan
    /// A direct subordinate.
    case bawahan
    /// Self-assessment: the only role where `rater_nip = nip`.
    case diri

    /// The code used in files (lower case).
    public var code: String { rawValue }

    /// Parses case-insensitively.
    public init?(code text: String) {
        let key = LabelText.key(text).lowercased()
        guard let found = RaterRole.allCases.first(where: { $0.rawValue == key }) else { return nil }
        self = found
    }
}
