import Foundation
import KinerjaDomain

/// Cut points of the latent performance for one era: step k+1 when cuts[k-1] <= L < cuts[k].
struct Cuts {
    var c: [Float]   // 4 ascending cut points

    init(shares: [Double]) {
        let sd = Double((Simulation.sdAbility * Simulation.sdAbility + Simulation.sdZ * Simulation.sdZ
                         + Simulation.sdQuality * Simulation.sdQuality).squareRoot())
        var cum = 0.0
        c = []
        for k in 0..<4 {
            cum += shares[k]
            c.append(Float(sd * inverseNormalCDF(cum)))
        }
    }

    @inline(__always)
    func step(_ L: Float) -> UInt8 {
        if L < c[1] { return L < c[0] ? 1 : 2 }
        if L < c[2] { return 3 }
        return L < c[3] ? 4 : 5
    }

    /// The middle of a step's band (for people whose step was moved by a story).
    func mid(_ s: UInt8) -> Float {
        switch s {
        case 1: c[0] - 0.4
        case 5: c[3] + 0.4
        default: (c[Int(s) - 2] + c[Int(s) - 1]) / 2
        }
    }

    /// Old numeric regimes (PP 10/1979, PP 46/2011): inflated, most Baik.
    static let numeric = Cuts(shares: [0.015, 0.035, 0.10, 0.65])
    /// PP 30/2019: Sangat Baik only with an innovation, so rarer.
    static let pp30 = Cuts(shares: [0.015, 0.035, 0.12, 0.75])
    /// PermenPANRB 6/2022.
    static let permen = Cuts(shares: [0.01, 0.025, 0.105, 0.62])

    static func annual(_ year: Int) -> Cuts { year >= 2022 ? permen : (year == 2021 ? pp30 : numeric) }
}

extension Simulation {
    // MARK: - Story setup (first year)

    func setUpStories(firstYear: Int) {
        var r = Rng(seed: seed, 3)
        let counts = profile.plantCounts
        let last = years.last!
        // Story 2: the improving unit: a top-level unit without sub-units, 30+ staff.
        improvementYears = [2023, 2024, 2025].filter { years.contains($0) && years.contains($0 - 1) }
        if !improvementYears.isEmpty {
            // A below-average unit, so that it has room to rise under the Istimewa cap (Sangat Baik <= 70%).
            let all = (0..<nUnits).filter { unitParent[$0] < 0 && unitChildren[$0].isEmpty && unitCount[$0] >= 30 }
            let weaker = all.filter { unitQuality[$0] < 0 }
            let cands = weaker.isEmpty ? all : weaker
            improvingUnit = cands.isEmpty ? 0 : cands[r.int(cands.count)]
        }
        // Story 4: perception-gap units: sub-units whose head has 5+ subordinates.
        var subs = (0..<nUnits).filter { unitParent[$0] >= 0 && unitCount[$0] >= 6 && $0 != improvingUnit }
        for _ in 0..<min(counts.gapUnits, subs.count) {
            let k = r.int(subs.count)
            gapUnits.append(subs[k])
            subs.remove(at: k)
        }
        gapUnits.sort()
        for u in gapUnits { unitGap[u] = true; unitPilot[u] = true }
        // Story 3: lenient and severe raters are chosen in replenishOffsetRaters(year:).
        // Story 6: decliner windows.
        let windows = years.count >= 4 ? Array(years.first!...(last - 3)) : []
        if !windows.isEmpty {
            for _ in 0..<counts.decliners {
                let y0 = windows[r.int(windows.count)]
                plans.append(DeclinerPlan(startYear: y0, steps: []))
            }
            plans.sort { $0.startYear < $1.startYear }
        }
        _ = firstYear
    }

