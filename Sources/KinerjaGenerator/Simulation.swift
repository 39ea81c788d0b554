import Foundation
import KinerjaDomain

/// A compact intervention record, turned into a CSV row when the year is written.
struct InterventionRecord {
    var nip: UInt64
    var month: UInt8
    var day: UInt8
    var kind: UInt8       // index in InterventionKind.allCases
    var note: Int32       // meaning depends on kind
    var a: Int32
    var b: Int32
}

/// A planted 3-year decline.
struct DeclinerPlan {
    var startYear: Int
    var steps: [UInt8]
    var person: Int32 = -1
    var nip: UInt64 = 0
    var assigned = false
}

/// Statistics of one year, collected while generating and writing it.
struct YearStats {
    var hiresPNS = 0, hiresPPPK = 0, retired = 0, otherExits = 0, transfers = 0, promotions = 0
    var pns = 0, pppk = 0
    var withoutRater = 0, topHeadsWithoutRater = 0, blanked = 0, predikatFilled = 0
    var stepCounts = [0, 0, 0, 0, 0]
    var ratingPeriods = 0, ratedPeople = 0, raterPairs = 0, expectedCells = 0, writtenCells = 0
    var roleRows = [0, 0, 0, 0]   // atasan, rekan, bawahan, diri
    var interventions = [Int](repeating: 0, count: InterventionKind.allCases.count)
    var rows = [0, 0, 0, 0, 0, 0]  // units, employees, appraisals, ratings, interventions, unit_predikat
}

/// The whole generation state. Single-threaded and deterministic: every random draw comes from
/// `rng` (population and results, in a fixed order) or from streams derived from (seed, year, unit).
final class Simulation {
    let options: GeneratorOptions
    let profile: Profile
    let seed: UInt64
    let years: [Int]
    let org: Organization
    let pool = TextPool()
    let writer = AsyncWriter()
    let names: NameBook
    var titles: [TitleInfo] = []
    var titleByKey: [String: UInt16] = [:]
    var titlePools = TitlePools()
    var nipTable = NIPSequenceTable()
    let progress: ((String) -> Void)?

    // People (active only; compacted every year).
    var P: UnsafeMutablePointer<Person>
    var count = 0
    var capacity: Int
    var rng: Rng

    // Units.
    let nUnits: Int
    var unitHead: [Int32]
    var unitParent: [Int32]
    var unitChildren: [[Int32]]
    var unitKind: [UnitKind]
    var unitInstansi: [Int32]
    var unitQuality: [Float]
    var unitBoost: [Float]
    var unitCodeText: [Text] = []
    var unitHeadTitle: [Text] = []
    var unitPromosiNote: [Text] = []
    var unitSharePNS: [Double]
    var unitSharePPPK: [Double]
    var unitAceh: [Bool]
    var instansiTop: [[Int32]]
    var instansiByKind: [[[Int32]]]
    var unitPilot: [Bool]
    var unitGap: [Bool]
    var unitCount: [Int32]
    var memberStart: [Int32]
    var members: [Int32]
    var unitsCSV: [UInt8] = []

    // Stories.
    var plans: [DeclinerPlan] = []
    var improvingUnit: Int = -1
    var improvementYears: [Int] = []
    var unitMeans: [Int: [Double]] = [:]
    var unitStaff: [Int: [Int]] = [:]
    var offsetRaters: [(nip: UInt64, offset: Int8, unit: Int, fromYear: Int)] = []
    var offsetItemScores: [UInt64: [Int: Int]] = [:]
    var gapUnits: [Int] = []
    var gapSums: [Int: (aSum: Double, aN: Int, bSum: Double, bN: Int)] = [:]
    var otherGap = (aSum: 0.0, aN: 0, bSum: 0.0, bN: 0)
    var coachSums: [Int: [(cSum: Int, cN: Int, uSum: Int, uN: Int)]] = [:]
    var foundDeclines: [(nip: UInt64, year: Int, steps: [Int])] = []
    var unitPredikat: [UnitPredikat] = []
    var plantedBreaks: [Manifest.PlantedBreak] = []
    var breakers: [Manifest.UnitBreach] = []
    var breakerUnitsThisYear: Set<Int> = []

    // Per year.
    var stats = YearStats()
    var interventions: [InterventionRecord] = []
    var summaries: [Manifest.YearSummary] = []

