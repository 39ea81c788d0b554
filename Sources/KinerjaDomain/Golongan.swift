/// A PNS rank (golongan/ruang): I/a–I/d, II/a–II/d, III/a–III/d, IV/a–IV/e (17 grades, V).
public enum Golongan: Int, CaseIterable, Sendable, Hashable, Codable, Comparable {
    case Ia = 1, Ib, Ic, Id
    case IIa, IIb, IIc, IId
    case IIIa, IIIb, IIIc, IIId
    case IVa, IVb, IVc, IVd, IVe

    /// 1 (I/a) … 17 (IV/e).
    public var rank: Int { rawValue }

    /// The golongan group 1–4 (I–IV).
    public var group: Int {
        switch rawValue {
        case 1...4: 1
        case 5...8: 2
        case 9...12: 3
        default: 4
        }
    }

    /// The ruang letter a–e.
    public var ruang: Character {
        let first = [1, 5, 9, 13][group - 1]
        return Character(Unicode.Scalar(UInt8(ascii: "a") + UInt8(rawValue - first)))
    }

    /// The code used in files, e.g. `III/b`.
    public var code: String { "\(["I", "II", "III", "IV"][group - 1])/\(ruang)" }

    /// The grade of a rank number 1–17.
    public init?(rank: Int) { self.init(rawValue: rank) }

    /// Parses `III/b`, `iii/B`, `III-b`, `III b` or `IIIb`.
    public init?(code text: String) {
        let key = LabelText.key(text).uppercased()
        guard let found = Golongan.allCases.first(where: { LabelText.key($0.code).uppercased() == key }) else { return nil }
        self = found
    }

    public static func < (a: Golongan, b: Golongan) -> Bool { a.rawValue < b.rawValue }

    /// A plausibility rule used by the synthetic data and its checks (not a regulation):
    /// pelaksana I/a–III/d, fungsional II/a–IV/e, struktural III/a–IV/e.
    public static func plausibleRange(for position: PositionType) -> ClosedRange<Golongan> {
        switch position {
        case .pelaksana: .Ia ... .IIId
        case .fungsional: .IIa ... .IVe
        case .struktural: .IIIa ... .IVe
        }
    }
}
