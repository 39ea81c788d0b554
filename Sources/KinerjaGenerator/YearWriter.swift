import Foundation
import KinerjaDomain

/// One appraisal period of a year and its regime.
struct PeriodSpec {
    let period: Period
    let regime: Regime
    /// Uses the 2021 S1 result instead of the annual one.
    let s1: Bool
}

/// Pre-encoded constant texts for the CSV rows.
final class Texts {
    let pns: Text, pppk: Text
    let ptype: [Text]
    let golongan: [Text]     // index rank-1
    let pppkGrade: [Text]
    let roles: [Text]        // atasan, rekan, bawahan, diri
    let expectation: [Text]  // DIATAS, SESUAI, DIBAWAH
    let kinds: [Text]
    let training: [Text], awards: [Text], sanctions: [Text]
    let mutasiFrom: Text, mutasiTo: Text
    let coachingNote: [Text]  // by step
    let unitPredikat: [Text]
    let berakhlak: [(Text, Float)]
    let pp46: [(Text, Float)]
    let overall: Text

    init(pool: TextPool) {
        pns = pool.raw("PNS"); pppk = pool.raw("PPPK")
        ptype = ["struktural", "fungsional", "pelaksana"].map { pool.raw($0) }
        golongan = Golongan.allCases.map { pool.raw($0.code) }
        pppkGrade = PPPKGrade.all.map { pool.raw($0.code) }
        roles = [RaterRole.atasan, .rekan, .bawahan, .diri].map { pool.raw($0.code) }
        expectation = [ExpectationLevel.diatas, .sesuai, .dibawah].map { pool.raw($0.code) }
        kinds = InterventionKind.allCases.map { pool.raw($0.code) }
        training = Catalog.trainingTopics.map { pool.field($0) }
        awards = Catalog.awards.map { pool.field($0) }
        sanctions = Catalog.sanctions.map { pool.field($0) }
        mutasiFrom = pool.raw("Mutasi dari ")
        mutasiTo = pool.raw(" ke ")
        coachingNote = (0...5).map { s in
            pool.field("Pembinaan kinerja oleh atasan langsung (hasil tahun ini: langkah \(s) dari 5)")
        }
        unitPredikat = UnitPredikat.allCases.map { pool.raw($0.code) }
        let beEffect: [Float] = [1.0, 0.5, -0.5, 1.5, 2.0, -1.0, 0.5]
        berakhlak = Item.berakhlak.enumerated().map { (pool.raw($0.element.code), beEffect[$0.offset]) }
        let ppEffect: [Float] = [1.0, 1.5, 1.0, 0.0, 0.5, -2.0]
        pp46 = Item.pp46Aspects.enumerated().map { (pool.raw($0.element.code), ppEffect[$0.offset]) }
        overall = pool.raw(Item.overall.code)
    }
}

extension Simulation {
    static let files = ["units.csv", "employees.csv", "appraisals.csv", "ratings.csv", "interventions.csv", "unit_predikat.csv"]

    func periodSpecs(_ year: Int) -> [PeriodSpec] {
        if year < 2014 { return [PeriodSpec(period: .year, regime: .pp10_1979, s1: false)] }
        if year <= 2020 { return [PeriodSpec(period: .year, regime: .pp46_2011, s1: false)] }
        if year == 2021 {
            return [PeriodSpec(period: .semester(1)!, regime: .pp46_2011, s1: true),
                    PeriodSpec(period: .semester(2)!, regime: .pp30_2019, s1: false)]
        }
        return [PeriodSpec(period: .year, regime: .permenpanrb6_2022, s1: false)]
    }

