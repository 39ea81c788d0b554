import Foundation
import Testing

@testable import Kinerja

/// Which ratings and employees files the reader lets go straight into the year's table: every cell
/// canonical. (Whether the staging path stores the same values is LoaderTests' "canonical … go
/// straight in" tests.)
@Suite("Canonical form")
struct CanonicalFormTests {
    static let header = "nip,period,rater_nip,rater_role,item,score"
    static let ratings = LoadFileSpec.all.first { $0.fileName == "ratings.csv" }!
    static let employees = LoadFileSpec.all.first { $0.fileName == "employees.csv" }!
    static let codes = ["rating_item": ["LOYAL", "KOMPETEN"], "grade": ["III/a", "IV/e", "IX"]]

    static func form(_ header: String = header, spec: LoadFileSpec = ratings) -> CanonicalForm {
        CanonicalForm(header: header.split(separator: ",").map(String.init), spec: spec, year: 2024, codes: { codes[$0] ?? [] })!
    }

    /// Streams `body` (after `header`) through a reader with the canonical form: the bytes for COPY,
    /// or the first deviation.
    static func read(_ body: String, header: String = header, spec: LoadFileSpec = ratings) throws -> Result<String, CanonicalForm.Deviation> {
        let text = header + "\n" + body
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("canonical-\(UUID().uuidString).csv").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let reader = try RecordNumberingReader(path: path, headerBytes: header.utf8.count + 1, delimiter: UInt8(ascii: ","),
                                               canonical: form(header, spec: spec), bufferSize: 64)
        do {
            let bytes = try ReadAheadTests.drain(size: 100) { try reader.read(into: $0) }
            return .success(String(decoding: bytes, as: UTF8.self))
        } catch let deviation as CanonicalForm.Deviation {
            #expect(reader.deviation?.description == deviation.description)
            return .failure(deviation)
        }
    }

    static let good = "199203152019032008,Y,198001012005011002,atasan,LOYAL,90\n"

