/// The contract of one CSV file of a yearly load folder (docs/data-format.md): its name, its
/// columns, which must be present, and the staging table it is copied into.
///
/// One table of specs drives header checking, the staging DDL and the COPY column lists, so a new
/// column is one line here plus its validation rule in `sql/load/`.
public struct LoadFileSpec: Sendable, Equatable {
    public struct Column: Sendable, Equatable {
        public let name: String
        /// The column must be in the header (its cells may still be empty where the rules allow).
        public let required: Bool
        /// The value's canonical spelling, for files COPYed straight into their year table.
        public var canonical: CanonicalCell? = nil
    }

    public let fileName: String
    public let required: Bool
    /// Files whose rows this file refers to: when one of them is broken, this file's checks are
    /// skipped (they would only repeat "not in employees.csv" for every row).
    public let dependsOn: [String]
    public let columns: [Column]
    /// The year table (`kinerja.<name>`) a file whose values are all canonical (`CanonicalForm`) is
    /// COPYed straight into, skipping staging and decoding; nil: always staged. Needs a canonical
    /// rule for every column and no check file (nothing is checked before the publish: the table's
    /// constraints prove every rule, `sql/load/<file>.proven.sql`).
    public let directTable: String?

    init(fileName: String, required: Bool, dependsOn: [String] = [], directTable: String? = nil, columns: [Column]) {
        precondition(directTable == nil || columns.allSatisfy { $0.canonical != nil },
                     "\(fileName): a direct table needs a canonical rule for every column")
        self.fileName = fileName
        self.required = required
        self.dependsOn = dependsOn
        self.directTable = directTable
        self.columns = columns
    }

    /// `stage_units` for `units.csv`.
    public var stagingTable: String { "stage_" + fileName.dropLast(4) }

    /// Every file of the format, in the order they are loaded and validated.
    public static let all: [LoadFileSpec] = [
        LoadFileSpec(fileName: "units.csv", required: true, columns: [
            .init(name: "instansi_code", required: true), .init(name: "instansi_name", required: true),
            .init(name: "unit_code", required: true), .init(name: "unit_name", required: true),
            .init(name: "parent_unit_code", required: false),
        ]),
        LoadFileSpec(fileName: "employees.csv", required: true, dependsOn: ["units.csv"], directTable: "employee", columns: [
            .init(name: "nip", required: true, canonical: .digits(18)),
            .init(name: "name", required: true, canonical: .text),
            .init(name: "asn_type", required: true, canonical: .oneOf(["PNS", "PPPK"])),
            .init(name: "unit_code", required: true, canonical: .text),
            .init(name: "position", required: false, canonical: .orEmpty(.text)),
            .init(name: "position_type", required: false, canonical: .orEmpty(.oneOf(["struktural", "fungsional", "pelaksana"]))),
            .init(name: "grade", required: false, canonical: .orEmpty(.codeOf("grade"))),
        ]),
        LoadFileSpec(fileName: "appraisals.csv", required: true, dependsOn: ["units.csv", "employees.csv"], columns: [
            .init(name: "nip", required: true), .init(name: "period", required: true),
            .init(name: "rater_nip", required: false), .init(name: "regime", required: true),
            .init(name: "score", required: false), .init(name: "hasil_kerja", required: false),
            .init(name: "perilaku_kerja", required: false), .init(name: "predikat", required: false),
        ]),
        LoadFileSpec(fileName: "ratings.csv", required: false, dependsOn: ["units.csv", "employees.csv"], directTable: "rating", columns: [
            .init(name: "nip", required: true, canonical: .digits(18)),
            .init(name: "period", required: true, canonical: .oneOf(periodCodes)),
            .init(name: "rater_nip", required: true, canonical: .digits(18)),
            .init(name: "rater_role", required: true, canonical: .oneOf(["atasan", "rekan", "bawahan", "diri"])),
            .init(name: "item", required: true, canonical: .codeOf("rating_item")),
            .init(name: "score", required: true, canonical: .decimal),
        ]),
        LoadFileSpec(fileName: "interventions.csv", required: false, dependsOn: ["units.csv", "employees.csv"], columns: [
            .init(name: "nip", required: true), .init(name: "date", required: true),
            .init(name: "kind", required: true), .init(name: "note", required: false),
        ]),
        LoadFileSpec(fileName: "unit_predikat.csv", required: false, dependsOn: ["units.csv"], columns: [
            .init(name: "unit_code", required: true), .init(name: "period", required: true),
            .init(name: "predikat", required: true),
        ]),
    ]

    /// The period codes as the year tables hold them (their CHECKs list them).
    static let periodCodes = ["Y", "S1", "S2", "Q1", "Q2", "Q3", "Q4"] + (1...12).map { "M" + ($0 < 10 ? "0" : "") + String($0) }

    /// Every file may carry a `year` column; when present it must equal the year being loaded.
    public static let optionalYearColumn = "year"

    /// The name of one of this file's loading SQL files: `ratings.ready` for `sql/load/ratings.ready.sql`.
    func sql(_ step: String) -> String { "\(fileName.dropLast(4)).\(step)" }

    /// Whether the file has that loading SQL file (every file has `ready`; `check`, `proven` and
    /// `duplicates` are optional).
    func hasSQL(_ step: String) -> Bool { SQLCatalog.files["load/\(sql(step)).sql"] != nil }

    /// The staging table: the line each record starts on, then every column as text.
    var stagingDDL: String {
        let columnList = (columns.map(\.name) + [Self.optionalYearColumn]).map { "\($0) text" }.joined(separator: ", ")
        return "CREATE TEMP TABLE \(stagingTable) (line integer NOT NULL, \(columnList)) ON COMMIT DROP"
    }
}