    /// Story 3: keeps `plantCounts.offsetRaters` lenient (+8) and as many severe (−8) raters active.
    /// They are heads of top-level units without sub-units (so they never rate a person who also has
    /// subordinates, which would blur story 4), with 8+ staff; younger heads first. A rater who leaves
    /// is replaced by another head (listed separately in the manifest).
    func replenishOffsetRaters(year: Int) {
        var r = Rng(seed: seed, 3, year)
        var active = [0, 0]   // lenient, severe
        for i in 0..<count where P[i].offset != 0 { active[P[i].offset > 0 ? 0 : 1] += 1 }
        let want = profile.plantCounts.offsetRaters
        guard active[0] < want || active[1] < want else { return }
        var heads = (0..<nUnits).filter {
            unitParent[$0] < 0 && unitChildren[$0].isEmpty && unitCount[$0] >= 8 && unitHead[$0] >= 0 && $0 != improvingUnit
                && P[Int(unitHead[$0])].offset == 0
        }
        heads.sort {
            let a = P[Int(unitHead[$0])].birthYear, b = P[Int(unitHead[$1])].birthYear
            return a != b ? a > b : $0 < $1
        }
        // Random among the younger half.
        var pool = Array(heads.prefix(max(2 * want, heads.count / 2)))
        for side in 0..<2 {
            while active[side] < want && !pool.isEmpty {
                let u = pool.remove(at: r.int(pool.count))
                let i = Int(unitHead[u])
                let off: Int8 = side == 0 ? Simulation.raterOffsetPoints : -Simulation.raterOffsetPoints
                P[i].offset = off
                offsetRaters.append((P[i].nip, off, u, year))
                unitPilot[u] = true
                active[side] += 1
            }
        }
    }

    /// Assigns people to the decliner plans starting in `year`.
    func startPlans(year: Int) {
        let patterns: [[UInt8]] = [[5, 4, 3, 2], [5, 4, 3, 1], [5, 4, 2, 1], [5, 3, 2, 1], [4, 3, 2, 1]]
        for k in plans.indices where plans[k].startYear == year && !plans[k].assigned {
            for _ in 0..<100_000 {
                let i = rng.int(count)
                let p = P[i]
                if p.has(Person.head) || p.plan >= 0 || p.offset != 0 || Int(p.unit) == improvingUnit
                    || p.has(Person.coachedPrev) || Int(p.birthYear) + 58 < year + 3 || unitGap[Int(p.unit)] { continue }
                let options = patterns.filter { $0[0] >= p.h1 }
                let steps = options[rng.int(options.count)]
                plans[k].steps = steps
                plans[k].person = Int32(i)
                plans[k].nip = p.nip
                plans[k].assigned = true
                P[i].plan = Int32(k)
                break
            }
        }
    }

    // MARK: - Steps of one year

    /// Latent performance and the annual (and 2021 S1) step of everyone, before unit-level stories.
    func naturalSteps(year: Int, first: Bool) {
        let cuts = Cuts.annual(year)
        let rho: Float = 0.7, innov: Float = (1 - 0.49 as Float).squareRoot() * Simulation.sdZ
        let rhoH: Float = 0.84, innovH: Float = (1 - 0.84 * 0.84 as Float).squareRoot() * Simulation.sdZ
        for i in 0..<count {
            var p = P[i]
            let u = Int(p.unit)
            let base = p.ability + unitQuality[u] + unitBoost[u]
            if year == 2021 {
                let zS1 = first ? p.z : rhoH * p.z + innovH * rng.normal()
                p.stepS1 = Cuts.numeric.step(base + zS1)
                p.z = rhoH * zS1 + innovH * rng.normal()
            } else if !first && !p.has(Person.newHire) {
                p.z = rho * p.z + innov * rng.normal()
            }
            var L = base + p.z
            let natural = cuts.step(L)
            var s = natural
            if p.has(Person.coachedPrev) && rng.chance(Simulation.coachingBumpProbability) { s = min(5, s + 1) }
            p.set(Person.frozen, false)
            if planActive(p, year: year) {
                s = plans[Int(p.plan)].steps[year - plans[Int(p.plan)].startYear]
                p.set(Person.frozen)
            } else {
                s = max(s, p.minStep)
            }
            if s != natural { L = cuts.mid(s) }
            p.L = L
            p.step = s
            P[i] = p
        }
    }

    /// Mean step of a unit.
    func unitMean(_ u: Int) -> Double {
        let s = Int(memberStart[u]), e = Int(memberStart[u + 1])
        guard e > s else { return 0 }
        var sum = 0
        for k in s..<e { sum += Int(P[Int(members[k])].step) }
        return Double(sum) / Double(e - s)
    }

    func stepCounts(_ u: Int) -> [Int] {
        var c = [0, 0, 0, 0, 0]
        for k in Int(memberStart[u])..<Int(memberStart[u + 1]) { c[Int(P[Int(members[k])].step) - 1] += 1 }
        return c
    }

