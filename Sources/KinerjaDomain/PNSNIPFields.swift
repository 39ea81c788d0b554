/// The fields encoded in a PNS NIP: `YYYYMMDD` birth date, `YYYYMM` TMT CPNS, gender digit, 3-digit sequence.
public struct PNSNIPFields: Sendable, Hashable, Codable {
    /// Digits 1–8.
    public let birthDate: CalendarDate
    /// Digits 9–14: the month the person became a CPNS (candidate civil servant).
    public let tmtCPNS: YearMonth
    /// Digit 15.
    public let gender: Gender
    /// Digits 16–18 (001 unless the first 15 digits collide).
    public let sequence: Int

    public init(birthDate: CalendarDate, tmtCPNS: YearMonth, gender: Gender, sequence: Int) {
        self.birthDate = birthDate
        self.tmtCPNS = tmtCPNS
        self.gender = gender
        self.sequence = sequence
    }

    /// Age reached during `year` (`year - birth year`).
    public func age(atYear year: Int) -> Int { year - birthDate.year }

    /// The age band at `year`.
    public func ageBand(atYear year: Int) -> AgeBand { AgeBand(age: age(atYear: year)) }

    /// Age in whole years at the TMT CPNS month (on its first day).
    public var ageAtCPNS: Int {
        birthDate.age(on: CalendarDate(year: tmtCPNS.year, month: tmtCPNS.month, day: 1)!)
    }

    /// Years of service reached during `year`, counted from the TMT CPNS year.
    public func serviceYears(atYear year: Int) -> Int { year - tmtCPNS.year }

    /// The 18 digits these fields encode.
    public var digits: String {
        func pad(_ v: Int, _ w: Int) -> String {
            let s = String(v)
            return String(repeating: "0", count: max(0, w - s.count)) + s
        }
        return pad(birthDate.year, 4) + pad(birthDate.month, 2) + pad(birthDate.day, 2)
            + pad(tmtCPNS.year, 4) + pad(tmtCPNS.month, 2) + String(gender.nipDigit) + pad(sequence, 3)
    }
}
