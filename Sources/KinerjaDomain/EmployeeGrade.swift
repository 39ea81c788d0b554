/// The `grade` column of `employees.csv`: a golongan/ruang for PNS, a grade for PPPK.
public enum EmployeeGrade: Sendable, Hashable, CustomStringConvertible {
    case pns(Golongan)
    case pppk(PPPKGrade)

    /// Parses the grade of an employee of type `asnType` (`III/b` for PNS, `IX` for PPPK).
    public init?(code: String, asnType: ASNType) {
        switch asnType {
        case .pns:
            guard let g = Golongan(code: code) else { return nil }
            self = .pns(g)
        case .pppk:
            guard let g = PPPKGrade(code: code) else { return nil }
            self = .pppk(g)
        }
    }

    /// The code used in files.
    public var code: String {
        switch self {
        case .pns(let g): g.code
        case .pppk(let g): g.code
        }
    }

    public var description: String { code }
}
