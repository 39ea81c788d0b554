/// A coarse age band for reporting: under 30, 30–39, 40–49, 50 and over.
public enum AgeBand: String, CaseIterable, Sendable, Hashable, Codable, Comparable {
    case under30 = "<30"
    case from30to39 = "30-39"
    case from40to49 = "40-49"
    case from50 = "50+"

    /// The band of an age in years.
    public init(age: Int) {
        switch age {
        case ..<30: self = .under30
        case 30..<40: self = .from30to39
        case 40..<50: self = .from40to49
        default: self = .from50
        }
    }

    /// The band of someone born in `birthYear`, at the age reached during `year` (`year - birthYear`).
    public init(birthYear: Int, atYear year: Int) {
        self.init(age: year - birthYear)
    }

    /// The label, e.g. `30-39`.
    public var label: String { rawValue }

    public static func < (a: AgeBand, b: AgeBand) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}
