import Testing
import KinerjaDomain

@Suite("Regimes, bands and the PermenPANRB matrix")
struct PredikatRulesTests {
    /// (regime, score, expected derived label, expected step)
    static let boundaryCases: [(Regime, Double, PredikatLabel, Int)] = [
        (.pp46_2011, 120, .sangatBaik, 5), (.pp46_2011, 91, .sangatBaik, 5), (.pp46_2011, 90.9, .baik, 4),
        (.pp46_2011, 76, .baik, 4), (.pp46_2011, 75.9, .cukup, 3), (.pp46_2011, 61, .cukup, 3),
        (.pp46_2011, 60.9, .kurang, 2), (.pp46_2011, 51, .kurang, 2), (.pp46_2011, 50.9, .buruk, 1),
        (.pp46_2011, 0, .buruk, 1),
        (.pp30_2019, 120, .baik, 4), (.pp30_2019, 110, .baik, 4), (.pp30_2019, 109.9, .baik, 4),
        (.pp30_2019, 90, .baik, 4), (.pp30_2019, 89.9, .cukup, 3), (.pp30_2019, 70, .cukup, 3),
        (.pp30_2019, 69.9, .kurang, 2), (.pp30_2019, 50, .kurang, 2), (.pp30_2019, 49.9, .sangatKurang, 1),
        (.pp30_2019, 0, .sangatKurang, 1),
        (.pp10_1979, 100, .amatBaik, 5), (.pp10_1979, 91, .amatBaik, 5), (.pp10_1979, 90.9, .baik, 4),
        (.pp10_1979, 76, .baik, 4), (.pp10_1979, 75.9, .cukup, 3), (.pp10_1979, 61, .cukup, 3),
        (.pp10_1979, 60.9, .sedang, 2), (.pp10_1979, 51, .sedang, 2), (.pp10_1979, 50.9, .kurang, 1),
    ]

    @Test("every band boundary of every numeric regime", arguments: 0..<boundaryCases.count)
    func bandBoundary(_ k: Int) throws {
        let (regime, score, label, step) = Self.boundaryCases[k]
        #expect(regime.derivedLabel(score: score) == label)
        let r = try PredikatRules.resolve(regime: regime, score: score, hasil: nil, perilaku: nil, predikat: nil)
        #expect(r.label == label)
        #expect(r.step == step)
    }

    @Test func bandsPartitionEachNumericRange() {
        for regime in Regime.allCases where regime.isNumeric {
            let range = regime.scoreRange!
            var x = range.lowerBound
            while x <= range.upperBound {
                let hits = PredikatRules.bands.filter { $0.regime == regime && $0.contains(x) }
                #expect(hits.count == 1, "\(regime) \(x)")
                x += 0.1
            }
            for b in PredikatRules.bands where b.regime == regime {
                #expect(PredikatRules.step(of: b.label, in: regime) == b.step)
            }
        }
        #expect(PredikatRules.bands.allSatisfy { $0.regime != .permenpanrb6_2022 })
    }

