import ArgumentParser
import Kinerja

/// `kinerja consistency`: do raters agree? Counts, design, ICCs, Krippendorff's alpha, kappas, AC1/AC2.
struct ConsistencyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "consistency",
        abstract: "Inter-rater agreement of one year and period: ICC(1)…ICC(3,k) with 95% intervals, Krippendorff's alpha, Fleiss', Cohen's and Gwet's coefficients.",
        discussion: """
            The table analysed has one value per (ratee, rater): the score on --item, or the mean of the rater's item scores.
            Categorical coefficients use the five PP 46/2011 bands on a 0-100 scale, the rounded value on a 1-5 scale.
            Undefined coefficients are empty, with a note saying why.
            """)

    enum Grouping: String, ExpressibleByArgument, CaseIterable { case unit }

    @OptionGroup var options: DatabaseOptions
    @OptionGroup var scope: RatingScopeOptions
    @OptionGroup var output: OutputOptions

    @Option(help: "Year.") var year: Int
    @Option(help: "Period: Y, S1-S2, Q1-Q4 or M01-M12.") var period = "Y"
    @Option(help: ArgumentHelp("One item's score (e.g. OVERALL); default: the mean of the rater's item scores.", valueName: "code"))
    var item: String?
    @Option(help: ArgumentHelp("Only ratings given in this role: atasan, rekan, bawahan or diri.", valueName: "role"))
    var role: String?
    @Option(help: ArgumentHelp("The two roles Cohen's kappa compares on the same ratees.", valueName: "a,b"))
    var roles = "atasan,diri"
    @Option(help: "One row per unit (the ratee's).") var by: Grouping?

    func validate() throws {
        if RolePair(parsing: roles) == nil { throw ValidationError("--roles needs two different roles, e.g. atasan,diri") }
    }

    func run() throws {
        let db = try options.target.connect(logger: options.makeLogger())
        defer { db.close() }
        let request = ConsistencyRequest(
            year: year, period: period.uppercased(), instansi: scope.instansi, unit: scope.unit, includeSubunits: !scope.noSubunits,
            item: item?.uppercased(), role: role?.lowercased(), byUnit: by == .unit, cohenRoles: RolePair(parsing: roles)!,
            minimumGroupSize: scope.minimumGroupSize)
        let table = try ConsistencyAnalytics.consistency(request, on: db)
        try output.print(output.format == .table ? Self.forPeople(table) : table)
    }

    /// A table people can read: one group as field/value lines, several as the main figures per unit.
    static func forPeople(_ table: ResultTable) -> ResultTable {
        if table.rows.count == 1 {
            return ResultTable(columns: ["field", "value"], rows: zip(table.columns, table.rows[0]).map { [.string($0), $1] },
                               notes: table.notes)
        }
        let keep = ["unit_code", "ratees", "raters", "design", "suppressed", "icc1", "icc1k", "icc2", "icc3",
                    "alpha_interval", "alpha_ordinal", "fleiss_kappa", "cohen_kappa", "gwet_ac1", "percent_agreement"]
        let indices = keep.compactMap { table.column($0) }
        return ResultTable(columns: indices.map { table.columns[$0] }, rows: table.rows.map { row in indices.map { row[$0] } },
                           notes: table.notes)
    }
}

/// `kinerja raters`: who rates high or low, and who gives everybody the same score.
struct RatersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "raters",
        abstract: "Per rater: ratings given, mean, leniency against the other raters of the same people with a 95% interval, lenient/severe and straight-lining flags.")

    @OptionGroup var options: DatabaseOptions
    @OptionGroup var scope: RatingScopeOptions
    @OptionGroup var output: OutputOptions

    @Option(help: "Year.") var year: Int
    @Option(help: "Period: Y, S1-S2, Q1-Q4 or M01-M12.") var period = "Y"
    @Option(help: ArgumentHelp("Only ratings given in this role: atasan, rekan, bawahan or diri.", valueName: "role"))
    var role: String?
    @Option(help: ArgumentHelp("Flag |leniency| above this many points (with an interval excluding 0).", valueName: "points"))
    var threshold = RatersRequest.defaultThreshold
    @Flag(help: "Only flagged raters.") var flaggedOnly = false

    func validate() throws {
        if threshold < 0 { throw ValidationError("--threshold must not be negative") }
    }

    func run() throws {
        let db = try options.target.connect(logger: options.makeLogger())
        defer { db.close() }
        var table = try ConsistencyAnalytics.raters(RatersRequest(
            year: year, period: period.uppercased(), instansi: scope.instansi, unit: scope.unit, includeSubunits: !scope.noSubunits,
            role: role?.lowercased(), threshold: threshold, minimumGroupSize: scope.minimumGroupSize), on: db)
        if flaggedOnly, let flag = table.column("flag"), let straight = table.column("straight_lining") {
            table.rows = table.rows.filter { $0[flag] != .null || $0[straight] == .bool(true) }
        }
        try output.print(table)
    }
}

/// `kinerja gaps`: do superiors, peers, subordinates and the person see the same person alike?
struct GapsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gaps",
        abstract: "Per unit: the perception gap between two rater roles on the same people (default atasan - bawahan, - rekan, - diri), with a 95% interval.")

    @OptionGroup var options: DatabaseOptions
    @OptionGroup var scope: ScopeOptions
    @OptionGroup var output: OutputOptions

    @Option(help: "Period: Y, S1-S2, Q1-Q4 or M01-M12 (default: every period).") var period: String?
    @Option(help: ArgumentHelp("One item (e.g. OVERALL); default: every item.", valueName: "code")) var item: String?
    @Option(help: ArgumentHelp("Role A minus role B, e.g. atasan,bawahan; default: atasan against each other role.", valueName: "a,b"))
    var roles: String?

    func validate() throws {
        if let roles, RolePair(parsing: roles) == nil { throw ValidationError("--roles needs two different roles, e.g. atasan,bawahan") }
    }

    func run() throws {
        let db = try options.target.connect(logger: options.makeLogger())
        defer { db.close() }
        try output.print(try ConsistencyAnalytics.gaps(GapsRequest(
            fromYear: scope.from, toYear: scope.to, period: period?.uppercased(), instansi: scope.instansi, unit: scope.unit,
            includeSubunits: !scope.noSubunits, item: item?.uppercased(), roles: roles.flatMap(RolePair.init(parsing:)),
            minimumGroupSize: scope.minimumGroupSize), on: db))
    }
}

/// `--instansi`, `--unit`, `--no-subunits`, `--min-group-size`: the part of one year's organisation a
/// rating question covers (ScopeOptions without the year span: these questions take one --year).
struct RatingScopeOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Only this instansi (e.g. PEMKO-LANGSA).", valueName: "code"))
    var instansi: String?

    @Option(help: ArgumentHelp("Only this unit (with its sub-units unless --no-subunits).", valueName: "code"))
    var unit: String?

    @Flag(name: .customLong("no-subunits"), help: "With --unit: leave out the units below it.")
    var noSubunits = false

    @Option(help: ArgumentHelp("Suppress figures of groups smaller than this (default \(Privacy.defaultMinimumGroupSize), or $KINERJA_MIN_GROUP_SIZE).", valueName: "n"))
    var minGroupSize: Int?

    var minimumGroupSize: Int { minGroupSize ?? Privacy.minimumGroupSize }

    func validate() throws {
        if let minGroupSize, minGroupSize < 1 { throw ValidationError("--min-group-size must be at least 1") }
    }
}
