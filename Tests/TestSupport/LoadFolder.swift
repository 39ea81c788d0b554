import Foundation

/// A small, valid load folder written for a test; each file can be replaced or edited first.
public struct LoadFolder {
    public let url: URL
    public var files: [String: String]

    public static let units = """
        instansi_code,instansi_name,unit_code,unit_name,parent_unit_code
        PEMKO-LANGSA,Pemerintah Kota Langsa,SETDA,Sekretariat Daerah,
        PEMKO-LANGSA,Pemerintah Kota Langsa,DINKES,Dinas Kesehatan,SETDA
        PEMKO-LANGSA,Pemerintah Kota Langsa,PUSK,Puskesmas Langsa Kota,DINKES
        """

    /// Four PNS and one PPPK; the head of SETDA rates everybody.
    public static let employees = """
        nip,name,asn_type,unit_code,position,position_type,grade
        198609262015051001,Teuku Ahmad,PNS,SETDA,Sekretaris,struktural,IV/c
        199203152019032008,Cut Nurul,PNS,DINKES,Perawat,fungsional,III/a
        198001012005011002,Rahmat Hidayat,PNS,DINKES,Kepala Dinas,struktural,IV/a
        199512312020122001,Siti Aminah,PNS,PUSK,Bidan,fungsional,III/b
        202101012023211001,Muhammad Rizki,PPPK,PUSK,Pengelola Data,pelaksana,IX
        """

    public static func appraisals(year: Int) -> String {
        if year >= 2022 {
            return """
                nip,period,rater_nip,regime,score,hasil_kerja,perilaku_kerja,predikat
                199203152019032008,Y,198001012005011002,PERMENPANRB_6_2022,,DIATAS,DIATAS,Sangat Baik
                198001012005011002,Y,198609262015051001,PERMENPANRB_6_2022,,SESUAI,SESUAI,
                199512312020122001,Y,198001012005011002,PERMENPANRB_6_2022,,DIBAWAH,SESUAI,Butuh Perbaikan
                202101012023211001,Y,198001012005011002,PERMENPANRB_6_2022,,SESUAI,DIBAWAH,
                198609262015051001,Y,,PERMENPANRB_6_2022,,SESUAI,DIATAS,Baik
                """
        }
        return """
            nip,period,rater_nip,regime,score,hasil_kerja,perilaku_kerja,predikat
            199203152019032008,Y,198001012005011002,PP46_2011,92.5,,,Sangat Baik
            198001012005011002,Y,198609262015051001,PP46_2011,80,,,
            199512312020122001,Y,198001012005011002,PP46_2011,70,,,Cukup
            202101012023211001,Y,198001012005011002,PP46_2011,55,,,
            198609262015051001,Y,,PP46_2011,90.9,,,Baik
            """
    }

    public static let ratings = """
        nip,period,rater_nip,rater_role,item,score
        199203152019032008,Y,198001012005011002,atasan,LOYAL,90
        199203152019032008,Y,199203152019032008,diri,LOYAL,95
        199203152019032008,Y,199512312020122001,rekan,LOYAL,85
        """

    public static let interventions = """
        nip,date,kind,note
        199512312020122001,2024-03-01,pembinaan,"coaching, monthly"
        """

    public static let unitPredikat = """
        unit_code,period,predikat
        DINKES,Y,BAIK
        """

    public init(year: Int = 2024) throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("kinerja-load-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        files = [
            "units.csv": Self.units, "employees.csv": Self.employees, "appraisals.csv": Self.appraisals(year: year),
            "ratings.csv": Self.ratings, "interventions.csv": year == 2024 ? Self.interventions : "nip,date,kind,note\n",
            "unit_predikat.csv": Self.unitPredikat,
        ]
    }

    /// Replaces `old` by `new` in one file (the test fails if `old` is not there).
    public mutating func edit(_ file: String, replacing old: String, with new: String) {
        precondition(files[file]?.contains(old) == true, "\(file) has no \(old)")
        files[file] = files[file]!.replacingOccurrences(of: old, with: new)
    }

    /// Appends a line to a file.
    public mutating func append(_ file: String, _ line: String) { files[file] = files[file]! + "\n" + line }

    /// Writes the files (text as UTF-8 with LF unless given as raw bytes) and returns the folder.
    public func write(raw: [String: [UInt8]] = [:]) throws -> URL {
        for (name, text) in files where raw[name] == nil {
            try Data((text + "\n").utf8).write(to: url.appendingPathComponent(name))
        }
        for (name, bytes) in raw { try Data(bytes).write(to: url.appendingPathComponent(name)) }
        return url
    }

    public func remove() { try? FileManager.default.removeItem(at: url) }
}