    /// Writes the six CSV files of `year`.
    func writeYear(_ year: Int, texts: Texts) throws {
        let dir = options.outputDirectory.appendingPathComponent(String(year), isDirectory: true)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        func sink(_ name: String, _ header: String) throws -> ByteSink {
            try ByteSink(path: dir.appendingPathComponent(name).path, header: header, writer: writer)
        }
        // units.csv
        let units = try sink("units.csv", "instansi_code,instansi_name,unit_code,unit_name,parent_unit_code")
        for b in unitsCSV {
            units.byte(b)
            if units.pos >= ByteSink.chunk { units.flush() }
        }
        try units.close()
        stats.rows[0] = nUnits

        let scratch = UnsafeMutablePointer<UInt8>.allocate(capacity: 512)
        defer { scratch.deallocate() }

        // employees.csv
        let emp = try sink("employees.csv", "nip,name,asn_type,unit_code,position,position_type,grade")
        for u in 0..<nUnits {
            for k in Int(memberStart[u])..<Int(memberStart[u + 1]) {
                let p = P[Int(members[k])]
                emp.nip(p.nip); emp.comma()
                let n = names.write(p, into: scratch)
                emp.field(scratch, n); emp.comma()
                let isPPPK = p.has(Person.pppk)
                emp.text(isPPPK ? texts.pppk : texts.pns); emp.comma()
                emp.text(unitCodeText[u]); emp.comma()
                if p.has(Person.head) {
                    emp.text(unitHeadTitle[u]); emp.comma(); emp.text(texts.ptype[0])
                } else {
                    let t = titles[Int(p.title)]
                    emp.text(t.ptype == 1 ? t.variants[jenjang(p, year: year)] : t.variants[0]); emp.comma()
                    emp.text(texts.ptype[Int(t.ptype)])
                }
                emp.comma()
                emp.text(isPPPK ? texts.pppkGrade[Int(p.entryGrade) - 1] : texts.golongan[golonganRank(p, year: year) - 1])
                emp.endRow()
                if isPPPK { stats.pppk += 1 } else { stats.pns += 1 }
            }
        }
        try emp.close()
        stats.rows[1] = emp.rows

        // appraisals.csv and ratings.csv
        let appr = try sink("appraisals.csv", "nip,period,rater_nip,regime,score,hasil_kerja,perilaku_kerja,predikat")
        let rat = try sink("ratings.csv", "nip,period,rater_nip,rater_role,item,score")
        var ar = Rng(seed: seed, 5, year)
        for (pi, spec) in periodSpecs(year).enumerated() {
            try writeAppraisals(year: year, spec: spec, sink: appr, rng: &ar, texts: texts)
            if year >= 2014 {
                stats.ratingPeriods += 1
                for u in 0..<nUnits where year >= 2019 || unitPilot[u] {
                    var r = Rng(seed: seed, 100 + pi, year, u)
                    writeRatings(unit: u, year: year, spec: spec, sink: rat, rng: &r, texts: texts, scratch: scratch)
                }
            }
        }
        try appr.close()
        try rat.close()
        stats.rows[2] = appr.rows
        stats.rows[3] = rat.rows

        // interventions.csv
        let iv = try sink("interventions.csv", "nip,date,kind,note")
        interventions.sort { ($0.month, $0.day, $0.nip, $0.kind) < ($1.month, $1.day, $1.nip, $1.kind) }
        for r in interventions {
            iv.nip(r.nip); iv.comma()
            iv.date(year, Int(r.month), Int(r.day)); iv.comma()
            iv.text(texts.kinds[Int(r.kind)]); iv.comma()
            switch r.kind {
            case 0: iv.text(texts.coachingNote[Int(r.note)])
            case 1: iv.text(texts.training[Int(r.note)])
            case 2: iv.text(unitPromosiNote[Int(r.a)])
            case 3: iv.text(texts.awards[Int(r.note)])
            case 4: iv.text(texts.mutasiFrom); iv.text(unitCodeText[Int(r.a)]); iv.text(texts.mutasiTo); iv.text(unitCodeText[Int(r.b)])
            default: iv.text(texts.sanctions[Int(r.note)])
            }
            iv.endRow()
            stats.interventions[Int(r.kind)] += 1
        }
        try iv.close()
        stats.rows[4] = iv.rows

        // unit_predikat.csv
        let up = try sink("unit_predikat.csv", "unit_code,period,predikat")
        if year >= 2023 {
            for u in 0..<nUnits where memberStart[u + 1] > memberStart[u] {
                up.text(unitCodeText[u]); up.comma(); up.byte(89); up.comma()
                up.text(texts.unitPredikat[UnitPredikat.allCases.firstIndex(of: unitPredikat[u])!])
                up.endRow()
            }
        }
        try up.close()
        stats.rows[5] = up.rows
        try writer.drain()
    }

    /// The superior (pejabat penilai) of person `i` in unit `u`: the unit head for staff, the parent
    /// unit's head for a head, -1 for the head of a top unit.
    @inline(__always)
    func superior(of i: Int, unit u: Int) -> Int {
        let h = Int(unitHead[u])
        if h != i { return h }
        let parent = Int(unitParent[u])
        return parent >= 0 ? Int(unitHead[parent]) : -1
    }