    /// Sum of the margins by which a unit breaks its bounds (0 = compliant).
    func badness(_ pred: UnitPredikat, _ counts: [Int]) -> Double {
        DistributionCurve.check(unitPredikat: pred, stepCounts: counts).reduce(0) { $0 + $1.byPoints }
    }

    /// Moves one person of unit `u` from `old` to `new` step.
    @inline(__always)
    func move(_ i: Int, to s: UInt8, cuts: Cuts, counts: inout [Int]) {
        counts[Int(P[i].step) - 1] -= 1
        counts[Int(s) - 1] += 1
        P[i].step = s
        P[i].L = cuts.mid(s)
    }

    /// Whether person `i` may be moved to step `s` (not frozen, no accidental 3-year decline).
    @inline(__always)
    func movable(_ i: Int, to s: UInt8) -> Bool {
        let p = P[i]
        if p.has(Person.frozen) { return false }
        return s >= p.step || s >= p.minStep
    }

    /// Members of `u` sorted by latent (ascending).
    func sortedMembers(_ u: Int) -> [Int] {
        (Int(memberStart[u])..<Int(memberStart[u + 1])).map { Int(members[$0]) }.sorted {
            P[$0].L != P[$1].L ? P[$0].L < P[$1].L : $0 < $1
        }
    }

    /// SE MenPANRB 3/2023: adjusts the fewest people so that the unit's staff labels respect the
    /// bounds of its predikat (greedy: each accepted move lowers the total margin of breaches).
    func conform(unit u: Int, cuts: Cuts) {
        let pred = unitPredikat[u]
        var counts = stepCounts(u)
        var bad = badness(pred, counts)
        if bad == 0 { return }
        let order = sortedMembers(u)
        var guardCount = 0
        while bad > 0 && guardCount < 4 * order.count + 8 {
            guardCount += 1
            let breaches = DistributionCurve.check(unitPredikat: pred, stepCounts: counts)
            let b = breaches[0].bound
            let S = Set(b.labels.compactMap { PredikatRules.step(of: $0, in: .permenpanrb6_2022) }.map { UInt8($0) })
            // Candidate moves in order of preference: (person, new step).
            var tries: [(Int, UInt8)] = []
            if b.comparison == .atMost {
                // Out of S: raise the highest first, else lower the lowest first.
                for i in order.reversed() where S.contains(P[i].step) {
                    if P[i].step < 5, let up = (P[i].step + 1...5).first(where: { !S.contains($0) }) { tries.append((i, up)) }
                }
                for i in order where S.contains(P[i].step) {
                    if P[i].step > 1, let down = stride(from: P[i].step - 1, through: 1, by: -1).first(where: { !S.contains($0) }) {
                        tries.append((i, down))
                    }
                }
            } else {
                let hi = S.max()!, lo = S.min()!
                for i in order where P[i].step > hi { tries.append((i, hi)) }
                for i in order.reversed() where P[i].step < lo { tries.append((i, lo)) }
            }
            var moved = false
            for (i, s) in tries.prefix(64) where movable(i, to: s) {
                let old = P[i].step
                counts[Int(old) - 1] -= 1
                counts[Int(s) - 1] += 1
                let nb = badness(pred, counts)
                counts[Int(old) - 1] += 1
                counts[Int(s) - 1] -= 1
                if nb < bad - 1e-9 {
                    move(i, to: s, cuts: cuts, counts: &counts)
                    bad = nb
                    moved = true
                    break
                }
            }
            if !moved { break }
        }
    }