    @Test func outOfRangeScores() {
        #expect(Regime.pp46_2011.derivedLabel(score: 120.1) == nil)
        #expect(Regime.pp46_2011.derivedLabel(score: -0.1) == nil)
        #expect(Regime.pp10_1979.derivedLabel(score: 100.5) == nil)
        #expect(throws: AppraisalRuleError.scoreOutOfRange(.pp30_2019, 121)) {
            try PredikatRules.resolve(regime: .pp30_2019, score: 121, hasil: nil, perilaku: nil, predikat: nil)
        }
    }

    @Test func pp30SangatBaikNeedsTheGivenPredikat() throws {
        let given = try PredikatRules.resolve(regime: .pp30_2019, score: 112, hasil: nil, perilaku: nil, predikat: .sangatBaik)
        #expect(given.label == .sangatBaik && given.step == 5 && given.derived == .baik)
        let plain = try PredikatRules.resolve(regime: .pp30_2019, score: 112, hasil: nil, perilaku: nil, predikat: nil)
        #expect(plain.label == .baik && plain.step == 4)
        #expect(throws: AppraisalRuleError.predikatDisagrees(given: .sangatBaik, derived: .baik)) {
            try PredikatRules.resolve(regime: .pp30_2019, score: 109.9, hasil: nil, perilaku: nil, predikat: .sangatBaik)
        }
        #expect(PredikatRules.accepts(regime: .pp30_2019, score: 110, label: .sangatBaik))
        #expect(!PredikatRules.accepts(regime: .pp46_2011, score: 90.9, label: .sangatBaik))
    }

    @Test func predikatMustAgree() {
        #expect(throws: AppraisalRuleError.predikatDisagrees(given: .baik, derived: .sangatBaik)) {
            try PredikatRules.resolve(regime: .pp46_2011, score: 95, hasil: nil, perilaku: nil, predikat: .baik)
        }
        #expect(throws: AppraisalRuleError.labelNotInRegime(.pp46_2011, .butuhPerbaikan)) {
            try PredikatRules.resolve(regime: .pp46_2011, score: 65, hasil: nil, perilaku: nil, predikat: .butuhPerbaikan)
        }
        #expect(throws: AppraisalRuleError.scoreMissing(.pp46_2011)) {
            try PredikatRules.resolve(regime: .pp46_2011, score: nil, hasil: nil, perilaku: nil, predikat: nil)
        }
        #expect(throws: AppraisalRuleError.scoreNotExpected(.permenpanrb6_2022)) {
            try PredikatRules.resolve(regime: .permenpanrb6_2022, score: 80, hasil: .sesuai, perilaku: .sesuai, predikat: nil)
        }
        #expect(throws: AppraisalRuleError.matrixMissing(.permenpanrb6_2022)) {
            try PredikatRules.resolve(regime: .permenpanrb6_2022, score: nil, hasil: .sesuai, perilaku: nil, predikat: nil)
        }
        #expect(throws: AppraisalRuleError.matrixNotExpected(.pp30_2019)) {
            try PredikatRules.resolve(regime: .pp30_2019, score: 95, hasil: .sesuai, perilaku: nil, predikat: nil)
        }
    }

    static let matrixCases: [(ExpectationLevel, ExpectationLevel, PredikatLabel, Int)] = [
        (.diatas, .dibawah, .kurangMisconduct, 2), (.diatas, .sesuai, .baik, 4), (.diatas, .diatas, .sangatBaik, 5),
        (.sesuai, .dibawah, .kurangMisconduct, 2), (.sesuai, .sesuai, .baik, 4), (.sesuai, .diatas, .baik, 4),
        (.dibawah, .dibawah, .sangatKurang, 1), (.dibawah, .sesuai, .butuhPerbaikan, 3), (.dibawah, .diatas, .butuhPerbaikan, 3),
    ]

    @Test("the full 3×3 PermenPANRB matrix", arguments: 0..<9)
    func matrixCell(_ k: Int) throws {
        let (h, p, label, step) = Self.matrixCases[k]
        #expect(PredikatRules.derive(hasil: h, perilaku: p) == label)
        let r = try PredikatRules.resolve(regime: .permenpanrb6_2022, score: nil, hasil: h, perilaku: p, predikat: label)
        #expect(r.step == step)
    }

    @Test func matrixIsComplete() {
        #expect(PredikatRules.matrix.count == 9)
        #expect(Set(PredikatRules.matrix.map { "\($0.hasil)\($0.perilaku)" }).count == 9)
    }

    @Test func plainKurangIsKurangMisconductUnderPermenPANRB() throws {
        let r = try PredikatRules.resolve(regime: .permenpanrb6_2022, score: nil, hasil: .sesuai, perilaku: .dibawah, predikat: .kurang)
        #expect(r.label == .kurangMisconduct && r.step == 2)
        #expect(PredikatRules.label(parsing: "Kurang", in: .permenpanrb6_2022) == .kurangMisconduct)
        #expect(PredikatRules.label(parsing: "Kurang", in: .pp46_2011) == .kurang)
        #expect(PredikatRules.label(parsing: "Butuh Perbaikan", in: .pp46_2011) == nil)
    }

    @Test func stepsPerRegime() {
        #expect(PredikatRules.step(of: .kurang, in: .pp10_1979) == 1)
        #expect(PredikatRules.step(of: .sedang, in: .pp10_1979) == 2)
        #expect(PredikatRules.step(of: .kurang, in: .pp46_2011) == 2)
        #expect(PredikatRules.step(of: .buruk, in: .pp46_2011) == 1)
        #expect(PredikatRules.step(of: .cukup, in: .pp30_2019) == 3)
        #expect(PredikatRules.step(of: .butuhPerbaikan, in: .permenpanrb6_2022) == 3)
        #expect(PredikatRules.step(of: .kurangMisconduct, in: .permenpanrb6_2022) == 2)
        #expect(PredikatRules.step(of: .sangatKurang, in: .permenpanrb6_2022) == 1)
        #expect(PredikatRules.step(of: .amatBaik, in: .pp10_1979) == 5)
        for regime in Regime.allCases {
            #expect(regime.labels.map(\.step) == [5, 4, 3, 2, 1], "\(regime)")
        }
    }

    @Test func regimeYears() {
        #expect(Regime.regimes(inYear: 2013) == [.pp10_1979])
        #expect(Regime.regimes(inYear: 2016) == [.pp46_2011])
        #expect(Regime.regimes(inYear: 2021) == [.pp46_2011, .pp30_2019])
        #expect(Regime.regimes(inYear: 2022) == [.pp30_2019, .permenpanrb6_2022])
        #expect(Regime.regimes(inYear: 2025) == [.permenpanrb6_2022])
        #expect(Regime.pp46_2011.mayAppear(inYear: 2021, period: .semester(1)!))
        #expect(!Regime.pp46_2011.mayAppear(inYear: 2021, period: .semester(2)!))
        #expect(Regime.pp30_2019.mayAppear(inYear: 2021, period: .semester(2)!))
        #expect(!Regime.pp30_2019.mayAppear(inYear: 2021, period: .quarter(2)!))
        #expect(Regime.pp30_2019.mayAppear(inYear: 2021, period: .year))
        #expect(!Regime.permenpanrb6_2022.mayAppear(inYear: 2021, period: .year))
        #expect(Regime.pp10_1979.isNumeric && !Regime.permenpanrb6_2022.isNumeric)
        #expect(Regime.permenpanrb6_2022.scoreRange == nil)
        #expect(Regime.pp30_2019.scoreRange == 0...120)
        #expect(Regime.pp10_1979.firstYear == 1980 && Regime.pp10_1979.lastYear == 2013)
        #expect(Regime.pp46_2011.firstYear == 2014 && Regime.pp46_2011.lastYear == 2021)
        #expect(Regime.pp30_2019.firstYear == 2021 && Regime.pp30_2019.lastYear == 2022)
        #expect(Regime.permenpanrb6_2022.firstYear == 2022 && Regime.permenpanrb6_2022.lastYear == nil)
        #expect(PredikatRules.allBands.filter { !$0.isDefault }.map(\.label) == [.sangatBaik])
        #expect(Regime(code: "permenpanrb-6-2022") == .permenpanrb6_2022)
        #expect(Regime(code: "pp 46 2011") == .pp46_2011)
        #expect(Regime(code: "PP46") == nil)
    }
}