    // Model constants.
    static let sdAbility: Float = 0.55
    static let sdZ: Float = 0.55
    static let sdQuality: Float = 0.2
    static let coachingProbability = 0.4
    static let coachingBumpProbability = 0.5
    static let lowPerformerMaxStep: UInt8 = 3
    static let raterOffsetPoints: Int8 = 8
    static let gapHalf: Float = 3
    static let stepCenter: [Float] = [0, 46, 56, 66, 76, 84]
    static let itemNoise: Float = 4

    init(options: GeneratorOptions, progress: ((String) -> Void)?) {
        self.options = options
        self.profile = options.profile
        self.seed = options.seed
        self.years = Array(options.years)
        self.progress = progress
        let org = Organization.build(profile: options.profile)
        self.org = org
        self.names = NameBook(pool: pool)
        rng = Rng(seed: options.seed, 1)
        let expected = Int(Double(options.profile.asn2024) * 1.1) + 64
        capacity = expected
        P = .allocate(capacity: expected)

        nUnits = org.units.count
        unitHead = [Int32](repeating: -1, count: nUnits)
        unitParent = org.units.map { Int32($0.parent) }
        unitChildren = [[Int32]](repeating: [], count: nUnits)
        unitKind = org.units.map(\.kind)
        unitInstansi = org.units.map { Int32($0.instansi) }
        unitAceh = org.units.map { org.instansi[$0.instansi].isAceh }
        instansiTop = [[Int32]](repeating: [], count: org.instansi.count)
        instansiByKind = [[[Int32]]](repeating: [[Int32]](repeating: [], count: 5), count: org.instansi.count)
        for (u, unit) in org.units.enumerated() {
            if unit.parent >= 0 { unitChildren[unit.parent].append(Int32(u)) } else { instansiTop[unit.instansi].append(Int32(u)) }
            instansiByKind[unit.instansi][Int(unit.kind.rawValue)].append(Int32(u))
        }
        // Size shares.
        let instPNS = org.instansi.reduce(0) { $0 + $1.weightPNS }
        let instPPPK = org.instansi.reduce(0) { $0 + $1.weightPPPK }
        var wSum = [Double](repeating: 0, count: org.instansi.count)
        var wSumP = [Double](repeating: 0, count: org.instansi.count)
        for u in org.units {
            wSum[u.instansi] += u.weight
            wSumP[u.instansi] += u.weight * u.kind.pppkMultiplier
        }
        unitSharePNS = org.units.map { org.instansi[$0.instansi].weightPNS / instPNS * $0.weight / wSum[$0.instansi] }
        unitSharePPPK = org.units.map {
            org.instansi[$0.instansi].weightPPPK / instPPPK * $0.weight * $0.kind.pppkMultiplier / wSumP[$0.instansi]
        }
        var qr = Rng(seed: options.seed, 2)
        unitQuality = (0..<nUnits).map { _ in qr.normal() * Simulation.sdQuality }
        unitBoost = [Float](repeating: 0, count: nUnits)
        unitPilot = [Bool](repeating: false, count: nUnits)
        unitGap = [Bool](repeating: false, count: nUnits)
        unitCount = [Int32](repeating: 0, count: nUnits)
        memberStart = [Int32](repeating: 0, count: nUnits + 1)
        members = []
        unitPredikat = [UnitPredikat](repeating: .baik, count: nUnits)

        for (u, unit) in org.units.enumerated() {
            unitCodeText.append(pool.raw(unit.code))
            unitHeadTitle.append(pool.field(unit.headTitle))
            unitPromosiNote.append(pool.field("Diangkat sebagai \(unit.headTitle)"))
            let inst = org.instansi[unit.instansi]
            let parentCode = unit.parent >= 0 ? org.units[unit.parent].code : ""
            let line = [inst.code, CSV.escape(inst.name), unit.code, CSV.escape(unit.name), parentCode].joined(separator: ",") + "\n"
            unitsCSV.append(contentsOf: Array(line.utf8))
            _ = u
        }
        buildTitles()
        titlePools = makeTitlePools()
        for u in 0..<nUnits { unitPilot[u] = qr.chance(0.3) }
    }

    deinit {
        writer.shutdown()
        P.deallocate()
        nipTable.release()
    }

    // MARK: - Titles