    func writeAppraisals(year: Int, spec: PeriodSpec, sink: ByteSink, rng: inout Rng, texts: Texts) throws {
        let periodText = Array(spec.period.code.utf8)
        let regimeText = Array(spec.regime.code.utf8)
        let labels: [[UInt8]] = (0...5).map { s in
            s == 0 ? [] : Array((PredikatRules.label(step: s, in: spec.regime)?.code ?? "").utf8)
        }
        let sangatBaik = Array(PredikatLabel.sangatBaik.code.utf8)
        for u in 0..<nUnits {
            for k in Int(memberStart[u])..<Int(memberStart[u + 1]) {
                let i = Int(members[k])
                let p = P[i]
                let step = Int(spec.s1 ? p.stepS1 : p.step)
                sink.nip(p.nip); sink.comma()
                periodText.withUnsafeBufferPointer { sink.bytes($0.baseAddress!, $0.count) }; sink.comma()
                let sup = superior(of: i, unit: u)
                if sup < 0 {
                    stats.withoutRater += 1; stats.topHeadsWithoutRater += 1
                } else if year < 2019 && rng.chance(0.1) {
                    stats.withoutRater += 1; stats.blanked += 1
                } else {
                    sink.nip(P[sup].nip)
                }
                sink.comma()
                regimeText.withUnsafeBufferPointer { sink.bytes($0.baseAddress!, $0.count) }; sink.comma()
                var fill = rng.chance(0.5)
                var predikat = labels[step]
                switch spec.regime {
                case .permenpanrb6_2022:
                    sink.comma()
                    let (h, b) = Simulation.matrixCell(step: step, rng: &rng)
                    sink.text(texts.expectation[h]); sink.comma()
                    sink.text(texts.expectation[b]); sink.comma()
                case .pp30_2019:
                    var t: Int
                    switch step {
                    case 5: t = rng.int(in: 1100...1200); fill = true; predikat = sangatBaik
                    case 4: t = rng.chance(0.05) ? rng.int(in: 1100...1149) : Simulation.triangular(900, 1099, &rng)
                    case 3: t = Simulation.triangular(700, 899, &rng)
                    case 2: t = Simulation.triangular(500, 699, &rng)
                    default: t = Simulation.triangular(350, 499, &rng)
                    }
                    sink.tenths(t); sink.comma(); sink.comma(); sink.comma()
                default:
                    let t: Int
                    switch step {
                    case 5: t = Simulation.triangular(910, 990, &rng)
                    case 4: t = Simulation.triangular(760, 909, &rng)
                    case 3: t = Simulation.triangular(610, 759, &rng)
                    case 2: t = Simulation.triangular(510, 609, &rng)
                    default: t = Simulation.triangular(400, 509, &rng)
                    }
                    sink.tenths(t); sink.comma(); sink.comma(); sink.comma()
                }
                if fill {
                    predikat.withUnsafeBufferPointer { sink.bytes($0.baseAddress!, $0.count) }
                    stats.predikatFilled += 1
                }
                sink.endRow()
            }
        }
    }

    /// A score in tenths between lo and hi, peaked in the middle.
    @inline(__always)
    static func triangular(_ lo: Int, _ hi: Int, _ rng: inout Rng) -> Int {
        let u = (rng.uniform() + rng.uniform()) / 2
        return min(hi, lo + Int(u * Double(hi - lo + 1)))
    }

    /// (hasil, perilaku) indices into DIATAS/SESUAI/DIBAWAH giving the PermenPANRB label of `step`.
    @inline(__always)
    static func matrixCell(step: Int, rng: inout Rng) -> (Int, Int) {
        let u = rng.uniform()
        switch step {
        case 5: return (0, 0)
        case 4: return u < 0.75 ? (1, 1) : (u < 0.9 ? (0, 1) : (1, 0))
        case 3: return u < 0.85 ? (2, 1) : (2, 0)
        case 2: return u < 0.8 ? (1, 2) : (0, 2)
        default: return (2, 2)
        }
    }

    @inline(__always)
    static func putNIP(_ v: UInt64, _ p: UnsafeMutablePointer<UInt8>) {
        var v = v
        var i = 17
        while i >= 0 { p[i] = UInt8(48 + v % 10); v /= 10; i -= 1 }
    }