    /// Unit predikat for every unit (from 2023): by unit quality with noise; the improving unit is Baik
    /// in 2023 and Istimewa after.
    func assignUnitPredikat(year: Int) {
        var scored: [(Float, Int)] = (0..<nUnits).map { (unitQuality[$0] + unitBoost[$0] + 0.15 * rng.normal(), $0) }
        scored.sort { $0.0 != $1.0 ? $0.0 > $1.0 : $0.1 < $1.1 }
        let n = nUnits
        let nIst = Int((0.15 * Double(n)).rounded())
        var nSK = Int(0.003 * Double(n)), nK = Int(0.01 * Double(n))
        var nBP = max(1, Int((0.05 * Double(n)).rounded()))
        for (rank, (_, u)) in scored.enumerated() { unitPredikat[u] = rank < nIst ? .istimewa : .baik }
        // Butuh Perbaikan / Kurang / Sangat Kurang reshape most of a unit's staff: keep them to units of
        // 10–150 people so one huge unit does not dominate a year's distribution.
        for (_, u) in scored.reversed() where unitCount[u] >= 6 && unitCount[u] <= 150 && u != improvingUnit {
            let big = unitCount[u] >= 10
            if nSK > 0 && big { unitPredikat[u] = .sangatKurang; nSK -= 1 } else if nK > 0 && big {
                unitPredikat[u] = .kurang; nK -= 1
            } else if nBP > 0 { unitPredikat[u] = .butuhPerbaikan; nBP -= 1 } else { break }
        }
        if improvingUnit >= 0 { unitPredikat[improvingUnit] = year == 2023 ? .baik : .istimewa }
    }

    /// Story 2: the improving unit's mean must exceed last year's by at least 0.1 step.
    func enforceImprovement(year: Int, cuts: Cuts) {
        guard improvementYears.contains(year), let prev = unitMeans[year - 1]?[improvingUnit] else { return }
        let u = improvingUnit
        let n = Int(memberStart[u + 1] - memberStart[u])
        var counts = stepCounts(u)
        let pred = unitPredikat[u]
        var order = sortedMembers(u)
        order.sort { P[$0].step != P[$1].step ? P[$0].step < P[$1].step : P[$0].L > P[$1].L }
        var sum = counts.enumerated().reduce(0) { $0 + ($1.offset + 1) * $1.element }
        var progress = true
        while Double(sum) / Double(n) < prev + 0.1 && progress {
            progress = false
            let bad = badness(pred, counts)
            for i in order where P[i].step < 5 && movable(i, to: P[i].step + 1) {
                let old = P[i].step
                counts[Int(old) - 1] -= 1; counts[Int(old)] += 1
                let nb = badness(pred, counts)
                counts[Int(old) - 1] += 1; counts[Int(old)] -= 1
                if nb <= bad {
                    move(i, to: old + 1, cuts: cuts, counts: &counts)
                    sum += 1
                    progress = true
                    break
                }
            }
        }
    }

    /// Whether unit `u` rose in every year of the improvement chain up to `year` (inclusive when `includeYear`).
    func roseEveryYear(_ u: Int, upTo year: Int, current: Double?) -> Bool {
        for y in improvementYears where y <= year {
            guard let a = unitMeans[y - 1]?[u] else { return false }
            let b = y == year ? (current ?? unitMeans[y]?[u] ?? 0) : (unitMeans[y]?[u] ?? 0)
            if !(b > a) { return false }
        }
        return true
    }

    /// Keeps the improving unit the only one whose mean rises in all of 2023–2025.
    func enforceExclusivity(year: Int, cuts: Cuts) {
        guard improvementYears.count == 3, year == improvementYears.last else { return }
        for u in 0..<nUnits where u != improvingUnit {
            let n = Int(memberStart[u + 1] - memberStart[u])
            guard n > 0, let prev = unitMeans[year - 1]?[u] else { continue }
            guard roseEveryYear(u, upTo: year, current: unitMean(u)) else { continue }
            var counts = stepCounts(u)
            let pred = unitPredikat[u]
            let order = sortedMembers(u)
            var sum = counts.enumerated().reduce(0) { $0 + ($1.offset + 1) * $1.element }
            var progress = true
            while Double(sum) / Double(n) > prev && progress {
                progress = false
                let bad = badness(pred, counts)
                for i in order where P[i].step > 1 && movable(i, to: P[i].step - 1) {
                    let old = P[i].step
                    counts[Int(old) - 1] -= 1; counts[Int(old) - 2] += 1
                    let nb = badness(pred, counts)
                    counts[Int(old) - 1] += 1; counts[Int(old) - 2] -= 1
                    if nb <= bad {
                        move(i, to: old - 1, cuts: cuts, counts: &counts)
                        sum -= 1
                        progress = true
                        break
                    }
                }
            }
        }
    }