    @Test func canonicalRecordsGoOutAsTheyAreWithoutLineNumbers() throws {
        // CRLF, a blank line and a last record without a line break: COPY gets LF records only
        let body = "199203152019032008,M01,198001012005011002,atasan,LOYAL,90.5\r\n\r\n"
            + "199203152019032008,Q4,199203152019032008,diri,KOMPETEN,100.25\r\n"
            + "199512312020122001,S2,198001012005011002,rekan,LOYAL,7"
        #expect(try Self.read(body) == .success("199203152019032008,M01,198001012005011002,atasan,LOYAL,90.5\n"
            + "199203152019032008,Q4,199203152019032008,diri,KOMPETEN,100.25\n"
            + "199512312020122001,S2,198001012005011002,rekan,LOYAL,7"))
        // the year column, when present, holds the year being loaded
        let withYear = Self.header + ",year"
        #expect(try Self.read("199203152019032008,Y,198001012005011002,atasan,LOYAL,90,2024\n", header: withYear)
            == .success("199203152019032008,Y,198001012005011002,atasan,LOYAL,90,2024\n"))
    }

    @Test(arguments: [
        // (the record, its column, why) — each spelling the staging path decodes, or refuses
        ("199203152019032008,y,198001012005011002,atasan,LOYAL,90", "period", "'y' is not in canonical form"),
        ("199203152019032008,M1,198001012005011002,atasan,LOYAL,90", "period", "'M1' is not in canonical form"),
        ("199203152019032008,Y,198001012005011002,Atasan,LOYAL,90", "rater_role", "'Atasan' is not in canonical form"),
        ("199203152019032008,Y,198001012005011002,atasan,Loyal,90", "item", "'Loyal' is not in canonical form"),
        ("199203152019032008,Y,198001012005011002,atasan,DISIPLIN,90", "item", "'DISIPLIN' is not in canonical form"),
        ("199203152019032008,Y,198001012005011002,atasan,LOYAL,90.125", "score", "'90.125' is not in canonical form"),
        ("199203152019032008,Y,198001012005011002,atasan,LOYAL,1e2", "score", "'1e2' is not in canonical form"),
        ("199203152019032008,Y,198001012005011002,atasan,LOYAL,.5", "score", "'.5' is not in canonical form"),
        ("199203152019032008,Y,198001012005011002,atasan,LOYAL, 90", "score", "' 90' is not in canonical form"),
        ("199203152019032008,Y,198001012005011002,atasan,LOYAL,", "score", "'' is not in canonical form"),
        ("19920315201903200,Y,198001012005011002,atasan,LOYAL,90", "nip", "'19920315201903200' is not in canonical form"),
        ("199203152019032008,Y,\"198001012005011002\",atasan,LOYAL,90", "rater_nip", "a quoted value"),
        ("199203152019032008,Y,198001012005011002,atasan,LOYAL", "item", "fewer cells than columns"),
        ("199203152019032008,Y,198001012005011002,atasan,LOYAL,90,x", "after the last column", "more cells than columns"),
    ])
    func anyOtherSpellingEndsTheStream(record: String, column: String, reason: String) throws {
        let result = try Self.read(Self.good + Self.good + record + "\n" + Self.good)
        #expect(result == .failure(CanonicalForm.Deviation(line: 4, column: column, reason: reason)))
    }

    @Test func aYearColumnNamingAnotherYearIsNotCanonical() throws {
        let result = try Self.read("199203152019032008,Y,198001012005011002,atasan,LOYAL,90,2023\n", header: Self.header + ",year")
        #expect(result == .failure(CanonicalForm.Deviation(line: 2, column: "year", reason: "'2023' is not in canonical form")))
    }

    static let employeesHeader = "nip,name,asn_type,unit_code,position,position_type,grade"

    @Test func freeTextMayBeQuotedAndOptionalCellsEmpty() throws {
        // a comma, a doubled quote and a line break inside quotes; empty optional cells; CRLF
        let body = "199203152019032008,\"Cut Nurul, S.Kep.\",PNS,DINKES,\"Perawat \"\"Ahli\"\"\nPertama\",fungsional,III/a\r\n"
            + "202101012023211001,Muhammad Rizki,PPPK,PUSK,,,\n"
            + "199512312020122001,\"Siti\",PNS,PUSK,Bidan,,IV/e"
        #expect(try Self.read(body, header: Self.employeesHeader, spec: Self.employees) == .success(
            "199203152019032008,\"Cut Nurul, S.Kep.\",PNS,DINKES,\"Perawat \"\"Ahli\"\"\nPertama\",fungsional,III/a\n"
            + "202101012023211001,Muhammad Rizki,PPPK,PUSK,,,\n"
            + "199512312020122001,\"Siti\",PNS,PUSK,Bidan,,IV/e"))
    }

    @Test(arguments: [
        // (the record, its column, why) — each stored otherwise by the staging path, or refused there
        ("199203152019032008, Cut Nurul,PNS,DINKES,Perawat,fungsional,III/a", "name", "' Cut Nurul' is not in canonical form"),
        ("199203152019032008,\"Cut Nurul \",PNS,DINKES,Perawat,fungsional,III/a", "name", "'Cut Nurul ' is not in canonical form"),
        ("199203152019032008,\"Cut\nNurul\n\",PNS,DINKES,Perawat,fungsional,III/a", "name", "'Cut\nNurul\n' is not in canonical form"),
        ("199203152019032008,,PNS,DINKES,Perawat,fungsional,III/a", "name", "'' is not in canonical form"),
        ("199203152019032008,Cut Nurul,PNS,DINKES,\"\",fungsional,III/a", "position", "'' is not in canonical form"),
        ("199203152019032008,\"Cut\" Nurul,PNS,DINKES,Perawat,fungsional,III/a", "name", "text after a closing quote"),
        ("199203152019032008,Cut \"Nurul\",PNS,DINKES,Perawat,fungsional,III/a", "name", "a quoted value"),
        ("199203152019032008,Cut Nurul,\"PNS\",DINKES,Perawat,fungsional,III/a", "asn_type", "a quoted value"),
        ("199203152019032008,Cut Nurul,pns,DINKES,Perawat,fungsional,III/a", "asn_type", "'pns' is not in canonical form"),
        ("199203152019032008,Cut Nurul,PNS,DINKES,Perawat,Fungsional,III/a", "position_type", "'Fungsional' is not in canonical form"),
        ("199203152019032008,Cut Nurul,PNS,DINKES,Perawat,fungsional,III/A", "grade", "'III/A' is not in canonical form"),
        ("199203152019032008,Cut Nurul,PNS,,Perawat,fungsional,III/a", "unit_code", "'' is not in canonical form"),
    ])
    func employeesInOtherSpellingsAreStaged(record: String, column: String, reason: String) throws {
        let good = "198001012005011002,Rahmat Hidayat,PNS,DINKES,Kepala Dinas,struktural,IV/e\n"
        let result = try Self.read(good + record + "\n" + good, header: Self.employeesHeader, spec: Self.employees)
        #expect(result == .failure(CanonicalForm.Deviation(line: 3, column: column, reason: reason)))
    }

    @Test func aLastRecordWithoutALineBreakIsCheckedWhereverTheBuffersEnd() throws {
        // the reader fills pieces of 100 bytes from an input buffer of 64: some length of the name
        // makes a piece end exactly where the file does, before the last record's last cell is judged
        for length in 1...80 {
            let name = String(repeating: "a", count: length)
            let body = "198001012005011002,\(name),PNS,DINKES,,,IV/e\n199203152019032008,\(name),PNS,DINKES,,,iii/a"
            let result = try Self.read(body, header: Self.employeesHeader, spec: Self.employees)
            #expect(result == .failure(CanonicalForm.Deviation(line: 3, column: "grade", reason: "'iii/a' is not in canonical form")), "name of \(length) bytes")
        }
    }

    @Test(arguments: [true, false])
    func aLoneCarriageReturnIsAProblemOnEitherPath(canonical: Bool) throws {
        // COPY would end a line at it, and the `\.` line after it would end the data: the last
        // record would be dropped without a word
        let text = Self.employeesHeader + "\n198001012005011002,Rahmat,PNS,DINKES,,,IV/e\r\\.\r199203152019032008,Cut,PNS,DINKES,,,III/a\n"
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("lone-cr-\(UUID().uuidString).csv").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let reader = try RecordNumberingReader(path: path, headerBytes: Self.employeesHeader.utf8.count + 1, delimiter: UInt8(ascii: ","),
                                               canonical: canonical ? Self.form(Self.employeesHeader, spec: Self.employees) : nil, bufferSize: 64)
        #expect(throws: LoadError.self) { _ = try ReadAheadTests.drain(size: 100) { try reader.read(into: $0) } }
        #expect(reader.problem?.line == 2)
        #expect(reader.problem?.reason.contains("carriage return without a line feed") == true)
    }
}
