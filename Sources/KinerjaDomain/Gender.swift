/// Gender as encoded in digit 15 of a PNS NIP.
public enum Gender: String, CaseIterable, Sendable, Hashable, Codable {
    case male = "L"
    case female = "P"

    /// The NIP digit: 1 male, 2 female.
    public var nipDigit: Int { self == .male ? 1 : 2 }

    /// The gender of a NIP digit, `nil` unless 1 or 2.
    public init?(nipDigit: Int) {
        switch nipDigit {
        case 1: self = .male
        case 2: self = .female
        default: return nil
        }
    }
}
