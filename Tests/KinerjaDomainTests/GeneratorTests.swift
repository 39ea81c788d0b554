import Foundation
import Testing
import KinerjaDomain
import KinerjaGenerator

/// One generated city data set (2016–2025), shared by the tests below.
final class CityRun: Sendable {
    static let seed: UInt64 = 20_240_601
    static let years = 2016...2025
    static let shared: CityRun = try! CityRun()

    let dir: URL
    let manifest: Manifest
    let data: [Int: YearData]

    struct Employee: Sendable {
        var nip: String, name: String, asnType: String, unit: String, position: String, positionType: String, grade: String
    }

    struct Appraisal: Sendable {
        var nip: String, period: String, rater: String, regime: String, score: String, hasil: String, perilaku: String
        var predikat: String
    }

    struct YearData: Sendable {
        var units: [[String]]
        var employees: [String: Employee]
        var appraisals: [Appraisal]
        var unitPredikat: [String: String]
        var interventions: [[String]]
    }

    /// Where the shared run is written (removed when the test process exits).
    static var directory: URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("kinerja-gen-test-\(getpid())-city")
    }

    init() throws {
        dir = CityRun.directory
        try? FileManager.default.removeItem(at: dir)
        atexit { try? FileManager.default.removeItem(at: CityRun.directory) }
        manifest = try Generator(options: GeneratorOptions(profile: .city, years: CityRun.years, seed: CityRun.seed,
                                                           outputDirectory: dir)).run()
        var data: [Int: YearData] = [:]
        for y in CityRun.years {
            let f = dir.appendingPathComponent(String(y))
            let units = try CSVReader.rows(f.appendingPathComponent("units.csv")).rows
            var emps: [String: Employee] = [:]
            for r in try CSVReader.rows(f.appendingPathComponent("employees.csv")).rows {
                emps[r[0]] = Employee(nip: r[0], name: r[1], asnType: r[2], unit: r[3], position: r[4], positionType: r[5], grade: r[6])
            }
            let appr = try CSVReader.rows(f.appendingPathComponent("appraisals.csv")).rows.map {
                Appraisal(nip: $0[0], period: $0[1], rater: $0[2], regime: $0[3], score: $0[4], hasil: $0[5], perilaku: $0[6], predikat: $0[7])
            }
            var up: [String: String] = [:]
            for r in try CSVReader.rows(f.appendingPathComponent("unit_predikat.csv")).rows { up[r[0]] = r[2] }
            let iv = try CSVReader.rows(f.appendingPathComponent("interventions.csv")).rows
            data[y] = YearData(units: units, employees: emps, appraisals: appr, unitPredikat: up, interventions: iv)
        }
        self.data = data
    }

    func file(_ year: Int, _ name: String) -> URL { dir.appendingPathComponent(String(year)).appendingPathComponent(name) }

    /// Resolved label of an appraisal row with the domain rules.
    static func resolve(_ a: Appraisal) throws -> ResolvedPredikat {
        let regime = Regime(code: a.regime)!
        let score = a.score.isEmpty ? nil : Double(a.score)
        let hasil = a.hasil.isEmpty ? nil : ExpectationLevel(parsing: a.hasil)
        let perilaku = a.perilaku.isEmpty ? nil : ExpectationLevel(parsing: a.perilaku)
        let predikat = a.predikat.isEmpty ? nil : PredikatRules.label(parsing: a.predikat, in: regime)
        return try PredikatRules.resolve(regime: regime, score: score, hasil: hasil, perilaku: perilaku, predikat: predikat)
    }

    /// Annual step per NIP per year (2021: the S2 result), recomputed from appraisals.csv.
    var annualSteps: [String: [Int: Int]] {
        var out: [String: [Int: Int]] = [:]
        for (y, d) in data {
            let annual = y == 2021 ? "S2" : "Y"
            for a in d.appraisals where a.period == annual { out[a.nip, default: [:]][y] = try! CityRun.resolve(a).step }
        }
        return out
    }
}

@Suite("Generator: city profile", .serialized)
struct GeneratorCityTests {
    let run = CityRun.shared

