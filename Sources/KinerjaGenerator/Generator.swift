import Foundation
import KinerjaDomain

/// Generates realistic synthetic yearly load folders (`DIR/<year>/*.csv`, see `shared/data-format.md`)
/// and `DIR/manifest.json` with the planted answers (see ``Manifest``).
///
/// Deterministic: the same options give byte-identical files. Streamed: rows go straight from a
/// compact per-employee state into ~1 MiB write buffers; nothing holds a year's rows.
public struct Generator: Sendable {
    public let options: GeneratorOptions

    public init(options: GeneratorOptions) {
        self.options = options
    }

    /// Generates every year and writes the manifest; `progress` gets one line per year.
    @discardableResult
    public func run(progress: ((String) -> Void)? = nil) throws -> Manifest {
        let years = options.years
        guard years.lowerBound >= 1990, years.upperBound <= 2100, years.count <= 40 else {
            throw GeneratorError.invalidYears(years)
        }
        try FileManager.default.createDirectory(at: options.outputDirectory, withIntermediateDirectories: true)
        let sim = Simulation(options: options, progress: progress)
        let manifest = try sim.run()
        try manifest.jsonData().write(to: options.outputDirectory.appendingPathComponent("manifest.json"))
        return manifest
    }
}

extension Simulation {
    func run() throws -> Manifest {
        let texts = Texts(pool: pool)
        for (k, year) in years.enumerated() {
            let started = Date()
            stats = YearStats()
            interventions.removeAll(keepingCapacity: true)
            if k == 0 { createInitialPopulation(year: year) } else { advance(to: year) }
            buildMembership()
            ensureHeads(year: year, initial: k == 0)
            if k == 0 { setUpStories(firstYear: year) }
            replenishOffsetRaters(year: year)
            if improvementYears.contains(year), improvingUnit >= 0 {
                unitBoost[improvingUnit] = 0.15 * Float(year - 2022)
            }
            startPlans(year: year)
            naturalSteps(year: year, first: k == 0)
            finishSteps(year: year)
            chooseInterventions(year: year)
            try writeYear(year, texts: texts)
            summaries.append(summary(year: year))
            endYear()
            let secs = Date().timeIntervalSince(started)
            progress?("\(year): \(stats.rows[1]) employees, \(stats.rows[2]) appraisals, \(stats.rows[3]) ratings, "
                + "\(stats.rows[4]) interventions (\(String(format: "%.1f", secs)) s)")
        }
        return manifest()
    }

    func summary(year: Int) -> Manifest.YearSummary {
        let specs = periodSpecs(year)
        let s = stats
        let missing = s.expectedCells - s.writtenCells
        let iv = s.interventions
        return Manifest.YearSummary(
            year: year,
            periods: specs.map { Manifest.PeriodRegime(period: $0.period.code, regime: $0.regime.code) },
            annualPeriod: specs.last!.period.code,
            rowCounts: Manifest.RowCounts(units: s.rows[0], employees: s.rows[1], appraisals: s.rows[2], ratings: s.rows[3],
                                          interventions: s.rows[4], unitPredikat: s.rows[5]),
            asn: Manifest.ASNCounts(total: s.pns + s.pppk, pns: s.pns, pppk: s.pppk),
            hires: Manifest.TypeCounts(pns: s.hiresPNS, pppk: s.hiresPPPK),
            exits: Manifest.Exits(retired: s.retired, other: s.otherExits),
            transfers: s.transfers, promotions: s.promotions,
            appraisalsWithoutRater: Manifest.MissingRater(total: s.withoutRater, topHeads: s.topHeadsWithoutRater,
                                                          blankedOldExport: s.blanked),
            predikatFilled: s.predikatFilled,
            stepCounts: s.stepCounts,
            ratings: Manifest.RatingStats(
                periods: year >= 2014 ? specs.count : 0, ratedPeople: s.ratedPeople, raterPairs: s.raterPairs,
                expectedItemCells: s.expectedCells, writtenItemCells: s.writtenCells, missingItemCells: missing,
                missingItemCellShare: s.expectedCells > 0 ? round4(Double(missing) / Double(s.expectedCells)) : 0,
                rowsByRole: Manifest.RoleCounts(atasan: s.roleRows[0], rekan: s.roleRows[1], bawahan: s.roleRows[2],
                                                diri: s.roleRows[3])),
            interventionsByKind: Manifest.InterventionCounts(pembinaan: iv[0], pelatihan: iv[1], promosi: iv[2],
                                                             penghargaan: iv[3], mutasi: iv[4], hukumanDisiplin: iv[5]))
    }