    private func buildTitles() {
        let jenjang = ["Terampil", "Mahir", "Penyelia", "Ahli Pertama", "Ahli Muda", "Ahli Madya", "Ahli Utama"]
        func add(_ base: String, _ ptype: UInt8, _ family: TitleFamily, key: String) {
            let variants = ptype == 1 ? jenjang.map { pool.field("\(base) \($0)") } : [pool.field(base)]
            titleByKey[key] = UInt16(titles.count)
            titles.append(TitleInfo(base: base, ptype: ptype, family: family, variants: variants))
        }
        add("Guru", 1, .guru, key: "guru")
        for t in Catalog.healthTitlesAhli {
            let f: TitleFamily = t == "Dokter" ? .dokter : t == "Perawat" ? .perawat : t == "Bidan" ? .bidan : t == "Apoteker" ? .apoteker : .healthOther
            add(t, 1, f, key: "ha:" + t)
        }
        for t in Catalog.healthTitlesTerampil {
            let f: TitleFamily = t == "Perawat" ? .perawat : t == "Bidan" ? .bidan : .healthOther
            add(t, 1, f, key: "ht:" + t)
        }
        for t in Catalog.generalTitlesAhli { add(t, 1, .generalAhli, key: "ga:" + t) }
        for t in Catalog.generalTitlesTerampil { add(t, 1, .generalTerampil, key: "gt:" + t) }
        for t in Catalog.staffTitles { add(t, 2, .staff, key: "s:" + t) }
        for t in Catalog.staffTitlesLow { add(t, 2, .staffLow, key: "sl:" + t) }
    }

    /// Title indices of each pool, resolved once.
    struct TitlePools {
        var guru: UInt16 = 0
        var healthAhli: [UInt16] = [], healthTerampil: [UInt16] = [], generalAhli: [UInt16] = []
        var generalTerampil: [UInt16] = [], staff: [UInt16] = [], staffLow: [UInt16] = []
    }

    func makeTitlePools() -> TitlePools {
        var t = TitlePools()
        t.guru = titleByKey["guru"]!
        t.healthAhli = Catalog.healthTitlesAhli.map { titleByKey["ha:" + $0]! }
        t.healthTerampil = Catalog.healthTitlesTerampil.map { titleByKey["ht:" + $0]! }
        t.generalAhli = Catalog.generalTitlesAhli.map { titleByKey["ga:" + $0]! }
        t.generalTerampil = Catalog.generalTitlesTerampil.map { titleByKey["gt:" + $0]! }
        t.staff = Catalog.staffTitles.map { titleByKey["s:" + $0]! }
        t.staffLow = Catalog.staffTitlesLow.map { titleByKey["sl:" + $0]! }
        return t
    }

    /// Chooses a position (title, type) for a new employee of a unit kind and education.
    func choosePosition(kind: UnitKind, education: UInt8, rng: inout Rng) -> UInt16 {
        let t = titlePools
        func pick(_ list: [UInt16]) -> UInt16 { list[rng.int(list.count)] }
        let staff = education <= 1 ? pick(t.staffLow) : pick(t.staff)
        switch kind {
        case .education:
            return education >= 4 && rng.chance(0.92) ? t.guru : staff
        case .health, .hospital:
            if education == 3 && rng.chance(0.9) { return pick(t.healthTerampil) }
            if education >= 4 && rng.chance(0.85) { return pick(t.healthAhli) }
            return staff
        case .general:
            if education >= 4 && rng.chance(0.3) { return pick(t.generalAhli) }
            if education == 3 && rng.chance(0.2) { return pick(t.generalTerampil) }
            return staff
        case .kecamatan:
            if education >= 4 && rng.chance(0.1) { return pick(t.generalAhli) }
            return staff
        }
    }

    // MARK: - Golongan

    /// Golongan rank (1–17) of a PNS in `year`: entry rank by education, one step per 4 years of
    /// service, capped by position; heads at least III/c (sub-units) or IV/a (top units).
    @inline(__always)
    func golonganRank(_ p: Person, year: Int) -> Int {
        var r = Int(p.entryGrade) + max(0, (year - Int(p.tmtYear)) / 4)
        if p.has(Person.head) {
            let minRank = unitParent[Int(p.unit)] < 0 ? 13 : 11
            return min(17, max(r, minRank))
        }
        if p.ptype == 2 { r = min(r, 12) } else if p.education <= 3 { r = min(r, 12) } else { r = min(r, 16) }
        return r
    }

