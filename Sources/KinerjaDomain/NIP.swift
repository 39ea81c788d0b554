/// An employee number: a PNS NIP (decoded and validated) or an NI PPPK (18 digits, not decoded).
///
/// PNS layout (V): digits 1–8 birth date `YYYYMMDD`, 9–14 TMT CPNS `YYYYMM`, 15 gender (1 male,
/// 2 female), 16–18 sequence. Example: `198609262015051001`. A valid PNS NIP has a real calendar birth
/// date, a CPNS month 01–12 after the birth month, gender 1 or 2 and a sequence from 001.
/// The NI PPPK layout is unverified (?): it is accepted as any 18 digits and not decoded.
public struct NIP: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The 18 digits.
    public let digits: String
    /// Which kind of number this is.
    public let asnType: ASNType
    /// The decoded fields of a PNS NIP, `nil` for PPPK.
    public let pns: PNSNIPFields?

    /// Validates `text` as the number of an employee of type `asnType`; throws a ``NIPError`` whose
    /// `reason` says what is wrong.
    public init(_ text: String, asnType: ASNType) throws(NIPError) {
        switch asnType {
        case .pns:
            let fields = try NIP.decodePNS(text)
            self.digits = text
            self.asnType = .pns
            self.pns = fields
        case .pppk:
            if let e = NIP.validatePPPK(text) { throw e }
            self.digits = text
            self.asnType = .pppk
            self.pns = nil
        }
    }

    public var description: String { digits }

    /// The reason `text` is not a valid PNS NIP, or `nil` if it is valid.
    public static func validatePNS(_ text: String) -> NIPError? {
        do { _ = try decodePNS(text); return nil } catch { return error }
    }

    /// The reason `text` is not a valid NI PPPK (18 digits), or `nil` if it is valid.
    public static func validatePPPK(_ text: String) -> NIPError? {
        do { _ = try digitValues(text); return nil } catch { return error }
    }

    /// Decodes a PNS NIP, throwing a ``NIPError`` with an understandable reason.
    public static func decodePNS(_ text: String) throws(NIPError) -> PNSNIPFields {
        let d = try digitValues(text)
        func num(_ from: Int, _ count: Int) -> Int { d[from..<(from + count)].reduce(0) { $0 * 10 + $1 } }
        let chars = Array(text.utf8)
        func str(_ from: Int, _ count: Int) -> String { String(decoding: chars[from..<(from + count)], as: UTF8.self) }

        let by = num(0, 4), bm = num(4, 2), bd = num(6, 2)
        guard let birth = CalendarDate(year: by, month: bm, day: bd) else {
            throw NIPError(.birthDateInvalid, "birth date \(str(0, 8)) is not a calendar date")
        }
        guard by >= 1900 else {
            throw NIPError(.birthYearImplausible, "birth year \(str(0, 4)) is before 1900")
        }
        let ty = num(8, 4), tm = num(12, 2)
        guard (1...12).contains(tm) else {
            throw NIPError(.tmtMonthInvalid, "TMT CPNS month \(str(12, 2)) in \(str(8, 6)) is not a month 01–12")
        }
        let tmt = YearMonth(year: ty, month: tm)
        guard tmt > YearMonth(year: by, month: bm) else {
            throw NIPError(.tmtNotAfterBirth,
                           "TMT CPNS \(tmt) is not after the birth month \(YearMonth(year: by, month: bm))")
        }
        guard let gender = Gender(nipDigit: d[14]) else {
            throw NIPError(.genderInvalid, "gender digit \(d[14]) is neither 1 (male) nor 2 (female)")
        }
        let seq = num(15, 3)
        guard seq >= 1 else {
            throw NIPError(.sequenceZero, "sequence 000 is not used; numbering starts at 001")
        }
        return PNSNIPFields(birthDate: birth, tmtCPNS: tmt, gender: gender, sequence: seq)
    }

    private static func digitValues(_ text: String) throws(NIPError) -> [Int] {
        for (i, ch) in text.enumerated() where !(ch.isASCII && ch.isNumber) {
            throw NIPError(.notDigits, "NIP must contain digits only; found '\(ch)' at position \(i + 1)")
        }
        let bytes = Array(text.utf8)
        guard bytes.count == 18 else {
            throw NIPError(.wrongLength, "NIP must have 18 digits; found \(bytes.count)")
        }
        return bytes.map { Int($0) - 48 }
    }
}
