import Testing
import KinerjaDomain

@Suite("NIP")
struct NIPTests {
    @Test func validExample() throws {
        let f = try NIP.decodePNS("198609262015051001")
        #expect(f.birthDate == CalendarDate(year: 1986, month: 9, day: 26))
        #expect(f.tmtCPNS == YearMonth(year: 2015, month: 5))
        #expect(f.gender == .male)
        #expect(f.sequence == 1)
        #expect(f.ageAtCPNS == 28)
        #expect(f.age(atYear: 2024) == 38)
        #expect(f.ageBand(atYear: 2024) == .from30to39)
        #expect(f.digits == "198609262015051001")
        #expect(NIP.validatePNS("198609262015051001") == nil)
        let nip = try NIP("198609262015051001", asnType: .pns)
        #expect(nip.pns?.gender == .male)
    }

    @Test func femaleAndSequence() throws {
        let f = try NIP.decodePNS("199202292018032014")
        #expect(f.gender == .female)
        #expect(f.sequence == 14)
        #expect(f.birthDate.iso == "1992-02-29")
    }

    @Test func rejectsBadDates() {
        #expect(NIP.validatePNS("198613262015051001")?.kind == .birthDateInvalid)      // month 13
        #expect(NIP.validatePNS("198613262015051001")?.reason == "birth date 19861326 is not a calendar date")
        #expect(NIP.validatePNS("198609312015051001")?.reason == "birth date 19860931 is not a calendar date")
        #expect(NIP.validatePNS("199002292018032014")?.kind == .birthDateInvalid)      // 29 Feb 1990
        #expect(NIP.validatePNS("199202292018032014") == nil)                          // 29 Feb 1992
        #expect(NIP.validatePNS("198600002015051001")?.kind == .birthDateInvalid)
        #expect(NIP.validatePNS("185001012015051001")?.kind == .birthYearImplausible)
    }

    @Test func rejectsTMTMonth13() {
        let e = NIP.validatePNS("198609262015131001")
        #expect(e?.kind == .tmtMonthInvalid)
        #expect(e?.reason == "TMT CPNS month 13 in 201513 is not a month 01–12")
        #expect(NIP.validatePNS("198609262015001001")?.kind == .tmtMonthInvalid)
    }

    @Test func rejectsCPNSBeforeBirth() {
        let e = NIP.validatePNS("198609261980051001")
        #expect(e?.kind == .tmtNotAfterBirth)
        #expect(e?.reason == "TMT CPNS 1980-05 is not after the birth month 1986-09")
        #expect(NIP.validatePNS("198609261986091001")?.kind == .tmtNotAfterBirth)   // same month
        #expect(NIP.validatePNS("198609261986101001") == nil)
    }

    @Test func rejectsGender3() {
        let e = NIP.validatePNS("198609262015053001")
        #expect(e?.kind == .genderInvalid)
        #expect(e?.reason == "gender digit 3 is neither 1 (male) nor 2 (female)")
        #expect(NIP.validatePNS("198609262015050001")?.kind == .genderInvalid)
    }

    @Test func rejectsLengthAndCharacters() {
        #expect(NIP.validatePNS("19860926201505100")?.kind == .wrongLength)
        #expect(NIP.validatePNS("19860926201505100")?.reason == "NIP must have 18 digits; found 17")
        #expect(NIP.validatePNS("1986092620150510011")?.kind == .wrongLength)
        #expect(NIP.validatePNS("19860926 015051001")?.kind == .notDigits)
        #expect(NIP.validatePNS("1986O9262015051001")?.reason == "NIP must contain digits only; found 'O' at position 5")
        #expect(NIP.validatePNS("198609262015051000")?.kind == .sequenceZero)
    }

    @Test func pppkNumbersAreNotDecoded() throws {
        let n = try NIP("198506152023212012", asnType: .pppk)   // month position "21": not a PNS NIP
        #expect(n.pns == nil && n.asnType == .pppk)
        #expect(NIP.validatePNS("198506152023212012")?.kind == .tmtMonthInvalid)
        #expect(NIP.validatePPPK("12345678901234567")?.kind == .wrongLength)
        #expect(throws: NIPError.self) { try NIP("19850615202321201X", asnType: .pppk) }
    }

    @Test func ageBands() {
        #expect(AgeBand(age: 29) == .under30)
        #expect(AgeBand(age: 30) == .from30to39)
        #expect(AgeBand(age: 49) == .from40to49)
        #expect(AgeBand(age: 50) == .from50)
        #expect(AgeBand(birthYear: 1986, atYear: 2016) == .from30to39)
        #expect(AgeBand.under30 < AgeBand.from50)
    }
}