    /// Index of the jenjang variant (Terampil … Ahli Utama) of a fungsional title.
    @inline(__always)
    func jenjang(_ p: Person, year: Int) -> Int {
        if p.has(Person.pppk) {
            switch p.entryGrade {
            case ...7: return 0
            case 8: return 1
            case 9, 10: return 3
            case 11: return 4
            default: return 5
            }
        }
        let r = golonganRank(p, year: year)
        if p.education >= 4 {
            switch r {
            case ...10: return 3
            case 11, 12: return 4
            case 13...15: return 5
            default: return 6
            }
        }
        switch r {
        case ...8: return 0
        case 9, 10: return 1
        default: return 2
        }
    }

    // MARK: - Targets

    /// National totals (thousands) of PNS and PPPK by year; profiles scale them.
    static func nationalTotals(_ year: Int) -> (pns: Double, pppk: Double) {
        let table: [Int: (Double, Double)] = [
            2016: (4375, 5), 2017: (4290, 6), 2018: (4185, 8), 2019: (4190, 51), 2020: (4170, 52),
            2021: (4080, 120), 2022: (3990, 370), 2023: (3700, 580), 2024: (3566.141, 1167.9), 2025: (3480, 1500),
        ]
        if let v = table[year] { return v }
        if year < 2016 { return (4375 + 40 * Double(2016 - year), 0) }
        return table[2025]!
    }

    func targets(_ year: Int) -> (pns: Int, pppk: Int) {
        let t = Simulation.nationalTotals(year)
        let f = Double(profile.asn2024) / 4_734_041.0
        return (Int((t.pns * 1000 * f).rounded()), Int((t.pppk * 1000 * f).rounded()))
    }

    // MARK: - People

    func ensureCapacity(_ n: Int) {
        if n <= capacity { return }
        let newCap = max(n, capacity * 3 / 2)
        let np = UnsafeMutablePointer<Person>.allocate(capacity: newCap)
        np.moveInitialize(from: P, count: count)
        P.deallocate()
        P = np
        capacity = newCap
    }

    /// The next free sequence for the first 15 digits of a NIP.
    func assignNIP(prefix15: UInt64) -> UInt64 {
        prefix15 * 1000 + UInt64(nipTable.next(prefix15))
    }

    /// Education (0 SD, 1 SMP, 2 SMA, 3 D3, 4 S1, 5 S2, 6 S3) weights by unit kind (index = UnitKind raw value).
    static let educationWeights: [[Double]] = [
        [0.02, 0.03, 0.28, 0.10, 0.45, 0.11, 0.01],   // general
        [0, 0, 0.04, 0.04, 0.80, 0.11, 0.01],          // education
        [0, 0.01, 0.10, 0.48, 0.35, 0.06, 0],          // health
        [0, 0.01, 0.10, 0.48, 0.35, 0.06, 0],          // hospital
        [0.03, 0.04, 0.40, 0.08, 0.38, 0.07, 0],       // kecamatan
    ]
    static let ageBands: [ClosedRange<Int>] = [20...24, 25...29, 30...34, 35...39, 40...44, 45...49, 50...54, 55...58]
    static let ageBandWeights: [Double] = [1, 3, 5, 6, 7, 8, 9, 8]
    static let entryRankByEducation: [UInt8] = [1, 3, 5, 7, 9, 10, 11]
    static let pppkGradeByEducation: [UInt8] = [1, 3, 5, 7, 9, 10, 11]

