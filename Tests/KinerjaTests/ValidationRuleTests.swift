import Foundation
import Kinerja
import Logging
import Testing
import TestSupport

/// Every validation rule, each with a bad file and the exact reason reported.
@Suite("Validation rules", .serialized)
struct ValidationRuleTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let year: Int
        let change: @Sendable (inout LoadFolder) -> Void
        let expected: String
        var testDescription: String { name }

        init(_ name: String, year: Int = 2024, expected: String, _ change: @escaping @Sendable (inout LoadFolder) -> Void) {
            self.name = name
            self.year = year
            self.expected = expected
            self.change = change
        }
    }

    static let nurul = "199203152019032008"

    static let cases: [Case] = [
        // structure
        Case("missing required file", expected: "units.csv: units.csv is missing from the folder (it is required)") { $0.files["units.csv"] = nil },
        Case("unexpected file", expected: "notes.csv: unexpected file notes.csv (a load folder holds only units.csv, employees.csv, appraisals.csv, ratings.csv, interventions.csv, unit_predikat.csv)") { $0.files["notes.csv"] = "x" },
        Case("unknown column", expected: "ratings.csv:1: unknown column colour (expected: nip, period, rater_nip, rater_role, item, score, year)") {
            $0.files["ratings.csv"] = "nip,period,rater_nip,rater_role,item,score,colour\n"
        },
        Case("missing column", expected: "appraisals.csv:1: missing column regime") {
            $0.files["appraisals.csv"] = "nip,period,score\n\(nurul),Y,80"
        },
        Case("empty file", expected: "unit_predikat.csv:1: the file is empty: it needs a header row (unit_code,period,predikat)") { $0.files["unit_predikat.csv"] = "" },
        Case("truncated row", expected: "units.csv:3: unit_name: the row has fewer fields than the header (truncated row, or a different delimiter)") {
            $0.edit("units.csv", replacing: "PEMKO-LANGSA,Pemerintah Kota Langsa,DINKES,Dinas Kesehatan,SETDA", with: "PEMKO-LANGSA,Pemerintah Kota Langsa,DINKES")
        },
        Case("extra field", expected: "units.csv:2: the row has more fields than the header (an unquoted delimiter inside a value?)") {
            $0.edit("units.csv", replacing: "Sekretariat Daerah,", with: "Sekretariat Daerah,,extra")
        },
        Case("unbalanced quotes", expected: "interventions.csv:2: a quoted field is never closed (unbalanced quotes)") {
            $0.edit("interventions.csv", replacing: "\"coaching, monthly\"", with: "\"coaching, monthly")
        },
        // units
        Case("unknown parent", expected: "units.csv:4: parent_unit_code: parent unit NOWHERE is not in units.csv") { $0.edit("units.csv", replacing: "Puskesmas Langsa Kota,DINKES", with: "Puskesmas Langsa Kota,NOWHERE") },
        Case("duplicate unit", expected: "units.csv:4: unit_code: unit_code DINKES appears more than once (first on line 3)") { $0.edit("units.csv", replacing: "PUSK,Puskesmas", with: "DINKES,Puskesmas") },
        Case("year column", expected: "units.csv:2: year: year 2023 is not the year being loaded (2024)") {
            $0.files["units.csv"] = "year,instansi_code,instansi_name,unit_code,unit_name\n2023,P,Pemko,SETDA,Setda\n2024,P,Pemko,DINKES,Dinkes\n2024,P,Pemko,PUSK,Pusk"
        },
        // employees
        Case("NIP length", expected: "employees.csv:3: nip: NIP must be exactly 18 digits") { $0.edit("employees.csv", replacing: "199203152019032008,Cut", with: "19920315201903200,Cut") },
        Case("NIP birth date", expected: "employees.csv:3: nip: birth date 19920231 (NIP digits 1-8) is not a calendar date") { $0.edit("employees.csv", replacing: "199203152019032008,Cut", with: "199202312019032008,Cut") },
        Case("NIP CPNS month", expected: "employees.csv:3: nip: CPNS month 13 (NIP digits 13-14) is not a month") { $0.edit("employees.csv", replacing: "199203152019032008,Cut", with: "199203152019132008,Cut") },
        Case("NIP CPNS before birth", expected: "employees.csv:3: nip: CPNS date 198903 (NIP digits 9-14) is not after the birth date") { $0.edit("employees.csv", replacing: "199203152019032008,Cut", with: "199203151989032008,Cut") },
        Case("NIP gender", expected: "employees.csv:3: nip: gender digit 3 (NIP digit 15) must be 1 or 2") { $0.edit("employees.csv", replacing: "199203152019032008,Cut", with: "199203152019033008,Cut") },
        Case("unknown unit", expected: "employees.csv:2: unit_code: unit NOWHERE is not in units.csv") { $0.edit("employees.csv", replacing: "Teuku Ahmad,PNS,SETDA", with: "Teuku Ahmad,PNS,NOWHERE") },
        Case("asn type", expected: "employees.csv:2: asn_type: asn_type HONORER must be PNS or PPPK") { $0.edit("employees.csv", replacing: "Teuku Ahmad,PNS", with: "Teuku Ahmad,Honorer") },
        Case("grade", expected: "employees.csv:2: grade: grade IV/f is not a PNS grade (I/a to IV/e)") { $0.edit("employees.csv", replacing: "IV/c", with: "IV/f") },
        Case("position type", expected: "employees.csv:2: position_type: position_type manager must be struktural, fungsional or pelaksana") { $0.edit("employees.csv", replacing: "Sekretaris,struktural", with: "Sekretaris,manager") },
        Case("duplicate NIP", expected: "employees.csv:7: nip: NIP 199203152019032008 appears more than once (first on line 3)") { $0.append("employees.csv", "\(nurul),Cut Nurul,PNS,DINKES,Perawat,fungsional,III/a") },
        // appraisals
        Case("appraisal of a stranger", expected: "appraisals.csv:7: nip: NIP 197001012000011001 is not in employees.csv") { $0.append("appraisals.csv", "197001012000011001,Y,,PERMENPANRB_6_2022,,SESUAI,SESUAI,") },
        Case("unknown rater", expected: "appraisals.csv:2: rater_nip: rater NIP 197001012000011001 is not in employees.csv") { $0.edit("appraisals.csv", replacing: "\(nurul),Y,198001012005011002", with: "\(nurul),Y,197001012000011001") },
        Case("own rater", expected: "appraisals.csv:2: rater_nip: an employee cannot be their own rater (rater_nip = nip)") { $0.edit("appraisals.csv", replacing: "\(nurul),Y,198001012005011002", with: "\(nurul),Y,\(nurul)") },
        Case("duplicate appraisal", expected: "appraisals.csv:7: period: NIP 199203152019032008 already has an appraisal for period Y (line 2)") { $0.append("appraisals.csv", "\(nurul),Y,,PERMENPANRB_6_2022,,SESUAI,SESUAI,") },
        Case("bad period", expected: "appraisals.csv:2: period: period Q5 is not Y, S1-S2, Q1-Q4 or M01-M12") { $0.edit("appraisals.csv", replacing: "\(nurul),Y,", with: "\(nurul),Q5,") },
        Case("empty period", expected: "appraisals.csv:2: period: period is empty") { $0.edit("appraisals.csv", replacing: "\(nurul),Y,", with: "\(nurul), ,") },
        Case("empty regime", expected: "appraisals.csv:2: regime: regime is empty") { $0.edit("appraisals.csv", replacing: "198001012005011002,PERMENPANRB_6_2022,,DIATAS,DIATAS", with: "198001012005011002,,,DIATAS,DIATAS") },
        Case("empty appraisal NIP", expected: "appraisals.csv:7: nip: nip is empty") { $0.append("appraisals.csv", ",S1,198001012005011002,PERMENPANRB_6_2022,,SESUAI,SESUAI,") },
        Case("appraisal year column", expected: "appraisals.csv:3: year: year 2023 is not the year being loaded (2024)") {
            $0.files["appraisals.csv"] = LoadFolder.appraisals(year: 2024).replacingOccurrences(of: "predikat\n", with: "predikat,year\n")
                .replacingOccurrences(of: "Sangat Baik\n", with: "Sangat Baik,2024\n").replacingOccurrences(of: "SESUAI,SESUAI,\n", with: "SESUAI,SESUAI,,2023\n")
                .replacingOccurrences(of: "Butuh Perbaikan\n", with: "Butuh Perbaikan,\n").replacingOccurrences(of: "SESUAI,DIBAWAH,\n", with: "SESUAI,DIBAWAH,,\n")
                .replacingOccurrences(of: "DIATAS,Baik", with: "DIATAS,Baik,")
        },
        Case("unknown regime", expected: "appraisals.csv:2: regime: regime PP99 is not one of PP10_1979, PP46_2011, PP30_2019, PERMENPANRB_6_2022") { $0.edit("appraisals.csv", replacing: "198001012005011002,PERMENPANRB_6_2022,,DIATAS,DIATAS", with: "198001012005011002,PP99,,DIATAS,DIATAS") },
        Case("regime outside its years", year: 2020, expected: "appraisals.csv:2: regime: regime PERMENPANRB_6_2022 applies to 2022-now, not to 2020") { $0.files["appraisals.csv"] = LoadFolder.appraisals(year: 2024) },
        Case("score not a number", year: 2020, expected: "appraisals.csv:3: score: score tinggi is not a number") { $0.edit("appraisals.csv", replacing: "PP46_2011,80,", with: "PP46_2011,tinggi,") },
        Case("score out of range", year: 2020, expected: "appraisals.csv:3: score: score 130 is outside 0-120 for PP46_2011") { $0.edit("appraisals.csv", replacing: "PP46_2011,80,", with: "PP46_2011,130,") },
        Case("score missing", year: 2020, expected: "appraisals.csv:3: score: score is required under PP46_2011") { $0.edit("appraisals.csv", replacing: "PP46_2011,80,", with: "PP46_2011,,") },
        Case("score under the matrix regime", expected: "appraisals.csv:3: score: score must be empty under PERMENPANRB_6_2022 (it rates hasil_kerja and perilaku_kerja, not a number)") { $0.edit("appraisals.csv", replacing: "PERMENPANRB_6_2022,,SESUAI,SESUAI,", with: "PERMENPANRB_6_2022,85,SESUAI,SESUAI,") },
        Case("rating under a numeric regime", year: 2020, expected: "appraisals.csv:3: hasil_kerja: hasil_kerja must be empty under PP46_2011 (it applies to PERMENPANRB_6_2022 only)") { $0.edit("appraisals.csv", replacing: "PP46_2011,80,,", with: "PP46_2011,80,SESUAI,") },
        Case("bad rating", expected: "appraisals.csv:3: perilaku_kerja: perilaku_kerja LUAR BIASA is not DIATAS, SESUAI or DIBAWAH") { $0.edit("appraisals.csv", replacing: "PERMENPANRB_6_2022,,SESUAI,SESUAI,", with: "PERMENPANRB_6_2022,,SESUAI,LUAR BIASA,") },
        Case("missing rating", expected: "appraisals.csv:3: hasil_kerja: hasil_kerja is required under PERMENPANRB_6_2022") { $0.edit("appraisals.csv", replacing: "PERMENPANRB_6_2022,,SESUAI,SESUAI,", with: "PERMENPANRB_6_2022,,,SESUAI,") },
        Case("predikat disagrees with the matrix", expected: "appraisals.csv:2: predikat: predikat Baik disagrees with hasil_kerja DIATAS and perilaku_kerja DIATAS, which give Sangat Baik under PERMENPANRB_6_2022") { $0.edit("appraisals.csv", replacing: "DIATAS,DIATAS,Sangat Baik", with: "DIATAS,DIATAS,Baik") },
        Case("predikat disagrees with the band", year: 2020, expected: "appraisals.csv:6: predikat: predikat Baik disagrees with score 91, which give Sangat Baik under PP46_2011") { $0.edit("appraisals.csv", replacing: "90.9,,,Baik", with: "91,,,Baik") },
        Case("predikat of another regime", expected: "appraisals.csv:2: predikat: predikat Cukup is not a label of PERMENPANRB_6_2022 (Sangat Baik, Baik, Butuh Perbaikan, Kurang/Misconduct, Sangat Kurang)") { $0.edit("appraisals.csv", replacing: "DIATAS,DIATAS,Sangat Baik", with: "DIATAS,DIATAS,Cukup") },
        // ratings
        Case("rating role", expected: "ratings.csv:2: rater_role: rater_role boss must be atasan, rekan, bawahan or diri") { $0.edit("ratings.csv", replacing: "atasan,LOYAL", with: "boss,LOYAL") },
        Case("rating item", expected: "ratings.csv:2: item: item JUJUR is not a BerAKHLAK value, a PP 46/2011 aspect or OVERALL") { $0.edit("ratings.csv", replacing: "atasan,LOYAL", with: "atasan,JUJUR") },
        Case("rating score", expected: "ratings.csv:2: score: score 121 is outside 0-120") { $0.edit("ratings.csv", replacing: "atasan,LOYAL,90", with: "atasan,LOYAL,121") },
        Case("self rating by another", expected: "ratings.csv:3: rater_nip: a self rating (rater_role diri) must have rater_nip equal to nip") { $0.edit("ratings.csv", replacing: "\(nurul),diri", with: "198001012005011002,diri") },
        Case("rater is ratee", expected: "ratings.csv:4: rater_nip: rater_nip equals nip, which only a self rating (rater_role diri) may do") { $0.edit("ratings.csv", replacing: "199512312020122001,rekan", with: "\(nurul),rekan") },
        // the decoded codes are checked on every row, the cells as written only on the rows reported (trimmed)
        Case("rating period, padded", expected: "ratings.csv:2: period: period Q5 is not Y, S1-S2, Q1-Q4 or M01-M12") { $0.edit("ratings.csv", replacing: "\(nurul),Y,198001012005011002", with: "\(nurul), Q5 ,198001012005011002") },
        Case("rating score empty", expected: "ratings.csv:2: score: score is empty") { $0.edit("ratings.csv", replacing: "atasan,LOYAL,90", with: "atasan,LOYAL,  ") },
        Case("rating score not a number", expected: "ratings.csv:2: score: score sembilan is not a number") { $0.edit("ratings.csv", replacing: "atasan,LOYAL,90", with: "atasan,LOYAL, sembilan") },
        Case("rating year column", expected: "ratings.csv:3: year: year 2023 is not the year being loaded (2024)") {
            $0.files["ratings.csv"] = LoadFolder.ratings.replacingOccurrences(of: "item,score\n", with: "item,score,year\n")
                .replacingOccurrences(of: "LOYAL,90\n", with: "LOYAL,90, 2024 \n").replacingOccurrences(of: "LOYAL,95\n", with: "LOYAL,95,2023\n")
                .replacingOccurrences(of: "LOYAL,85", with: "LOYAL,85,")
        },
        Case("duplicate rating", expected: "ratings.csv:5: item: rater 198001012005011002 already rated NIP 199203152019032008 on LOYAL for period Y (line 2)") { $0.append("ratings.csv", "\(nurul),Y,198001012005011002,atasan,loyal,70") },
        // interventions and unit predikat
        Case("intervention date", expected: "interventions.csv:2: date: date 2024-02-30 is not an ISO date (YYYY-MM-DD) in the calendar") { $0.edit("interventions.csv", replacing: "2024-03-01", with: "2024-02-30") },
        Case("intervention year", expected: "interventions.csv:2: date: date 2023-03-01 is not in 2024") { $0.edit("interventions.csv", replacing: "2024-03-01", with: "2023-03-01") },
        Case("intervention kind", expected: "interventions.csv:2: kind: kind cuti must be pembinaan, pelatihan, promosi, penghargaan, mutasi or hukuman_disiplin") { $0.edit("interventions.csv", replacing: "pembinaan", with: "cuti") },
        Case("unit predikat", expected: "unit_predikat.csv:2: predikat: predikat HEBAT must be ISTIMEWA, BAIK, BUTUH_PERBAIKAN, KURANG or SANGAT_KURANG") { $0.edit("unit_predikat.csv", replacing: "DINKES,Y,BAIK", with: "DINKES,Y,HEBAT") },
    ]

    let database: TestDatabase
    init() throws { database = try TestDatabase(suite: "rules") }

    @Test(arguments: cases)
    func eachRuleRejectsWithItsReason(_ testCase: Case) throws {
        var folder = try LoadFolder(year: testCase.year)
        if testCase.year < 2022 { folder.files["interventions.csv"] = "nip,date,kind,note\n" }
        defer { folder.remove() }
        testCase.change(&folder)
        let url = try folder.write()
        let reportPath = FileManager.default.temporaryDirectory.appendingPathComponent("rules-\(UUID().uuidString).csv").path
        defer { try? FileManager.default.removeItem(atPath: reportPath) }
        let report = try Loader(conninfo: database.conninfo, logger: Logger(label: "test")).load(.init(year: testCase.year, directory: url, reportPath: reportPath))
        #expect(report.outcome == .rejected)
        #expect(report.firstRejections.map(\.description).contains(testCase.expected), "got: \(report.firstRejections.map(\.description))")
        // the full report holds the same rejection
        let csv = try String(contentsOfFile: reportPath, encoding: .utf8)
        #expect(csv.hasPrefix("file,line,field,value,reason"))
        #expect(csv.split(separator: "\n").count == report.rejectedCount + 1 || csv.contains("\"") )
    }
}
