import KinerjaDomain

/// Compact per-employee state (one per active ASN; about 72 bytes).
struct Person {
    var nip: UInt64 = 0
    var nameSeed: UInt64 = 0
    var unit: Int32 = 0
    var plan: Int32 = -1
    var birthYear: Int16 = 0
    var tmtYear: Int16 = 0
    var ability: Float = 0
    var z: Float = 0
    /// This year's latent performance (after coaching, plans and curve adjustments: inside the band of `step`).
    var L: Float = 0
    /// 0–100 latent behaviour score of the annual (or S2) result, for ratings.
    var p: Float = 0
    var pS1: Float = 0
    var title: UInt16 = 0
    var flags: UInt16 = 0
    var education: UInt8 = 0
    var entryGrade: UInt8 = 0
    var gelar: UInt8 = 0
    var ptype: UInt8 = 0      // 0 struktural, 1 fungsional, 2 pelaksana
    var h1: UInt8 = 0         // annual step of last year (0 = not employed)
    var h2: UInt8 = 0
    var h3: UInt8 = 0
    var step: UInt8 = 0
    var stepS1: UInt8 = 0
    var offset: Int8 = 0

    static let pppk: UInt16 = 1
    static let female: UInt16 = 2
    static let head: UInt16 = 4
    static let coachedPrev: UInt16 = 8
    static let coachedNow: UInt16 = 16
    static let frozen: UInt16 = 32
    static let honorific: UInt16 = 64
    static let exited: UInt16 = 128
    static let newHire: UInt16 = 256
    static let moved: UInt16 = 512

    @inline(__always) func has(_ f: UInt16) -> Bool { flags & f != 0 }
    @inline(__always) mutating func set(_ f: UInt16, _ on: Bool = true) { if on { flags |= f } else { flags &= ~f } }

    /// Lowest step allowed this year so that no 3-year decline appears by accident.
    @inline(__always) var minStep: UInt8 { (h3 > h2 && h2 > h1 && h1 > 0) ? h1 : 1 }
}

/// A fungsional or pelaksana title family with its text variants.
struct TitleInfo {
    var base: String
    var ptype: UInt8
    var family: TitleFamily
    /// Full titles, escaped for CSV: pelaksana one variant; fungsional 7 jenjang variants.
    var variants: [Text]
}

enum TitleFamily: UInt8 {
    case guru, dokter, perawat, bidan, apoteker, healthOther, generalAhli, generalTerampil, staff, staffLow
}

/// Academic degrees written with names (prefix, suffix).
struct Gelar {
    var prefix: String
    var suffix: String
}

/// Name parts and degree table as pre-encoded bytes.
final class NameBook {
    let maleGiven: [Text], femaleGiven: [Text], maleSecond: [Text], femaleSecond: [Text], family: [Text]
    let teuku: Text, cut: Text, space: Text
    var gelar: [Gelar] = [Gelar(prefix: "", suffix: "")]
    var gelarPrefix: [Text] = []
    var gelarSuffix: [Text] = []
    private var gelarIndex: [String: UInt8] = ["|": 0]
    let pool: TextPool

    init(pool: TextPool) {
        self.pool = pool
        maleGiven = Catalog.maleGiven.filter { $0 != "Teuku" }.map { pool.raw($0) }
        femaleGiven = Catalog.femaleGiven.filter { $0 != "Cut" }.map { pool.raw($0) }
        maleSecond = Catalog.maleSecond.map { pool.raw($0) }
        femaleSecond = Catalog.femaleSecond.map { pool.raw($0) }
        family = Catalog.family.map { pool.raw($0) }
        teuku = pool.raw("Teuku ")
        cut = pool.raw("Cut ")
        space = pool.raw(" ")
        gelarPrefix = [pool.raw("")]
        gelarSuffix = [pool.raw("")]
    }

    func gelarIndex(prefix: String, suffix: String) -> UInt8 {
        let key = prefix + "|" + suffix
        if let i = gelarIndex[key] { return i }
        let i = UInt8(gelar.count)
        gelar.append(Gelar(prefix: prefix, suffix: suffix))
        gelarPrefix.append(pool.raw(prefix))
        gelarSuffix.append(pool.raw(suffix))
        gelarIndex[key] = i
        return i
    }