    /// Story 7: a few units per year break a stated bound on purpose.
    func plantBreakers(year: Int, cuts: Cuts) {
        breakerUnitsThisYear = []
        var r = Rng(seed: seed, 4, year)
        let wanted = profile.plantCounts.breakers
        var plantedPersonUnits = Set<Int>()
        for i in 0..<count where P[i].has(Person.frozen) { plantedPersonUnits.insert(Int(P[i].unit)) }
        func eligible(_ u: Int, _ pred: UnitPredikat) -> Bool {
            u != improvingUnit && unitPredikat[u] == pred && Int(memberStart[u + 1] - memberStart[u]) >= 10
                && !plantedPersonUnits.contains(u) && !breakerUnitsThisYear.contains(u)
                && !(improvementYears.count == 3 && year == improvementYears.last && roseEveryYear(u, upTo: year - 1, current: nil))
        }
        let types = ["A", "C", "B", "D"]
        for k in 0..<wanted {
            var type = types[(k + year) % types.count]
            let predFor: [String: UnitPredikat] = ["A": .baik, "B": .baik, "C": .istimewa, "D": .butuhPerbaikan]
            var cands = (0..<nUnits).filter { eligible($0, predFor[type]!) }
            if cands.isEmpty { type = "A"; cands = (0..<nUnits).filter { eligible($0, .baik) } }
            guard !cands.isEmpty else { continue }
            let u = cands[r.int(cands.count)]
            var counts = stepCounts(u)
            let n = counts.reduce(0, +)
            let order = sortedMembers(u)
            let bound: String
            switch type {
            case "A":   // Baik above 70%.
                bound = "B_MAX_70"
                let keep = order.first { P[$0].step == 3 || P[$0].step == 2 }
                for i in order.reversed() where (P[i].step == 2 || P[i].step == 3) && i != keep && counts[3] * 100 < 80 * n {
                    if movable(i, to: 4) { move(i, to: 4, cuts: cuts, counts: &counts) }
                }
                for i in order where P[i].step == 5 && counts[3] * 100 < 80 * n {
                    if movable(i, to: 4) { move(i, to: 4, cuts: cuts, counts: &counts) }
                }
            case "B":   // No Butuh Perbaikan and no Kurang.
                bound = "BP_OR_K_MIN_1"
                for i in order where P[i].step == 2 || P[i].step == 3 {
                    if movable(i, to: 4) { move(i, to: 4, cuts: cuts, counts: &counts) }
                }
                for i in order.reversed() where P[i].step == 4 && counts[3] * 100 > 70 * n {
                    if movable(i, to: 5) { move(i, to: 5, cuts: cuts, counts: &counts) }
                }
            case "C":   // Sangat Baik above 70% in an Istimewa unit.
                bound = "SB_MAX_70"
                for s: UInt8 in [4, 3] {
                    for i in order.reversed() where P[i].step == s && counts[4] * 100 < 80 * n {
                        if movable(i, to: 5) { move(i, to: 5, cuts: cuts, counts: &counts) }
                    }
                }
            default:    // Sangat Baik above 10% in a Butuh Perbaikan unit.
                bound = "SB_MAX_10"
                for i in order.reversed() where P[i].step == 4 && counts[4] * 100 < 20 * n {
                    if movable(i, to: 5) { move(i, to: 5, cuts: cuts, counts: &counts) }
                }
            }
            breakerUnitsThisYear.insert(u)
            plantedBreaks.append(Manifest.PlantedBreak(year: year, unitCode: org.units[u].code,
                                                       unitPredikat: unitPredikat[u].code, bound: bound))
        }
    }