    @Test func sizesAreThoseOfTheCityProfile() throws {
        for y in CityRun.years {
            let d = try #require(run.data[y])
            #expect((25...40).contains(d.units.count), "\(y): \(d.units.count) units")
            #expect((3_000...6_000).contains(d.employees.count), "\(y): \(d.employees.count) ASN")
            #expect(Set(d.units.map { $0[0] }) == ["PEMKO-LANGSA"])
            #expect(Set(d.units.map { $0[1] }) == ["Pemerintah Kota Langsa"])
            let codes = Set(d.units.map { $0[2] })
            #expect(codes.count == d.units.count)
            let subs = d.units.filter { !$0[4].isEmpty }
            #expect((3...10).contains(subs.count))
            #expect(subs.allSatisfy { codes.contains($0[4]) })
            #expect(codes.contains("LANGSA-DINKES"))
        }
    }

    @Test func headersAndRowCountsMatchTheManifest() throws {
        let headers = [
            "units.csv": "instansi_code,instansi_name,unit_code,unit_name,parent_unit_code",
            "employees.csv": "nip,name,asn_type,unit_code,position,position_type,grade",
            "appraisals.csv": "nip,period,rater_nip,regime,score,hasil_kerja,perilaku_kerja,predikat",
            "ratings.csv": "nip,period,rater_nip,rater_role,item,score",
            "interventions.csv": "nip,date,kind,note",
            "unit_predikat.csv": "unit_code,period,predikat",
        ]
        #expect(run.manifest.files.sorted() == headers.keys.sorted())
        for y in CityRun.years {
            let summary = try #require(run.manifest.year(y))
            let folder = try FileManager.default.contentsOfDirectory(atPath: run.dir.appendingPathComponent(String(y)).path)
            #expect(folder.sorted() == headers.keys.sorted())
            for (name, header) in headers {
                let data = try CSVReader.raw(run.file(y, name))
                let firstLine = String(decoding: data.prefix { $0 != 10 }, as: UTF8.self)
                #expect(firstLine == header)
                #expect(data.last == 10)
                #expect(try CSVReader.count(byte: 13, in: run.file(y, name)) == 0)
                // Records = LF count - 1 (no field of these files contains a line break).
                let records = try CSVReader.lineFeeds(run.file(y, name)) - 1
                #expect(summary.rowCounts.rows(file: name) == records, "\(y) \(name)")
            }
        }
    }

    @Test func regimesPerYear() throws {
        for y in CityRun.years {
            let expected: [String: String] = y == 2021 ? ["S1": "PP46_2011", "S2": "PP30_2019"]
                : (y >= 2022 ? ["Y": "PERMENPANRB_6_2022"] : ["Y": "PP46_2011"])
            let d = try #require(run.data[y])
            var seen: [String: String] = [:]
            for a in d.appraisals { seen[a.period] = a.regime }
            #expect(seen == expected)
            let m = try #require(run.manifest.year(y))
            #expect(Dictionary(uniqueKeysWithValues: m.periods.map { ($0.period, $0.regime) }) == expected)
            #expect(m.annualPeriod == (y == 2021 ? "S2" : "Y"))
        }
    }

