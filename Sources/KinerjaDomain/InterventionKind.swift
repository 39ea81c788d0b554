/// Something that happened to an employee, recorded in `interventions.csv`.
public enum InterventionKind: String, CaseIterable, Sendable, Hashable, Codable {
    /// Coaching of a low performer.
    case pembinaan
    /// Training.
    case pelatihan
    /// Promotion to a (structural) position.
    case promosi
    /// Award.
    case penghargaan
    /// Transfer between units.
    case mutasi
    /// Disciplinary sanction.
    case hukumanDisiplin = "hukuman_disiplin"

    /// The code used in files (lower case).
    public var code: String { rawValue }

    /// Parses case-insensitively, separators alike.
    public init?(code text: String) {
        let key = LabelText.key(text)
        guard let found = InterventionKind.allCases.first(where: { LabelText.key($0.rawValue) == key }) else { return nil }
        self = found
    }
}