    /// A new employee. `initial`: part of the first year's population (any age, TMT in the past);
    /// otherwise hired in `year` (PNS: TMT CPNS in `year` at age 18–35).
    func makePerson(pppk: Bool, unit: Int, year: Int, initial: Bool) -> Person {
        var p = Person()
        let kind = unitKind[unit]
        p.unit = Int32(unit)
        let femaleShare: Double = kind == .education ? 0.65 : (kind == .health || kind == .hospital) ? 0.7 : 0.42
        let female = rng.chance(femaleShare)
        p.set(Person.female, female)
        if pppk { p.set(Person.pppk) }
        p.education = UInt8(rng.pick(Simulation.educationWeights[Int(kind.rawValue)]))
        p.title = choosePosition(kind: kind, education: p.education, rng: &rng)
        p.ptype = titles[Int(p.title)].ptype
        p.gelar = names.chooseGelar(education: p.education, family: titles[Int(p.title)].family, rng: &rng)
        if unitAceh[unit] && rng.chance(0.08) { p.set(Person.honorific) }
        p.nameSeed = rng.next()
        p.ability = rng.normal() * Simulation.sdAbility
        p.z = rng.normal() * Simulation.sdZ

        // Age and TMT.
        let age: Int
        var tmtYear: Int
        if pppk {
            age = initial ? rng.int(in: 24...52) : rng.int(in: 22...50)
            tmtYear = initial ? year - rng.int(in: 0...min(3, max(0, year - 2019))) : year
            p.entryGrade = Simulation.pppkGradeByEducation[Int(p.education)]
        } else if initial {
            let b = Simulation.ageBands[rng.pick(Simulation.ageBandWeights)]
            age = rng.int(in: b)
            tmtYear = year - age + rng.int(in: 18...min(35, age - 2))   // adjusted below for the month
            p.entryGrade = Simulation.entryRankByEducation[Int(p.education)]
        } else {
            age = rng.int(in: 20...35)
            tmtYear = year
            p.entryGrade = Simulation.entryRankByEducation[Int(p.education)]
        }
        let birthYear = year - age
        let bm = rng.int(in: 1...12)
        let bd = rng.int(in: 1...CalendarDate.daysIn(year: birthYear, month: bm))
        if tmtYear > year { tmtYear = year }
        let tm = tmtYear == year && !initial ? rng.int(in: 1...6) : rng.int(in: 1...12)
        // Initial PNS: a TMT month not after the birth month falls in the next year, so the whole age
        // at TMT CPNS is the drawn 18–35.
        if initial && !pppk && tm <= bm { tmtYear += 1 }
        p.birthYear = Int16(birthYear)
        p.tmtYear = Int16(tmtYear)
        let g: UInt64 = female ? 2 : 1
        let date = UInt64(birthYear) * 10_000 + UInt64(bm) * 100 + UInt64(bd)
        // PNS: YYYYMMDD YYYYMM G; NI PPPK (layout unverified): YYYYMMDD YYYY 21 G.
        let middle = UInt64(tmtYear) * 100 + (pppk ? 21 : UInt64(tm))
        p.nip = assignNIP(prefix15: (date * 1_000_000 + middle) * 10 + g)
        p.set(Person.newHire, !initial)
        return p
    }

    @inline(__always)
    func append(_ p: Person) {
        ensureCapacity(count + 1)
        (P + count).initialize(to: p)
        count += 1
        unitCount[Int(p.unit)] += 1
    }

    /// Retirement age (batas usia pensiun): 60 for fungsional and heads of top units, else 58.
    @inline(__always)
    func retirementAge(_ p: Person) -> Int {
        if p.ptype == 1 { return 60 }
        if p.has(Person.head) && unitParent[Int(p.unit)] < 0 { return 60 }
        return 58
    }

    @inline(__always)
    func planActive(_ p: Person, year: Int) -> Bool {
        guard p.plan >= 0 else { return false }
        let s = plans[Int(p.plan)].startYear
        return year >= s && year <= s + 3
    }

    // MARK: - Population dynamics

    func createInitialPopulation(year: Int) {
        let t = targets(year)
        hire(pns: t.pns, pppk: t.pppk, year: year, initial: true)
    }

    /// Hires to reach the targets, by each unit's deficit against its share.
    func hire(pns: Int, pppk: Int, year: Int, initial: Bool) {
        var curPNS = [Int](repeating: 0, count: nUnits), curPPPK = [Int](repeating: 0, count: nUnits)
        for i in 0..<count {
            if P[i].has(Person.pppk) { curPPPK[Int(P[i].unit)] += 1 } else { curPNS[Int(P[i].unit)] += 1 }
        }
        let havePNS = curPNS.reduce(0, +), havePPPK = curPPPK.reduce(0, +)
        let allocP = allocate(total: max(0, pns - havePNS), target: pns, shares: unitSharePNS, current: curPNS)
        let allocK = allocate(total: max(0, pppk - havePPPK), target: pppk, shares: unitSharePPPK, current: curPPPK)
        for u in 0..<nUnits {
            for _ in 0..<allocP[u] { append(makePerson(pppk: false, unit: u, year: year, initial: initial)) }
            for _ in 0..<allocK[u] { append(makePerson(pppk: true, unit: u, year: year, initial: initial)) }
            if !initial { stats.hiresPNS += allocP[u]; stats.hiresPPPK += allocK[u] }
        }
        // Every unit keeps at least 6 people, at least one of them PNS (the head).
        for u in 0..<nUnits {
            var need = max(0, 6 - Int(unitCount[u]))
            if curPNS[u] + allocP[u] == 0 && need == 0 { need = 1 }
            for _ in 0..<need {
                append(makePerson(pppk: false, unit: u, year: year, initial: initial))
                if !initial { stats.hiresPNS += 1 }
            }
        }
    }