@Suite("Label normalization")
struct LabelNormalizationTests {
    @Test(arguments: ["Sangat Baik", "SANGAT_BAIK", "sangat-baik", " sangat  baik ", "Sangat/Baik", "sangatbaik"])
    func sangatBaikVariants(_ text: String) {
        #expect(PredikatLabel(parsing: text) == .sangatBaik)
    }

    @Test(arguments: ["Kurang/Misconduct", "KURANG_MISCONDUCT", "kurang / misconduct", "Kurang-Misconduct"])
    func kurangMisconductVariants(_ text: String) {
        #expect(PredikatLabel(parsing: text) == .kurangMisconduct)
    }

    @Test func otherLabels() {
        #expect(PredikatLabel(parsing: "Butuh Perbaikan") == .butuhPerbaikan)
        #expect(PredikatLabel(parsing: "butuh_perbaikan") == .butuhPerbaikan)
        #expect(PredikatLabel(parsing: "Amat Baik") == .amatBaik)
        #expect(PredikatLabel(parsing: "kurang") == .kurang)
        #expect(PredikatLabel(parsing: "") == nil)
        #expect(PredikatLabel(parsing: "Bagus") == nil)
        #expect(PredikatLabel(parsing: "Sangat") == nil)
        #expect(PredikatRules.label(parsing: "Misconduct", in: .permenpanrb6_2022) == .kurangMisconduct)
        #expect(PredikatLabel.kurangMisconduct.displayName == "Kurang/Misconduct")
    }

    @Test(arguments: [("Di Atas Ekspektasi", ExpectationLevel.diatas), ("DIATAS", .diatas), ("di-atas", .diatas),
                      ("Di_Atas", .diatas), ("Sesuai Ekspektasi", .sesuai), ("sesuai", .sesuai),
                      ("Di Bawah Ekspektasi", .dibawah), ("DIBAWAH", .dibawah), ("di bawah ekspektasi", .dibawah)])
    func expectations(_ text: String, _ expected: ExpectationLevel) {
        #expect(ExpectationLevel(parsing: text) == expected)
    }

    @Test func expectationRejects() {
        #expect(ExpectationLevel(parsing: "Ekspektasi") == nil)
        #expect(ExpectationLevel(parsing: "atas") == nil)
        #expect(ExpectationLevel(parsing: "") == nil)
    }

    @Test func canonicalText() {
        #expect(LabelText.canonical(" Kurang / Misconduct ") == "KURANG_MISCONDUCT")
        #expect(LabelText.canonical("sangat-baik") == "SANGAT_BAIK")
        #expect(LabelText.key("Di Atas") == "DIATAS")
    }

    @Test func otherCodes() {
        #expect(UnitPredikat(parsing: "Butuh Perbaikan") == .butuhPerbaikan)
        #expect(UnitPredikat(parsing: "istimewa") == .istimewa)
        #expect(RaterRole(code: "Atasan") == .atasan)
        #expect(Item(code: "Kerja Sama") == .kerjaSama)
        #expect(Item(code: "berorientasi-pelayanan") == .berorientasiPelayanan)
        #expect(InterventionKind(code: "Hukuman Disiplin") == .hukumanDisiplin)
        #expect(PositionType(code: "Fungsional") == .fungsional)
        #expect(ASNType(code: "pppk") == .pppk)
    }
}