    /// All year-level stories after the natural steps; then the latent 0–100 scores for ratings.
    func finishSteps(year: Int) {
        let cuts = Cuts.annual(year)
        if year >= 2023 {
            assignUnitPredikat(year: year)
            for u in 0..<nUnits { conform(unit: u, cuts: cuts) }
        }
        enforceImprovement(year: year, cuts: cuts)
        enforceExclusivity(year: year, cuts: cuts)
        if year >= 2023 { plantBreakers(year: year, cuts: cuts) }
        // Curve breakers, recomputed from the final labels.
        if year >= 2023 {
            for u in 0..<nUnits {
                let counts = stepCounts(u)
                let br = DistributionCurve.check(unitPredikat: unitPredikat[u], stepCounts: counts)
                if br.isEmpty { continue }
                breakers.append(Manifest.UnitBreach(
                    year: year, unitCode: org.units[u].code, unitPredikat: unitPredikat[u].code, staff: counts.reduce(0, +),
                    breaches: br.map {
                        Manifest.Breach(bound: $0.bound.code, description: $0.bound.description, count: $0.count, total: $0.total,
                                        actualPercent: round4($0.actualPercent), limitPercent: round4($0.limitPercent),
                                        byPoints: round4($0.byPoints))
                    }))
            }
        }
        if (2022...2025).contains(year) {
            unitMeans[year] = (0..<nUnits).map { unitMean($0) }
            unitStaff[year] = (0..<nUnits).map { Int(memberStart[$0 + 1] - memberStart[$0]) }
        }
        // Latent behaviour scores, decline check, coaching effect bookkeeping, step counts.
        var strata = coachSums[year - 1] ?? [(Int, Int, Int, Int)](repeating: (0, 0, 0, 0), count: 4)
        for i in 0..<count {
            var p = P[i]
            p.p = Simulation.stepCenter[Int(p.step)] + 2.5 * rng.normal()
            if year == 2021 { p.pS1 = Simulation.stepCenter[Int(p.stepS1)] + 2.5 * rng.normal() }
            if p.h3 > p.h2 && p.h2 > p.h1 && p.h1 > p.step && p.step > 0 {
                foundDeclines.append((p.nip, year, [Int(p.h3), Int(p.h2), Int(p.h1), Int(p.step)]))
            }
            if p.h1 >= 1 && p.h1 <= Simulation.lowPerformerMaxStep {
                let d = Int(p.step) - Int(p.h1)
                if p.has(Person.coachedPrev) {
                    strata[Int(p.h1)].cSum += d; strata[Int(p.h1)].cN += 1
                } else {
                    strata[Int(p.h1)].uSum += d; strata[Int(p.h1)].uN += 1
                }
            }
            stats.stepCounts[Int(p.step) - 1] += 1
            P[i] = p
        }
        if years.first! < year { coachSums[year - 1] = strata }
    }

    // MARK: - Interventions

    /// Coaching of low performers (story 5) and the other, effect-free interventions.
    func chooseInterventions(year: Int) {
        for i in 0..<count {
            var p = P[i]
            p.set(Person.coachedNow, false)
            let month = rng.int(in: 1...12)
            let day = UInt8(rng.int(in: 1...CalendarDate.daysIn(year: year, month: month)))
            if p.step <= Simulation.lowPerformerMaxStep && p.plan < 0 && rng.chance(Simulation.coachingProbability) {
                p.set(Person.coachedNow)
                let m = rng.int(in: 9...12)
                interventions.append(InterventionRecord(nip: p.nip, month: UInt8(m), day: UInt8(rng.int(in: 1...28)),
                                                        kind: 0, note: Int32(p.step), a: 0, b: 0))
            }
            if rng.chance(p.has(Person.newHire) && !p.has(Person.pppk) ? 0.9 : 0.06) {
                // Topic 0 is the CPNS basic training (Latsar), for new PNS only.
                let topic = p.has(Person.newHire) && !p.has(Person.pppk) ? 0 : 1 + rng.int(Catalog.trainingTopics.count - 1)
                interventions.append(InterventionRecord(nip: p.nip, month: UInt8(month), day: day, kind: 1,
                                                        note: Int32(topic), a: 0, b: 0))
            }
            if p.step == 5 && rng.chance(0.03) {
                let (m, d): (UInt8, UInt8) = rng.chance(0.5) ? (8, 17) : (11, 29)
                interventions.append(InterventionRecord(nip: p.nip, month: m, day: d, kind: 3,
                                                        note: Int32(rng.int(Catalog.awards.count)), a: 0, b: 0))
            }
            if rng.chance(p.step <= 2 ? 0.03 : 0.0005) {
                interventions.append(InterventionRecord(nip: p.nip, month: UInt8(month), day: day, kind: 5,
                                                        note: Int32(rng.int(Catalog.sanctions.count)), a: 0, b: 0))
            }
            P[i] = p
        }
    }

    /// History shift at the end of a year.
    func endYear() {
        for i in 0..<count {
            var p = P[i]
            p.h3 = p.h2
            p.h2 = p.h1
            p.h1 = p.step
            p.set(Person.coachedPrev, p.has(Person.coachedNow))
            p.set(Person.coachedNow, false)
            P[i] = p
        }
    }
}