    /// Splits `total` hires over units in proportion to their deficits (largest remainder).
    func allocate(total: Int, target: Int, shares: [Double], current: [Int]) -> [Int] {
        var out = [Int](repeating: 0, count: nUnits)
        guard total > 0 else { return out }
        var deficit = (0..<nUnits).map { max(0, Double(target) * shares[$0] - Double(current[$0])) }
        var sum = deficit.reduce(0, +)
        if sum < Double(total) {
            // Deficits first, the rest by share.
            let rest = Double(total) - sum
            for u in 0..<nUnits { deficit[u] += rest * shares[u] }
            sum = deficit.reduce(0, +)
        }
        guard sum > 0 else { return out }
        var given = 0
        var remainders: [(Double, Int)] = []
        for u in 0..<nUnits {
            let exact = Double(total) * deficit[u] / sum
            let f = Int(exact)
            out[u] = f
            given += f
            remainders.append((exact - Double(f), u))
        }
        remainders.sort { $0.0 != $1.0 ? $0.0 > $1.0 : $0.1 < $1.1 }
        var k = 0
        while given < total {
            out[remainders[k % remainders.count].1] += 1
            given += 1
            k += 1
        }
        return out
    }

    /// Exits (retirement, other), compaction, transfers and hires at the start of `year`.
    func advance(to year: Int) {
        for i in 0..<count {
            var p = P[i]
            p.set(Person.newHire, false)
            p.set(Person.moved, false)
            if year - Int(p.birthYear) > retirementAge(p) {
                p.set(Person.exited)
                stats.retired += 1
            } else if !planActive(p, year: year) && rng.chance(p.has(Person.pppk) ? 0.03 : 0.0035) {
                p.set(Person.exited)
                stats.otherExits += 1
            }
            P[i] = p
        }
        compact()
        transfers(year: year)
        let t = targets(year)
        hire(pns: t.pns, pppk: t.pppk, year: year, initial: false)
    }

    /// Drops people who left and renumbers references.
    func compact() {
        var remap = [Int32](repeating: -1, count: count)
        var j = 0
        for i in 0..<count {
            if P[i].has(Person.exited) {
                unitCount[Int(P[i].unit)] -= 1
                continue
            }
            if i != j { P[j] = P[i] }
            remap[i] = Int32(j)
            j += 1
        }
        (P + j).deinitialize(count: count - j)
        count = j
        for u in 0..<nUnits where unitHead[u] >= 0 { unitHead[u] = remap[Int(unitHead[u])] }
        for k in plans.indices where plans[k].person >= 0 { plans[k].person = remap[Int(plans[k].person)] }
    }

    /// About 1% of PNS staff move to another unit of the same kind in the same instansi.
    func transfers(year: Int) {
        for i in 0..<count {
            let p = P[i]
            if p.has(Person.pppk) || p.has(Person.head) || !rng.chance(0.01) { continue }
            let from = Int(p.unit)
            if unitCount[from] <= 8 { continue }
            let options = instansiByKind[Int(unitInstansi[from])][Int(unitKind[from].rawValue)]
            if options.count < 2 { continue }
            var to = Int(options[rng.int(options.count)])
            if to == from { to = Int(options[(options.firstIndex(of: Int32(from))! + 1) % options.count]) }
            P[i].unit = Int32(to)
            P[i].set(Person.moved)
            unitCount[from] -= 1
            unitCount[to] += 1
            stats.transfers += 1
            let month = rng.int(in: 1...12)
            interventions.append(InterventionRecord(nip: p.nip, month: UInt8(month),
                                                    day: UInt8(rng.int(in: 1...CalendarDate.daysIn(year: year, month: month))),
                                                    kind: 4, note: 0, a: Int32(from), b: Int32(to)))
        }
    }

