import Postgres

/// How `kinerja trend` groups people.
public enum TrendGrouping: String, Sendable, CaseIterable {
    case unit, instansi, positionType = "position_type", asnType = "asn_type", gender, ageBand = "age_band", grade

    /// The JSON name of the group column (the CSV contract's column name where there is one).
    var keyColumn: String {
        switch self {
        case .unit: "unit_code"
        case .instansi: "instansi_code"
        default: rawValue
        }
    }

    var nameColumn: String? {
        switch self {
        case .unit: "unit_name"
        case .instansi: "instansi_name"
        default: nil
        }
    }
}

/// Filters shared by the trend-type questions.
public struct Scope: Sendable, Equatable {
    public var instansi: String?
    public var unit: String?
    public var includeSubunits = true
    public var fromYear: Int?
    public var toYear: Int?

    public init(instansi: String? = nil, unit: String? = nil, includeSubunits: Bool = true, fromYear: Int? = nil, toYear: Int? = nil) {
        self.instansi = instansi
        self.unit = unit
        self.includeSubunits = includeSubunits
        self.fromYear = fromYear
        self.toYear = toYear
    }
}

/// The trend questions of issue #4, each one SQL file in `sql/queries/` run in PostgreSQL.
public enum TrendAnalytics {
    /// Per group and year: counts and shares of each step, mean step and score, year-on-year
    /// change, 3-year moving average, rank and percentile among sibling groups.
    public static func trend(by grouping: TrendGrouping, scope: Scope, period: String = "Y", minimumGroupSize: Int = Privacy.minimumGroupSize, on db: PostgresConnection) throws -> ResultTable {
        var table = try run("trend", [grouping.rawValue, scope.instansi, scope.unit, scope.includeSubunits, scope.fromYear, scope.toYear, period, minimumGroupSize], on: db)
        table.columns = table.columns.compactMap { column in
            switch column {
            case "group_key": grouping.keyColumn
            case "group_name": grouping.nameColumn ?? "group_name"
            default: column
            }
        }
        if grouping.nameColumn == nil, let index = table.column("group_name") {
            table.columns.remove(at: index)
            for i in table.rows.indices { table.rows[i].remove(at: index) }
        }
        let suppressed = Set(table.rows.indices.filter { table.rows[$0][table.column("suppressed")!] == .bool(true) }.map { table.rows[$0][0].text })
        if !suppressed.isEmpty {
            table.notes.append("\(suppressed.count) group(s) have years with fewer than \(minimumGroupSize) people: their ratings are suppressed")
        }
        return table
    }

    /// The 5x5 matrix of annual steps in year A against year B.
    public static func transitions(from fromYear: Int, to toYear: Int, scope: Scope, minimumGroupSize: Int = Privacy.minimumGroupSize, on db: PostgresConnection) throws -> ResultTable {
        try run("transitions", [fromYear, toYear, scope.instansi, scope.unit, minimumGroupSize], on: db)
    }

    /// Employees whose annual step fell in each of `years` consecutive years.
    public static func decliners(years: Int, scope: Scope, on db: PostgresConnection) throws -> ResultTable {
        try run("decliners", [years, scope.instansi, scope.unit, scope.fromYear, scope.toYear], on: db)
    }

    /// Step change t→t+1 after an intervention against people who started from the same step without.
    public static func effect(kind: String, scope: Scope, minimumGroupSize: Int = Privacy.minimumGroupSize, on db: PostgresConnection) throws -> ResultTable {
        try run("effect", [kind, scope.instansi, scope.unit, scope.fromYear, scope.toYear, minimumGroupSize], on: db)
    }

    /// Each unit's staff spread against the bounds its own predikat sets (SE MenPANRB 3/2023).
    public static func curve(year: Int, period: String = "Y", scope: Scope, minimumGroupSize: Int = Privacy.minimumGroupSize, on db: PostgresConnection) throws -> ResultTable {
        try run("curve", [year, period, scope.instansi, minimumGroupSize], on: db)
    }

    /// One person's history across regimes.
    public static func employee(nip: String, on db: PostgresConnection) throws -> ResultTable {
        try run("employee", [nip], on: db)
    }

    static func run(_ name: String, _ binds: [(any PostgresEncodable)?], on db: PostgresConnection) throws -> ResultTable {
        try ResultTable(db.query(PostgresQuery(try SQLCatalog.query(name), binds: binds)))
    }
}