    func nipText(_ v: UInt64) -> String { String(v).leftPadded(18) }

    func manifest() -> Manifest {
        // Story 2.
        var improving: Manifest.ImprovingUnit?
        if improvingUnit >= 0 && !improvementYears.isEmpty {
            let means = (2022...2025).compactMap { y -> Manifest.YearMean? in
                guard let m = unitMeans[y], let st = unitStaff[y] else { return nil }
                return Manifest.YearMean(year: y, mean: round4(m[improvingUnit]), staff: st[improvingUnit])
            }
            let others = (0..<nUnits).filter { u in
                u != improvingUnit && improvementYears.allSatisfy { y in
                    guard let a = unitMeans[y - 1]?[u], let b = unitMeans[y]?[u] else { return false }
                    return b > a
                }
            }.map { org.units[$0].code }
            improving = Manifest.ImprovingUnit(unitCode: org.units[improvingUnit].code, improvementYears: improvementYears,
                                               meanStep: means, otherUnitsRisingEveryYear: others)
        }
        // Story 3.
        let raters = offsetRaters.map { r in
            Manifest.RaterOffset(
                nip: nipText(r.nip), direction: r.offset > 0 ? "lenient" : "severe", offset: Double(r.offset),
                unitCode: org.units[r.unit].code, fromYear: r.fromYear,
                itemScores: (offsetItemScores[r.nip] ?? [:]).sorted { $0.key < $1.key }.map { Manifest.YearCount(year: $0.key, count: $0.value) })
        }
        // Story 4.
        let gapList = gapUnits.map { u -> Manifest.GapUnit in
            let g = gapSums[u] ?? (0, 0, 0, 0)
            let realized = g.aN > 0 && g.bN > 0 ? round4(g.aSum / Double(g.aN) - g.bSum / Double(g.bN)) : nil
            return Manifest.GapUnit(unitCode: org.units[u].code, plantedGap: Double(2 * Simulation.gapHalf),
                                    realizedGap: realized, atasanScores: g.aN, bawahanScores: g.bN)
        }
        let otherRealized = otherGap.aN > 0 && otherGap.bN > 0
            ? round4(otherGap.aSum / Double(otherGap.aN) - otherGap.bSum / Double(otherGap.bN)) : nil
        // Story 5.
        var strata: [Manifest.CoachingStratum] = []
        var effNum = 0.0, effDen = 0
        for (y, arr) in coachSums.sorted(by: { $0.key < $1.key }) {
            for s in 1...Int(Simulation.lowPerformerMaxStep) {
                let v = arr[s]
                if v.cN + v.uN == 0 { continue }
                let cm = v.cN > 0 ? Double(v.cSum) / Double(v.cN) : nil
                let um = v.uN > 0 ? Double(v.uSum) / Double(v.uN) : nil
                strata.append(Manifest.CoachingStratum(year: y, startStep: s, coached: v.cN, coachedMeanChange: cm.map(round4),
                                                       uncoached: v.uN, uncoachedMeanChange: um.map(round4)))
                if let cm, let um {
                    effNum += Double(v.cN) * (cm - um)
                    effDen += v.cN
                }
            }
        }
        // Story 6.
        let plannedNIPs = Set(plans.filter(\.assigned).map(\.nip))
        let people = plans.filter(\.assigned).sorted { ($0.startYear, $0.nip) < ($1.startYear, $1.nip) }.map {
            Manifest.Decliner(nip: nipText($0.nip), years: Array($0.startYear...($0.startYear + 3)), steps: $0.steps.map(Int.init))
        }
        let unplanned = foundDeclines.filter { !plannedNIPs.contains($0.nip) }.map {
            Manifest.Decliner(nip: nipText($0.nip), years: Array(($0.year - 3)...$0.year), steps: $0.steps)
        }
        // Story 7.
        let plantedKeys = Set(plantedBreaks.map { "\($0.year)|\($0.unitCode)" })
        let unplannedBreakers = breakers.filter { !plantedKeys.contains("\($0.year)|\($0.unitCode)") }

        return Manifest(
            format: "kinerja-generator-manifest/1",
            profile: profile, seed: seed, firstYear: years.first!, lastYear: years.last!,
            files: Simulation.files,
            notes: [
                "Steps: 5 best ... 1 worst; the annual step of 2021 is the S2 (PP30_2019) result; a PP30_2019 score >= 110 counts as Sangat Baik (step 5) only where predikat says SANGAT_BAIK.",
                "Labels, regimes, items and roles are written as canonical codes; predikat is filled in about half of the appraisal rows and always agrees with the regime.",
                "rater_nip of an appraisal is the unit head for staff and the parent unit's head for a head; it is empty for heads of top units and in about 10% of rows before 2019.",
                "Ratings: every appraised person from 2019 (units in a 30% pilot before, none before 2014), from the superior (atasan), self (diri), 1-3 peers of the same unit (rekan; for a head: heads of sibling units) and, for heads, 1-3 subordinates (bawahan); items: 7 BerAKHLAK values from 2022, 6 PP 46/2011 aspects before, plus OVERALL; 0-100 scale, one decimal.",
                "Interventions other than pembinaan (pelatihan, penghargaan, hukuman_disiplin, mutasi, promosi) have no planted effect on results.",
                "Unit staff for the distribution curve: everyone whose employees.csv unit_code is the unit that year (its head included, sub-units excluded).",
            ],
            years: summaries,
            improvingUnitCode: improving?.unitCode,
            improvingUnit: improving,
            raterOffsets: Manifest.RaterOffsets(scale: "0-100", otherRatersOffset: 0, raters: raters),
            perceptionGap: Manifest.PerceptionGap(
                definition: "For the head of a unit (rated both by the parent unit's head as atasan and by own staff as bawahan): mean atasan score minus mean bawahan score, 0-100 scale, all items. Planted: +3 on atasan and -3 on bawahan scores of the heads of the listed units; zero elsewhere.",
                plantedGap: Double(2 * Simulation.gapHalf), otherUnitsGap: 0, units: gapList, otherUnitsRealizedGap: otherRealized),
            coaching: Manifest.Coaching(
                definition: "People with a pembinaan row in year t, compared with people without one who had the same annual step in t (step <= 3), both appraised in t+1: difference in mean step change t -> t+1, averaged over (t, step) strata weighted by the number coached. Planted: a coached person's natural step in t+1 is raised by one (capped at 5) with probability 0.5.",
                lowPerformerMaxStep: Int(Simulation.lowPerformerMaxStep), coachingProbability: Simulation.coachingProbability,
                plantedEffectSteps: Simulation.coachingBumpProbability,
                realizedEffectSteps: effDen > 0 ? round4(effNum / Double(effDen)) : nil, strata: strata),
            decliners: Manifest.Decliners(
                definition: "Annual step (2021: S2) strictly falling in each of 3 consecutive years: step(y0) > step(y0+1) > step(y0+2) > step(y0+3). Exactly the listed people; nobody else in the data.",
                people: people, unplanned: unplanned),
            distributionCurve: Manifest.Curve(
                boundsSource: "SE MenPANRB 3/2023 as in KinerjaDomain.PredikatRules.distributionBounds",
                firstYear: 2023, planted: plantedBreaks, breakers: breakers, unplanned: unplannedBreakers))
    }
}