    /// Counting sort of people by unit; the head first in each unit's slice.
    func buildMembership() {
        var start = [Int32](repeating: 0, count: nUnits + 1)
        for i in 0..<count { start[Int(P[i].unit) + 1] += 1 }
        for u in 0..<nUnits { start[u + 1] += start[u] }
        var fill = start
        members = [Int32](repeating: 0, count: count)
        for i in 0..<count {
            let u = Int(P[i].unit)
            members[Int(fill[u])] = Int32(i)
            fill[u] += 1
        }
        memberStart = start
        for u in 0..<nUnits where unitHead[u] >= 0 {
            let s = Int(start[u]), e = Int(start[u + 1])
            if let k = (s..<e).first(where: { members[$0] == unitHead[u] }), k != s { members.swapAt(k, s) }
        }
    }

    /// Appoints a head for every unit without one: the PNS with the highest golongan (then latent).
    func ensureHeads(year: Int, initial: Bool) {
        for u in 0..<nUnits where unitHead[u] < 0 {
            let s = Int(memberStart[u]), e = Int(memberStart[u + 1])
            var best = -1
            var bestKey: (Int, Float) = (-1, 0)
            for k in s..<e {
                let i = Int(members[k])
                let p = P[i]
                if p.has(Person.pppk) || planActive(p, year: year) || p.has(Person.newHire) && !initial { continue }
                let key = (golonganRank(p, year: year), p.ability)
                if key > bestKey { bestKey = key; best = k }
            }
            if best < 0 {
                // No eligible PNS (tiny unit): take any PNS.
                best = (s..<e).first { !P[Int(members[$0])].has(Person.pppk) } ?? -1
            }
            guard best >= 0 else { continue }
            let i = Int(members[best])
            P[i].set(Person.head)
            P[i].ptype = 0
            if P[i].gelar == 0 && P[i].education >= 4 { P[i].gelar = names.chooseGelar(education: P[i].education, family: .generalAhli, rng: &rng) }
            unitHead[u] = Int32(i)
            members.swapAt(best, s)
            if !initial {
                stats.promotions += 1
                interventions.append(InterventionRecord(nip: P[i].nip, month: UInt8(rng.int(in: 1...3)),
                                                        day: UInt8(rng.int(in: 1...28)), kind: 2, note: 0, a: Int32(u), b: 0))
            }
        }
    }
}

/// First 15 NIP digits → last sequence used, as a flat open-addressing table (key | sequence << 50).
struct NIPSequenceTable {
    private var slots: UnsafeMutablePointer<UInt64>
    private var mask: Int
    private var used = 0

    init() {
        mask = (1 << 16) - 1
        slots = .allocate(capacity: mask + 1)
        slots.initialize(repeating: 0, count: mask + 1)
    }

    /// Increments and returns the sequence of `key` (< 10^15), starting at 1.
    mutating func next(_ key: UInt64) -> Int {
        if 2 * (used + 1) > mask + 1 { grow() }
        var i = Int(truncatingIfNeeded: (key &* 0x9E3779B97F4A7C15) >> 20) & mask
        while true {
            let v = slots[i]
            if v == 0 {
                slots[i] = key | (1 << 50)
                used += 1
                return 1
            }
            if v & ((1 << 50) - 1) == key {
                let seq = Int(v >> 50) + 1
                slots[i] = key | (UInt64(seq) << 50)
                return seq
            }
            i = (i + 1) & mask
        }
    }

    private mutating func grow() {
        let old = slots, oldCount = mask + 1
        mask = 2 * oldCount - 1
        slots = .allocate(capacity: mask + 1)
        slots.initialize(repeating: 0, count: mask + 1)
        for k in 0..<oldCount where old[k] != 0 {
            let key = old[k] & ((1 << 50) - 1)
            var i = Int(truncatingIfNeeded: (key &* 0x9E3779B97F4A7C15) >> 20) & mask
            while slots[i] != 0 { i = (i + 1) & mask }
            slots[i] = old[k]
        }
        old.deallocate()
    }

    func release() { slots.deallocate() }
}