    /// Multi-rater behaviour input for everyone in unit `u` in one period. The hot loop writes through a
    /// local cursor into the sink's buffer and keeps its counters local.
    func writeRatings(unit u: Int, year: Int, spec: PeriodSpec, sink: ByteSink, rng: inout Rng, texts: Texts,
                      scratch: UnsafeMutablePointer<UInt8>) {
        let s = Int(memberStart[u]), e = Int(memberStart[u + 1])
        let n = e - s
        guard n > 0 else { return }
        let items = year >= 2022 ? texts.berakhlak : texts.pp46
        let nBehaviour = items.count
        let missingProbability = year < 2019 ? 0.10 : 0.05
        let head = Int(unitHead[u])
        let parent = Int(unitParent[u])
        let children = unitChildren[u]
        let siblings = parent >= 0 ? unitChildren[parent] : instansiTop[Int(unitInstansi[u])]
        let period = Array(spec.period.code.utf8)
        let isGapUnit = unitGap[u]
        let P = self.P
        // Item texts and effects (+ OVERALL last) as plain local buffers.
        var itemText = [Text](), itemEffect = [Float]()
        for (t, eff) in items { itemText.append(t); itemEffect.append(eff) }
        itemText.append(texts.overall); itemEffect.append(0)
        let roleText = texts.roles
        // Item codes padded to 32 bytes, so each row copies fixed-size blocks (no memmove call).
        let itemBlock = UnsafeMutablePointer<UInt8>.allocate(capacity: 32 * itemText.count)
        itemBlock.initialize(repeating: 0, count: 32 * itemText.count)
        defer { itemBlock.deallocate() }
        for (k, t) in itemText.enumerated() { (itemBlock + 32 * k).update(from: t.ptr, count: t.count) }
        var raterIdx = [Int](repeating: 0, count: 8), raterRole = [Int](repeating: 0, count: 8)
        var raterAdj = [Float](repeating: 0, count: 8)
        var chosen = [Int](repeating: -1, count: 3)
        @inline(__always) func seen(_ j: Int, _ got: Int) -> Bool {
            for q in 0..<got where chosen[q] == j { return true }
            return false
        }
        var ratedPeople = 0, pairs = 0, written = 0
        var roleRows = (0, 0, 0, 0)
        let chunk = ByteSink.chunk
        var buf = sink.buf
        var pos = sink.pos
        var rows = 0
        itemText.withUnsafeBufferPointer { itemText in
        itemEffect.withUnsafeBufferPointer { itemEffect in
        for k in s..<e {
            let i = Int(members[k])
            let latent = spec.s1 ? P[i].pS1 : P[i].p
            let isHead = i == head
            var nr = 0
            let sup = superior(of: i, unit: u)
            let gap: Float = isHead && isGapUnit ? Simulation.gapHalf : 0
            if sup >= 0 { raterIdx[nr] = sup; raterRole[nr] = 0; raterAdj[nr] = gap; nr += 1 }
            raterIdx[nr] = i; raterRole[nr] = 3; raterAdj[nr] = 0; nr += 1
            // Peers: staff of the same unit; for a head, heads of sibling units.
            let want = Simulation.drawCount(&rng)
            var got = 0
            var attempts = 0
            if isHead {
                let m = siblings.count - 1
                while got < min(want, m) && attempts < 20 {
                    attempts += 1
                    let su = Int(siblings[rng.int(siblings.count)])
                    if su == u { continue }
                    let h = Int(unitHead[su])
                    if h < 0 || seen(h, got) { continue }
                    chosen[got] = h; got += 1
                    raterIdx[nr] = h; raterRole[nr] = 1; raterAdj[nr] = 0; nr += 1
                }
            } else {
                let m = n - 1
                while got < min(want, m - 1) && attempts < 20 {
                    attempts += 1
                    let j = Int(members[s + 1 + rng.int(m)])
                    if j == i || seen(j, got) { continue }
                    chosen[got] = j; got += 1
                    raterIdx[nr] = j; raterRole[nr] = 1; raterAdj[nr] = 0; nr += 1
                }
            }
            // Subordinates (heads only): own staff and heads of sub-units.
            var hasBawahan = false
            if isHead {
                let staff = n - 1
                let m = staff + children.count
                let wantB = Simulation.drawCount(&rng)
                got = 0
                attempts = 0
                while got < min(wantB, m) && attempts < 20 {
                    attempts += 1
                    let r = rng.int(m)
                    let j = r < staff ? Int(members[s + 1 + r]) : Int(unitHead[Int(children[r - staff])])
                    if j < 0 || j == i || seen(j, got) { continue }
                    chosen[got] = j; got += 1
                    raterIdx[nr] = j; raterRole[nr] = 2; raterAdj[nr] = -gap; nr += 1
                    hasBawahan = true
                }
            }
            ratedPeople += 1
            // "nip,period," once per ratee.
            Simulation.putNIP(P[i].nip, scratch)
            scratch[18] = 44
            var pl = 19
            for b in period { scratch[pl] = b; pl += 1 }
            scratch[pl] = 44; pl += 1
            let trackGap = isHead && sup >= 0 && hasBawahan
            for r in 0..<nr {
                let j = raterIdx[r], role = raterRole[r]
                let offset = P[j].offset
                // + "rater_nip,role,"
                var q = pl
                Simulation.putNIP(P[j].nip, scratch + q); q += 18
                scratch[q] = 44; q += 1
                let rt = roleText[role]
                (scratch + q).update(from: rt.ptr, count: rt.count); q += rt.count
                scratch[q] = 44; q += 1
                var skip: UInt32 = 0
                if rng.chance(missingProbability) {
                    skip |= 1 << UInt32(rng.int(nBehaviour))
                    if rng.chance(0.4) { skip |= 1 << UInt32(rng.int(nBehaviour)) }
                }
                let shift = latent + Float(offset) + raterAdj[r]
                var wrote = 0
                var sum = 0
                for t in 0...nBehaviour {
                    if skip & (1 << UInt32(t)) != 0 { continue }
                    var x = shift + itemEffect[t] + Simulation.itemNoise * rng.fastNormal()
                    x = min(100, max(0, x))
                    let tenths = Int(x * 10 + 0.5)
                    // Prefix (< 64 bytes) and item (< 32 bytes) as fixed-size block copies; the buffer has slack.
                    let dst = UnsafeMutableRawPointer(buf + pos)
                    let src = UnsafeRawPointer(scratch)
                    dst.storeBytes(of: src.loadUnaligned(as: SIMD32<UInt8>.self), as: SIMD32<UInt8>.self)
                    dst.storeBytes(of: src.loadUnaligned(fromByteOffset: 32, as: SIMD32<UInt8>.self), toByteOffset: 32,
                                   as: SIMD32<UInt8>.self)
                    pos += q
                    UnsafeMutableRawPointer(buf + pos).storeBytes(
                        of: UnsafeRawPointer(itemBlock + 32 * t).loadUnaligned(as: SIMD32<UInt8>.self), as: SIMD32<UInt8>.self)
                    pos += itemText[t].count
                    buf[pos] = 44; pos += 1
                    // tenths as "ddd.d"
                    let whole = tenths / 10
                    if whole >= 100 { buf[pos] = UInt8(48 + whole / 100); pos += 1 }
                    if whole >= 10 { buf[pos] = UInt8(48 + (whole / 10) % 10); pos += 1 }
                    buf[pos] = UInt8(48 + whole % 10)
                    buf[pos + 1] = 46
                    buf[pos + 2] = UInt8(48 + tenths % 10)
                    buf[pos + 3] = 10
                    pos += 4
                    rows += 1
                    if pos >= chunk {
                        sink.pos = pos
                        sink.flush()
                        buf = sink.buf
                        pos = sink.pos
                    }
                    wrote += 1
                    sum += tenths
                }
                pairs += 1
                written += wrote
                switch role {
                case 0: roleRows.0 += wrote
                case 1: roleRows.1 += wrote
                case 2: roleRows.2 += wrote
                default: roleRows.3 += wrote
                }
                if offset != 0 { offsetItemScores[P[j].nip, default: [:]][year, default: 0] += wrote }
                if trackGap && (role == 0 || role == 2) {
                    let total = Double(sum) / 10
                    if isGapUnit {
                        var g = gapSums[u] ?? (0, 0, 0, 0)
                        if role == 0 { g.aSum += total; g.aN += wrote } else { g.bSum += total; g.bN += wrote }
                        gapSums[u] = g
                    } else if role == 0 {
                        otherGap.aSum += total; otherGap.aN += wrote
                    } else {
                        otherGap.bSum += total; otherGap.bN += wrote
                    }
                }
            }
        }
        }
        }
        sink.pos = pos
        sink.addRows(rows)
        stats.ratedPeople += ratedPeople
        stats.raterPairs += pairs
        stats.expectedCells += pairs * (nBehaviour + 1)
        stats.writtenCells += written
        stats.roleRows[0] += roleRows.0
        stats.roleRows[1] += roleRows.1
        stats.roleRows[2] += roleRows.2
        stats.roleRows[3] += roleRows.3
    }

    /// 1–3 (5% / 15% / 80%).
    @inline(__always)
    static func drawCount(_ rng: inout Rng) -> Int {
        let u = rng.int(20)
        return u == 0 ? 1 : (u < 4 ? 2 : 3)
    }
}
