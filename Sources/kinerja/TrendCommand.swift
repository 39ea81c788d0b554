import ArgumentParser
import Kinerja

extension TrendGrouping: ExpressibleByArgument {}

struct TrendCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trend",
        abstract: "Per group and year: spread of the five predikat steps, mean, year-on-year change, 3-year average, rank.",
        discussion: "Steps compare across regimes: 5 Sangat Baik … 1 Buruk/Sangat Kurang. Years where the regime changed are marked.")

    @OptionGroup var options: DatabaseOptions
    @OptionGroup var scope: ScopeOptions
    @OptionGroup var output: OutputOptions

    @Option(help: "Group by: \(TrendGrouping.allCases.map(\.rawValue).joined(separator: ", ")).")
    var by: TrendGrouping = .unit

    @Option(help: "Period: Y (the annual result), S1-S2, Q1-Q4 or M01-M12.")
    var period = "Y"

    func run() throws {
        let db = try options.target.connect(logger: options.makeLogger())
        defer { db.close() }
        var table = try TrendAnalytics.trend(by: by, scope: scope.scope, period: period.uppercased(), minimumGroupSize: scope.minimumGroupSize, on: db)
        if output.format == .table { table = Self.forPeople(table) }
        try output.print(table)
    }

    /// The table for people: fewer columns, and each group's mean-step sparkline on its last row.
    static func forPeople(_ table: ResultTable) -> ResultTable {
        let keep = table.columns.filter { ["unit_code", "instansi_code", "position_type", "asn_type", "gender", "age_band", "grade", "unit_name", "instansi_name", "year", "n", "share_step5", "share_step4", "share_step3", "share_step2", "share_step1", "mean_step", "mean_score", "yoy_delta", "moving_avg_3y", "rank"].contains($0) }
        let indices = keep.compactMap { table.column($0) }
        let keyIndex = 0
        let meanIndex = table.column("mean_step")!
        let changeIndex = table.column("regime_change")!
        var rows: [[ResultValue]] = []
        var series: [Double?] = []
        for (i, row) in table.rows.enumerated() {
            series.append(row[meanIndex].doubleValue)
            var out = indices.map { row[$0] }
            out.append(row[changeIndex] == .bool(true) ? .string("regime") : .string(""))
            let last = i == table.rows.count - 1 || table.rows[i + 1][keyIndex] != row[keyIndex]
            out.append(.string(last ? ResultRenderer.sparkline(series) : ""))
            if last { series = [] }
            rows.append(out)
        }
        return ResultTable(columns: keep.map { $0.replacingOccurrences(of: "share_step", with: "%") } + ["", "trend"], rows: rows, notes: table.notes)
    }
}

struct TransitionsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "transitions", abstract: "The 5x5 matrix of each employee's step in one year against another.")
    @OptionGroup var options: DatabaseOptions
    @OptionGroup var scope: ScopeOptions
    @OptionGroup var output: OutputOptions
    @Option(help: "Year A.") var fromYear: Int
    @Option(help: "Year B.") var toYear: Int

    func run() throws {
        let db = try options.target.connect(logger: options.makeLogger())
        defer { db.close() }
        try output.print(try TrendAnalytics.transitions(from: fromYear, to: toYear, scope: scope.scope, minimumGroupSize: scope.minimumGroupSize, on: db))
    }
}

struct DeclinersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "decliners", abstract: "Employees whose step fell in each of N consecutive years.")
    @OptionGroup var options: DatabaseOptions
    @OptionGroup var scope: ScopeOptions
    @OptionGroup var output: OutputOptions
    @Option(help: "Consecutive years of decline.") var years = 3

    func validate() throws { if years < 1 { throw ValidationError("--years must be at least 1") } }

    func run() throws {
        let db = try options.target.connect(logger: options.makeLogger())
        defer { db.close() }
        try output.print(try TrendAnalytics.decliners(years: years, scope: scope.scope, on: db))
    }
}

struct EffectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "effect", abstract: "Step change the year after an intervention, against people who started from the same step without one.")
    @OptionGroup var options: DatabaseOptions
    @OptionGroup var scope: ScopeOptions
    @OptionGroup var output: OutputOptions
    @Option(help: "Intervention: pembinaan, pelatihan, promosi, penghargaan, mutasi, hukuman_disiplin.") var kind = "pembinaan"

    func run() throws {
        let db = try options.target.connect(logger: options.makeLogger())
        defer { db.close() }
        try output.print(try TrendAnalytics.effect(kind: kind, scope: scope.scope, minimumGroupSize: scope.minimumGroupSize, on: db))
    }
}

struct CurveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "curve", abstract: "Units' predikat spread against the bounds of SE MenPANRB 3/2023, and which are broken.")
    @OptionGroup var options: DatabaseOptions
    @OptionGroup var scope: ScopeOptions
    @OptionGroup var output: OutputOptions
    @Option(help: "Year.") var year: Int
    @Option(help: "Period of the unit predikat.") var period = "Y"
    @Flag(help: "Only broken bounds.") var brokenOnly = false

    func run() throws {
        let db = try options.target.connect(logger: options.makeLogger())
        defer { db.close() }
        var table = try TrendAnalytics.curve(year: year, period: period.uppercased(), scope: scope.scope, minimumGroupSize: scope.minimumGroupSize, on: db)
        if brokenOnly, let broken = table.column("broken") { table.rows = table.rows.filter { $0[broken] == .bool(true) } }
        try output.print(table)
    }
}

struct EmployeeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "employee", abstract: "One person's full history across regimes, with raters and interventions.")
    @OptionGroup var options: DatabaseOptions
    @OptionGroup var output: OutputOptions
    @Argument(help: "The NIP.") var nip: String

    func run() throws {
        let db = try options.target.connect(logger: options.makeLogger())
        defer { db.close() }
        let table = try TrendAnalytics.employee(nip: nip, on: db)
        if table.rows.isEmpty { throw ValidationError("no appraisal of NIP \(nip) is loaded") }
        try output.print(table)
    }
}
