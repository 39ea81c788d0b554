import Testing
import KinerjaDomain

@Suite("SE MenPANRB 3/2023 distribution bounds")
struct DistributionCurveTests {
    @Test func table() {
        #expect(PredikatRules.distributionBounds.count == 11)
        #expect(UnitPredikat.baik.bounds.map(\.code) == ["B_MAX_70", "BP_OR_K_MIN_1"])
        #expect(UnitPredikat.istimewa.bounds.map(\.description) == ["Sangat Baik at most 70%"])
        #expect(UnitPredikat.sangatKurang.bounds.last?.description == "no Sangat Baik")
        #expect(UnitPredikat.baik.bounds.last?.description == "at least one Butuh Perbaikan or Kurang")
        #expect(Set(PredikatRules.distributionBounds.map(\.key)).count == 11)
        let bp = UnitPredikat.baik.bounds[1]
        #expect(bp.steps == [3, 2] && bp.minimumCount == 1 && bp.minShare == nil && bp.maxShare == nil)
        #expect(UnitPredikat.butuhPerbaikan.bounds[0].minShare == 0.6)
        #expect(UnitPredikat.sangatKurang.bounds[2].maxShare == 0)
    }

    @Test func compliantBaikUnit() {
        // 7 of 10 Baik is exactly 70%: allowed; one Butuh Perbaikan present.
        #expect(DistributionCurve.check(unitPredikat: .baik, counts: [.baik: 7, .sangatBaik: 2, .butuhPerbaikan: 1]).isEmpty)
    }

    @Test func baikUnitTooManyBaik() throws {
        let b = DistributionCurve.check(unitPredikat: .baik, counts: [.baik: 8, .sangatBaik: 2, .butuhPerbaikan: 1])
        #expect(b.count == 1)
        let x = try #require(b.first)
        #expect(x.bound.code == "B_MAX_70")
        #expect(x.count == 8 && x.total == 11)
        #expect(abs(x.actualPercent - 800.0 / 11) < 1e-9)
        #expect(abs(x.byPoints - (800.0 / 11 - 70)) < 1e-9)   // 2.7272... points
    }

    @Test func baikUnitWithoutLowPerformers() throws {
        let b = DistributionCurve.check(unitPredikat: .baik, counts: [.baik: 14, .sangatBaik: 6])
        #expect(b.map(\.bound.code) == ["BP_OR_K_MIN_1"])
        #expect(abs(b[0].byPoints - 5) < 1e-9)      // one person of 20 = 5 points
        // Plain KURANG counts as Kurang/Misconduct.
        #expect(DistributionCurve.check(unitPredikat: .baik, counts: [.baik: 14, .sangatBaik: 5, .kurang: 1]).isEmpty)
    }

    @Test func istimewa() {
        #expect(DistributionCurve.check(unitPredikat: .istimewa, counts: [.sangatBaik: 7, .baik: 3]).isEmpty)
        let b = DistributionCurve.check(unitPredikat: .istimewa, counts: [.sangatBaik: 9, .baik: 1])
        #expect(b.count == 1 && abs(b[0].byPoints - 20) < 1e-9)
    }

    @Test func butuhPerbaikan() {
        let b = DistributionCurve.check(unitPredikat: .butuhPerbaikan, counts: [.butuhPerbaikan: 5, .baik: 3, .sangatBaik: 2])
        #expect(b.map(\.bound.code) == ["BP_MIN_60", "SB_MAX_10"])
        #expect(abs(b[0].byPoints - 10) < 1e-9)
        #expect(abs(b[1].byPoints - 10) < 1e-9)
        #expect(DistributionCurve.check(unitPredikat: .butuhPerbaikan, counts: [.butuhPerbaikan: 6, .baik: 3, .sangatBaik: 1]).isEmpty)
    }

    @Test func kurangAndSangatKurang() {
        #expect(DistributionCurve.check(unitPredikat: .kurang,
                                        counts: [.kurangMisconduct: 6, .butuhPerbaikan: 1, .baik: 2, .sangatBaik: 1]).isEmpty)
        let k = DistributionCurve.check(unitPredikat: .kurang, counts: [.kurangMisconduct: 5, .baik: 5])
        #expect(k.map(\.bound.code) == ["K_MIN_60", "BP_MIN_10"])
        let sk = DistributionCurve.check(unitPredikat: .sangatKurang, counts: [.sangatKurang: 6, .butuhPerbaikan: 3, .sangatBaik: 1])
        #expect(sk.map(\.bound.code) == ["SB_NONE"])
        #expect(abs(sk[0].byPoints - 10) < 1e-9)
        #expect(DistributionCurve.check(unitPredikat: .sangatKurang, counts: [.sangatKurang: 6, .kurangMisconduct: 1, .baik: 3]).isEmpty)
    }

    @Test func emptyUnitAndStepCounts() {
        #expect(DistributionCurve.check(unitPredikat: .baik, counts: [:]).isEmpty)
        // steps 1..5 = SK, K/M, BP, B, SB
        #expect(DistributionCurve.check(unitPredikat: .baik, stepCounts: [0, 0, 1, 7, 2]).isEmpty)
        #expect(DistributionCurve.check(unitPredikat: .baik, stepCounts: [0, 0, 0, 8, 2]).count == 2)
    }
}