    @Test func everyEmployeeRowIsValid() throws {
        var allNIPs: [String: String] = [:]   // nip -> asn type, stable across years
        for y in CityRun.years {
            let d = try #require(run.data[y])
            let units = Set(d.units.map { $0[2] })
            var pppk = 0
            for e in d.employees.values {
                #expect(e.nip.utf8.count == 18)
                #expect(!e.name.isEmpty && units.contains(e.unit))
                let type = try #require(ASNType(code: e.asnType))
                let ptype = try #require(PositionType(code: e.positionType), "\(e.positionType)")
                #expect(!e.position.isEmpty)
                if let previous = allNIPs[e.nip] { #expect(previous == e.asnType) }
                allNIPs[e.nip] = e.asnType
                switch type {
                case .pns:
                    let f = try NIP.decodePNS(e.nip)
                    #expect((18...35).contains(f.ageAtCPNS), "\(e.nip)")
                    #expect(f.tmtCPNS.year <= y)
                    #expect((18...60).contains(f.age(atYear: y)), "\(e.nip) in \(y)")
                    let g = try #require(Golongan(code: e.grade), "\(e.grade)")
                    #expect(Golongan.plausibleRange(for: ptype).contains(g), "\(e.nip) \(e.grade) \(ptype)")
                case .pppk:
                    pppk += 1
                    #expect(NIP.validatePPPK(e.nip) == nil)
                    #expect(NIP.validatePNS(e.nip) != nil)    // the PPPK layout never passes as a PNS NIP
                    #expect(PPPKGrade(code: e.grade) != nil)
                    #expect(ptype != .struktural)
                }
            }
            #expect(run.manifest.year(y)?.asn.pppk == pppk)
            #expect(run.manifest.year(y)?.asn.total == d.employees.count)
        }
        // The PPPK share is small before 2019 and grows afterwards.
        let share = { (y: Int) -> Double in
            let a = self.run.manifest.year(y)!.asn
            return Double(a.pppk) / Double(a.total)
        }
        #expect(share(2018) < 0.01)
        for y in 2020...2025 { #expect(share(y) > share(y - 1), "\(y)") }
        #expect(share(2024) > 0.2)
        // People come and go: hires and exits happen, and a few move between units.
        #expect(run.manifest.years.dropFirst().allSatisfy { $0.hires.pns + $0.hires.pppk > 0 && $0.exits.retired > 0 })
        #expect(run.manifest.years.dropFirst().allSatisfy { $0.transfers > 0 })
    }

    @Test func everyAppraisalRowIsValid() throws {
        for y in CityRun.years {
            let d = try #require(run.data[y])
            var keys = Set<String>()
            var filled = 0, blank = 0
            var steps = [0, 0, 0, 0, 0]
            for a in d.appraisals {
                #expect(d.employees[a.nip] != nil)
                #expect(keys.insert(a.nip + "|" + a.period).inserted)
                let regime = try #require(Regime(code: a.regime))
                let period = try #require(Period(a.period))
                #expect(regime.mayAppear(inYear: y, period: period))
                let r = try CityRun.resolve(a)
                if a.period == (y == 2021 ? "S2" : "Y") { steps[r.step - 1] += 1 }
                if regime.isNumeric {
                    // One decimal.
                    let parts = a.score.split(separator: ".")
                    #expect(parts.count == 2 && parts[1].count == 1, "\(a.score)")
                }
                if !a.predikat.isEmpty { filled += 1 }
                if a.rater.isEmpty {
                    blank += 1
                } else {
                    #expect(d.employees[a.rater] != nil && a.rater != a.nip)
                }
            }
            // One appraisal per employee and period.
            let periods = y == 2021 ? 2 : 1
            #expect(d.appraisals.count == d.employees.count * periods)
            let share = Double(filled) / Double(d.appraisals.count)
            #expect(share > 0.4 && share < 0.62, "predikat filled \(share)")
            // Empty rater: heads of top units, plus about 10% of old exports before 2019.
            let m = try #require(run.manifest.year(y))
            #expect(m.appraisalsWithoutRater.total == blank)
            let blankShare = Double(m.appraisalsWithoutRater.blankedOldExport) / Double(d.appraisals.count)
            if y < 2019 { #expect(blankShare > 0.07 && blankShare < 0.13) } else { #expect(blankShare == 0) }
            #expect(m.stepCounts == steps)
            // Most people are Baik.
            #expect(Double(steps[3]) / Double(d.employees.count) > 0.5)
        }
    }

    @Test func everyRatingRowIsValidAndTheRaterStoriesHold() throws {
        var offsetCounts: [String: [Int: Int]] = [:]
        let offsets = Dictionary(uniqueKeysWithValues: run.manifest.raterOffsets.raters.map { ($0.nip, $0) })
        var deviation: [String: [Int: (Double, Int)]] = [:]   // offset rater -> year -> (sum, n)
        for y in CityRun.years {
            let d = try #require(run.data[y])
            var superior: [String: String] = [:]
            var appraisalKeys = Set<String>()
            for a in d.appraisals {
                appraisalKeys.insert(a.nip + "|" + a.period)
                if !a.rater.isEmpty { superior[a.nip + "|" + a.period] = a.rater }
            }
            let allowed = Set((y >= 2022 ? Item.berakhlak : Item.pp46Aspects).map(\.code) + ["OVERALL"])
            var rows = 0
            var seenGroups = Set<String>()
            var problems: [String] = []
            func problem(_ text: @autoclosure () -> String) { if problems.count < 20 { problems.append(text()) } }
            // The file is grouped by (ratee, period): check and score one group at a time.
            var groupKey = ""
            var group: [(rater: String, item: String, score: Double)] = []
            func closeGroup() {
                guard !group.isEmpty else { return }
                if !seenGroups.insert(groupKey).inserted { problem("ratee group \(groupKey) split") }
                if Set(group.map { $0.rater + "|" + $0.item }).count != group.count { problem("duplicate cell in \(groupKey)") }
                let raters = Set(group.map(\.rater))
                for r in raters where offsets[r] != nil {
                    let mine = group.filter { $0.rater == r }.map(\.score)
                    let others = group.filter { $0.rater != r }.map(\.score)
                    guard !others.isEmpty else { continue }
                    let dev = mine.reduce(0, +) / Double(mine.count) - others.reduce(0, +) / Double(others.count)
                    deviation[r, default: [:]][y, default: (0, 0)].0 += dev
                    deviation[r, default: [:]][y, default: (0, 0)].1 += 1
                    offsetCounts[r, default: [:]][y, default: 0] += mine.count
                }
                group.removeAll(keepingCapacity: true)
            }
            try CSVReader.read(run.file(y, "ratings.csv")) { r in
                rows += 1
                let (nip, period, rater, roleText, item, scoreText) = (r[0], r[1], r[2], r[3], r[4], r[5])
                let key = nip + "|" + period
                if key != groupKey { closeGroup(); groupKey = key }
                if d.employees[nip] == nil || d.employees[rater] == nil { problem("unknown person in \(r)") }
                if !appraisalKeys.contains(key) { problem("no appraisal for \(key)") }
                guard let role = RaterRole(code: roleText) else { problem("role \(roleText)"); return }
                if (role == .diri) != (rater == nip) { problem("rater = nip only for diri: \(r)") }
                if !allowed.contains(item) { problem("item \(item) in \(y)") }
                guard let score = Double(scoreText), score >= 0, score <= 100 else { problem("score \(scoreText)"); return }
                if role == .atasan, let sup = superior[key], sup != rater { problem("atasan \(rater) is not the appraisal rater \(sup)") }
                group.append((rater, item, score))
            }
            closeGroup()
            #expect(problems.isEmpty, "\(y): \(problems)")
            #expect(rows == run.manifest.year(y)?.rowCounts.ratings)
            if y >= 2019 { #expect(Double(rows) / Double(d.employees.count) > 25) }
        }
        // Story 3: ≥ 3 lenient and ≥ 3 severe raters; each gives ≥ 30 item scores in every listed year,
        // the counts agree with the data, and their scores sit about ±8 from the other raters of the same people.
        #expect(run.manifest.raterOffsets.raters.filter { $0.direction == "lenient" }.count >= 3)
        #expect(run.manifest.raterOffsets.raters.filter { $0.direction == "severe" }.count >= 3)
        for r in run.manifest.raterOffsets.raters {
            #expect(abs(r.offset) == 8)
            #expect(r.itemScores.allSatisfy { $0.year >= r.fromYear })
            var sum = 0.0, n = 0
            for yc in r.itemScores {
                #expect(yc.count >= 30)
                #expect(offsetCounts[r.nip]?[yc.year] == yc.count, "\(r.nip) \(yc.year)")
                if let (s, k) = deviation[r.nip]?[yc.year] { sum += s; n += k }
            }
            if n >= 20 { #expect(abs(sum / Double(n) - r.offset) < 2.5, "rater \(r.nip): \(sum / Double(n)) vs \(r.offset)") }
        }
    }

    @Test func interventionsAndUnitPredikatAreValid() throws {
        for y in CityRun.years {
            let d = try #require(run.data[y])
            for r in d.interventions {
                #expect(d.employees[r[0]] != nil)
                let date = try #require(CalendarDate(iso: r[1]))
                #expect(date.year == y)
                #expect(InterventionKind(code: r[2]) != nil)
            }
            let units = Set(d.units.map { $0[2] })
            if y >= 2023 {
                #expect(Set(d.unitPredikat.keys) == units)
                #expect(d.unitPredikat.values.allSatisfy { UnitPredikat(parsing: $0) != nil })
            } else {
                #expect(d.unitPredikat.isEmpty)
            }
        }
    }

    @Test func theDeclinersDeclineAndNobodyElseDoes() throws {
        let steps = run.annualSteps
        var found: Set<String> = []
        for (nip, byYear) in steps {
            for y0 in CityRun.years where y0 + 3 <= CityRun.years.upperBound {
                guard let a = byYear[y0], let b = byYear[y0 + 1], let c = byYear[y0 + 2], let e = byYear[y0 + 3] else { continue }
                if a > b && b > c && c > e { found.insert("\(nip)|\(y0)") }
            }
        }
        let planted = Set(run.manifest.decliners.people.map { "\($0.nip)|\($0.years[0])" })
        #expect((10...20).contains(planted.count))
        #expect(found == planted)
        #expect(run.manifest.decliners.unplanned.isEmpty)
        for p in run.manifest.decliners.people {
            #expect(p.years.count == 4 && p.steps.count == 4)
            #expect(p.years.map { steps[p.nip]?[$0] ?? 0 } == p.steps)
        }
    }

    @Test func curveBreakersEqualARecomputation() throws {
        var recomputed: [String] = []
        for y in 2023...2025 {
            let d = try #require(run.data[y])
            var counts: [String: [PredikatLabel: Int]] = [:]
            for a in d.appraisals {
                let unit = d.employees[a.nip]!.unit
                counts[unit, default: [:]][try CityRun.resolve(a).label, default: 0] += 1
            }
            for (unit, c) in counts {
                let pred = try #require(UnitPredikat(parsing: d.unitPredikat[unit] ?? ""))
                for b in DistributionCurve.check(unitPredikat: pred, counts: c) { recomputed.append("\(y)|\(unit)|\(b.bound.code)") }
            }
        }
        let listed = run.manifest.distributionCurve.breakers.flatMap { u in u.breaches.map { "\(u.year)|\(u.unitCode)|\($0.bound)" } }
        #expect(recomputed.sorted() == listed.sorted())
        let planted = run.manifest.distributionCurve.planted
        #expect(planted.count == 6)
        for p in planted { #expect(listed.contains("\(p.year)|\(p.unitCode)|\(p.bound)"), "\(p)") }
        #expect(run.manifest.distributionCurve.unplanned.isEmpty)
        // Most units comply.
        for y in 2023...2025 {
            let breakers = Set(run.manifest.distributionCurve.breakers.filter { $0.year == y }.map(\.unitCode))
            #expect(breakers.count * 5 < run.data[y]!.units.count)
        }
    }

    @Test func oneUnitImprovesEveryYearAfter2022() throws {
        let code = try #require(run.manifest.improvingUnitCode)
        var means: [Int: [String: Double]] = [:]
        let steps = run.annualSteps
        for y in 2022...2025 {
            let d = try #require(run.data[y])
            var sum: [String: (Int, Int)] = [:]
            for e in d.employees.values {
                let s = steps[e.nip]![y]!
                sum[e.unit, default: (0, 0)].0 += s
                sum[e.unit, default: (0, 0)].1 += 1
            }
            means[y] = sum.mapValues { Double($0.0) / Double($0.1) }
        }
        for y in 2023...2025 { #expect(means[y]![code]! > means[y - 1]![code]!, "\(y)") }
        let rising = means[2025]!.keys.filter { u in (2023...2025).allSatisfy { means[$0]![u]! > means[$0 - 1]![u]! } }
        #expect(rising == [code])
        let listed = try #require(run.manifest.improvingUnit).meanStep
        for m in listed { #expect(abs(m.mean - means[m.year]![code]!) < 1e-3) }
    }

    @Test func coachingHelpsAsStated() throws {
        let steps = run.annualSteps
        var num = 0.0, den = 0
        for t in 2016...2024 {
            let coached = Set(run.data[t]!.interventions.filter { $0[2] == "pembinaan" }.map { $0[0] })
            for s in 1...3 {
                var c = (0, 0), u = (0, 0)
                for (nip, byYear) in steps {
                    guard byYear[t] == s, let next = byYear[t + 1] else { continue }
                    if coached.contains(nip) { c.0 += next - s; c.1 += 1 } else { u.0 += next - s; u.1 += 1 }
                }
                if c.1 > 0 && u.1 > 0 {
                    num += Double(c.1) * (Double(c.0) / Double(c.1) - Double(u.0) / Double(u.1))
                    den += c.1
                }
            }
        }
        let effect = num / Double(den)
        let stated = try #require(run.manifest.coaching.realizedEffectSteps)
        #expect(abs(effect - stated) < 1e-3)
        #expect(abs(stated - run.manifest.coaching.plantedEffectSteps) < 0.15)
        #expect(den > 300)
    }

    @Test func perceptionGapUnits() throws {
        let gap = run.manifest.perceptionGap
        #expect(gap.units.count == 2)
        for u in gap.units {
            #expect(u.plantedGap == 6)
            #expect(abs((u.realizedGap ?? 0) - 6) < 2.5)
        }
        #expect(abs(gap.otherUnitsRealizedGap ?? 99) < 1.5)
    }

    @Test func manifestRoundTrips() throws {
        let read = try Manifest.read(from: run.dir.appendingPathComponent("manifest.json"))
        #expect(read == run.manifest)
        #expect(read.profile == .city && read.seed == CityRun.seed)
        #expect(read.firstYear == 2016 && read.lastYear == 2025)
    }
}

@Suite("Generator: determinism")
struct GeneratorDeterminismTests {
    static func generate(seed: UInt64, tag: String) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kinerja-gen-test-\(getpid())-\(tag)")
        try? FileManager.default.removeItem(at: dir)
        try Generator(options: GeneratorOptions(profile: .city, years: 2020...2023, seed: seed, outputDirectory: dir)).run()
        return dir
    }

    static func files(_ dir: URL) throws -> [String: Data] {
        var out: [String: Data] = [:]
        let fm = FileManager.default
        for y in try fm.contentsOfDirectory(atPath: dir.path) {
            let p = dir.appendingPathComponent(y)
            var isDir: ObjCBool = false
            if fm.fileExists(atPath: p.path, isDirectory: &isDir), isDir.boolValue {
                for f in try fm.contentsOfDirectory(atPath: p.path) { out["\(y)/\(f)"] = try Data(contentsOf: p.appendingPathComponent(f)) }
            } else {
                out[y] = try Data(contentsOf: p)
            }
        }
        return out
    }

    @Test func sameSeedSameBytesOtherSeedOtherBytes() throws {
        let dirs = try [(7, "a"), (7, "b"), (8, "c")].map { try Self.generate(seed: UInt64($0.0), tag: $0.1) }
        defer { for d in dirs { try? FileManager.default.removeItem(at: d) } }
        let a = try Self.files(dirs[0])
        let b = try Self.files(dirs[1])
        let c = try Self.files(dirs[2])
        #expect(a.count == 4 * 6 + 1)
        #expect(a.keys.sorted() == b.keys.sorted())
        for (k, v) in a { #expect(b[k] == v, "\(k) differs for the same seed") }
        #expect(c["2020/employees.csv"] != a["2020/employees.csv"])
        #expect(c["2023/ratings.csv"] != a["2023/ratings.csv"])
        #expect(c["2020/units.csv"] == a["2020/units.csv"])   // the organisation does not depend on the seed
    }

    @Test func rejectsUnsupportedYears() {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kinerja-gen-test-\(getpid())-bad")
        #expect(throws: GeneratorError.self) {
            try Generator(options: GeneratorOptions(profile: .city, years: 1900...2020, seed: 1, outputDirectory: dir)).run()
        }
        try? FileManager.default.removeItem(at: dir)
    }
}