@Suite("Periods")
struct PeriodTests {
    @Test func parsing() {
        #expect(Period("Y") == .year)
        #expect(Period("y")?.code == "Y")
        #expect(Period("S2") == .semester(2))
        #expect(Period("q4") == .quarter(4))
        #expect(Period("M01") == .month(1))
        #expect(Period("M1")?.code == "M01")
        #expect(Period(" M12 ")?.code == "M12")
        for bad in ["", "S3", "S0", "Q5", "M13", "M00", "M001", "Q01", "YY", "X1", "M", "S"] {
            #expect(Period(bad) == nil, "\(bad)")
        }
        #expect(Period.all.count == 19)
        #expect(Period.all.map(\.code) == Period.all.map { Period($0.code)!.code })
    }

    @Test func startAndEndDates() {
        #expect(Period.year.startDate(in: 2024).iso == "2024-01-01")
        #expect(Period.year.endDate(in: 2024).iso == "2024-12-31")
        #expect(Period.semester(2)!.startDate(in: 2021).iso == "2021-07-01")
        #expect(Period.quarter(3)!.startDate(in: 2023).iso == "2023-07-01")
        #expect(Period.quarter(1)!.endDate(in: 2024).iso == "2024-03-31")
        #expect(Period.month(2)!.endDate(in: 2024).iso == "2024-02-29")
        #expect(Period.month(2)!.endDate(in: 2023).iso == "2023-02-28")
        #expect(Period.month(11)!.startDate(in: 2022).iso == "2022-11-01")
    }

    @Test func order() {
        // Shorter first, then by end month; the annual result last (as the SQL kinerja.period_order).
        #expect(Period.month(1)!.order == 1 && Period.month(12)!.order == 12)
        #expect(Period.quarter(1)!.order == 103 && Period.quarter(4)!.order == 112)
        #expect(Period.semester(1)!.order == 206 && Period.semester(2)!.order == 212)
        #expect(Period.year.order == 300)
        #expect(Period.month(12)! < Period.quarter(1)!)
        #expect(Period.semester(1)! < Period.semester(2)!)
        #expect(Period.semester(2)! < Period.year)
        #expect(Period.all.first == Period.month(1) && Period.all.last == .year)
        #expect(Period.semester(2)!.contains(.quarter(3)!))
        #expect(!Period.semester(2)!.contains(.month(6)!))
        #expect(Period.year.contains(.month(6)!))
        #expect(Set(Period.all.map(\.order)).count == 19)
    }
}

@Suite("Grades and calendar")
struct GradeTests {
    @Test func golongan() {
        #expect(Golongan.allCases.count == 17)
        #expect(Golongan.IIIb.code == "III/b")
        #expect(Golongan.IVe.code == "IV/e")
        #expect(Golongan.Ia.code == "I/a")
        #expect(Golongan(code: "iii/B") == .IIIb)
        #expect(Golongan(code: "IV-e") == .IVe)
        #expect(Golongan(code: "IV/f") == nil)
        #expect(Golongan(code: "I/e") == nil)
        #expect(Golongan.allCases.map(\.code) == Golongan.allCases.map { Golongan(code: $0.code)!.code })
        #expect(Golongan.plausibleRange(for: .struktural).contains(.IVa))
        #expect(!Golongan.plausibleRange(for: .pelaksana).contains(.IVa))
    }

    @Test func pppkGrades() {
        #expect(PPPKGrade.all.count == 17)
        #expect(PPPKGrade(code: "ix")?.rank == 9)
        #expect(PPPKGrade(code: "XVII")?.rank == 17)
        #expect(PPPKGrade(code: "XVIII") == nil)
        #expect(EmployeeGrade(code: "IX", asnType: .pppk)?.code == "IX")
        #expect(EmployeeGrade(code: "IX", asnType: .pns) == nil)
        #expect(EmployeeGrade(code: "III/b", asnType: .pns) == .pns(.IIIb))
    }

    @Test func calendar() {
        #expect(CalendarDate(year: 2024, month: 2, day: 29) != nil)
        #expect(CalendarDate(year: 2100, month: 2, day: 29) == nil)
        #expect(CalendarDate(year: 2000, month: 2, day: 29) != nil)
        #expect(CalendarDate(iso: "2024-13-01") == nil)
        #expect(CalendarDate(iso: "2024-06-30")?.iso == "2024-06-30")
        #expect(CalendarDate(year: 1986, month: 9, day: 26)!.age(on: CalendarDate(year: 2015, month: 5, day: 1)!) == 28)
    }

    @Test func items() {
        #expect(Item.berakhlak.count == 7)
        #expect(Item.pp46Aspects.count == 6)
        #expect(Item.behaviourItems(forYear: 2022) == Item.berakhlak)
        #expect(Item.behaviourItems(forYear: 2021) == Item.pp46Aspects)
        #expect(Item.overall.family == .overall)
    }
}
