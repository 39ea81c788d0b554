/// Why an 18-digit employee number is not valid, with a reason a person understands,
/// e.g. "birth date 19861332 is not a calendar date".
public struct NIPError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The rule that failed.
    public enum Kind: String, Sendable, Hashable, Codable {
        case wrongLength
        case notDigits
        case birthDateInvalid
        case birthYearImplausible
        case tmtMonthInvalid
        case tmtNotAfterBirth
        case genderInvalid
        case sequenceZero
    }

    public let kind: Kind
    /// The explanation, naming the offending digits.
    public let reason: String

    public init(_ kind: Kind, _ reason: String) {
        self.kind = kind
        self.reason = reason
    }

    public var description: String { reason }
}