    private var memo: [Int: UInt8] = [:]

    /// Chooses degrees for a person from education (0 SD … 6 S3) and title family.
    func chooseGelar(education: UInt8, family: TitleFamily, rng: inout Rng) -> UInt8 {
        if education <= 2 { return 0 }
        let a = rng.int(10), b = rng.int(4), c = rng.chance(0.2) ? 1 : 0
        let key = ((Int(education) * 16 + Int(family.rawValue)) * 16 + a) * 8 + b * 2 + c
        if let g = memo[key] { return g }
        let g = buildGelar(education: education, family: family, a: a, b: b, c: c == 1)
        memo[key] = g
        return g
    }

    private func buildGelar(education: UInt8, family: TitleFamily, a: Int, b: Int, c: Bool) -> UInt8 {
        if education == 3 {
            switch family {
            case .perawat: return gelarIndex(prefix: "", suffix: ", A.Md.Kep.")
            case .bidan: return gelarIndex(prefix: "", suffix: ", A.Md.Keb.")
            case .healthOther, .dokter, .apoteker: return gelarIndex(prefix: "", suffix: ", A.Md.Kes.")
            default: return gelarIndex(prefix: "", suffix: ", A.Md.")
            }
        }
        var prefix = ""
        var suffix: String
        switch family {
        case .guru: suffix = c ? ", S.Pd.I." : ", S.Pd."
        case .dokter: prefix = "dr. "; suffix = ""
        case .perawat: suffix = ", S.Kep., Ns."
        case .bidan: suffix = ", S.Tr.Keb."
        case .apoteker: suffix = ", S.Farm., Apt."
        case .healthOther: suffix = ", S.K.M."
        default:
            let s = [", S.E.", ", S.H.", ", S.Sos.", ", S.T.", ", S.Kom.", ", S.IP.", ", S.Ak.", ", S.AP.", ", S.Ag.", ", S.P."]
            suffix = s[a]
        }
        if education >= 5 {
            switch family {
            case .guru: suffix += ", M.Pd."
            case .dokter: suffix = [", Sp.PD", ", Sp.A", ", M.Kes.", ", Sp.OG"][b]
            case .perawat, .bidan, .apoteker, .healthOther: suffix += ", M.Kes."
            default: suffix += [", M.Si.", ", M.M.", ", M.H.", ", M.AP."][b]
            }
        }
        if education >= 6 { prefix = (prefix == "dr. " ? "Dr. dr. " : "Dr. ") }
        return gelarIndex(prefix: prefix, suffix: suffix)
    }

    /// Writes the full name of a person into `out` (at most 200 bytes); returns the length.
    @inline(__always)
    func write(_ person: Person, into out: UnsafeMutablePointer<UInt8>) -> Int {
        var n = 0
        @inline(__always) func put(_ t: Text) {
            (out + n).update(from: t.ptr, count: t.count)
            n += t.count
        }
        var h = SplitMix64(state: person.nameSeed)
        let r1 = h.next(), r2 = h.next()
        let female = person.has(Person.female)
        put(gelarPrefix[Int(person.gelar)])
        if person.has(Person.honorific) { put(female ? cut : teuku) }
        let given = female ? femaleGiven : maleGiven
        let g1 = Int(r1 % UInt64(given.count))
        put(given[g1])
        let sel = (r1 >> 32) % 100
        if sel < (female ? 65 : 60) {
            put(space)
            if (r2 & 1) == 0 {
                var g2 = Int((r2 >> 8) % UInt64(given.count))
                if g2 == g1 { g2 = (g2 + 1) % given.count }
                put(given[g2])
            } else {
                let second = female ? femaleSecond : maleSecond
                put(second[Int((r2 >> 8) % UInt64(second.count))])
            }
        }
        if (r2 >> 40) % 100 < (female ? 15 : 25) {
            put(space)
            put(family[Int((r2 >> 20) % UInt64(family.count))])
        }
        put(gelarSuffix[Int(person.gelar)])
        return n
    }
}
