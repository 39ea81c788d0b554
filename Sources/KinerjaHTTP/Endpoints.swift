import Kinerja
import Postgres

/// What each data route asks the database: the same questions as the CLI (TrendAnalytics,
/// LoadHistory), run on a pooled connection's own thread, never on an event loop.
enum Endpoints {
    static let unitsSQL = """
        SELECT u.unit_code, u.unit_name, u.parent_unit_code, u.instansi_code, u.year::int AS year
        FROM kinerja.unit u
        WHERE u.year = coalesce($1::int, (SELECT max(year) FROM kinerja.unit))
          AND ($2::text IS NULL OR u.instansi_code = $2::text)
        ORDER BY u.unit_code
        """

    /// The columns of `/v1/distribution`: the trend rows' key, time and the spread of the steps.
    static let distributionColumns: Set<String> = [
        "unit_code", "instansi_code", "position_type", "asn_type", "gender", "age_band", "grade", "unit_name", "instansi_name",
        "year", "period", "time", "n", "suppressed",
        "n_step1", "n_step2", "n_step3", "n_step4", "n_step5",
        "share_step1", "share_step2", "share_step3", "share_step4", "share_step5", "mean_step",
    ]

    /// Checks what can be checked without the database (year ranges).
    static func validate(_ route: RouteSpec, _ q: QueryParameters) throws(APIError) {
        if let from = q.int("from"), let to = q.int("to"), from > to {
            throw APIError.badParameter("from", "\(from) is after to=\(to)")
        }
        if let from = q.int("from_year"), let to = q.int("to_year"), from >= to {
            throw APIError.badParameter("from_year", "must be before to_year")
        }
        if let roles = q.string("roles"), RolePair(parsing: roles) == nil {
            throw APIError.badParameter("roles", "needs two different roles, e.g. atasan,bawahan")
        }
    }

    /// The question of a data route, to run on a pooled connection.
    static func query(_ route: RouteSpec, _ q: QueryParameters, minimumGroupSize: Int) -> @Sendable (PostgresConnection) throws -> ResultTable {
        let scope = Scope(instansi: q.string("instansi"), unit: q.string("unit"), includeSubunits: q.bool("subunits") ?? true, fromYear: q.int("from"), toYear: q.int("to"))
        let period = q.string("period") ?? "Y"
        let by = TrendGrouping(rawValue: q.string("by") ?? "unit") ?? .unit
        @Sendable func answer(_ db: PostgresConnection) throws -> ResultTable {
            switch route.endpoint {
            case .units:
                return try ResultTable(db.query(PostgresQuery(unitsSQL, binds: [q.int("year"), scope.instansi])))
            case .trends:
                return try TrendAnalytics.trend(by: by, scope: scope, period: period, minimumGroupSize: minimumGroupSize, on: db)
            case .distribution:
                guard let year = try q.int("year") ?? latestYear(on: db) else { return ResultTable(columns: [], rows: []) }
                var yearScope = scope
                yearScope.fromYear = year
                yearScope.toYear = year
                let table = try TrendAnalytics.trend(by: by, scope: yearScope, period: period, minimumGroupSize: minimumGroupSize, on: db)
                let keep = table.columns.indices.filter { distributionColumns.contains(table.columns[$0]) }
                return ResultTable(columns: keep.map { table.columns[$0] }, rows: table.rows.map { row in keep.map { row[$0] } }, notes: table.notes)
            case .transitions:
                guard let to = try q.int("to_year") ?? latestYear(on: db) else { return ResultTable(columns: [], rows: []) }
                let from = q.int("from_year") ?? to - 1
                guard from < to else { throw APIError.badParameter("from_year", "must be before to_year (\(to))") }
                return try TrendAnalytics.transitions(from: from, to: to, scope: scope, minimumGroupSize: minimumGroupSize, on: db)
            case .decliners:
                return try TrendAnalytics.decliners(years: q.int("years") ?? 3, scope: scope, on: db)
            case .effect:
                return try TrendAnalytics.effect(kind: q.string("kind") ?? "pembinaan", scope: scope, minimumGroupSize: minimumGroupSize, on: db)
            case .curve:
                guard let year = try q.int("year") ?? latestYear(on: db) else { return ResultTable(columns: [], rows: []) }
                var table = try TrendAnalytics.curve(year: year, period: period, scope: scope, minimumGroupSize: minimumGroupSize, on: db)
                if q.bool("broken_only") == true, let broken = table.column("broken") { table.rows = table.rows.filter { $0[broken] == .bool(true) } }
                return table
            case .loads:
                return try LoadHistory.list(on: db, year: q.int("year"), limit: 1_000_000)
            case .employee:
                let table = try TrendAnalytics.employee(nip: q.string("nip") ?? "", on: db)
                if table.rows.isEmpty { throw APIError(.notFound, "unknown_employee", "no appraisal of this NIP is loaded") }
                return table
            case .consistency:
                guard let year = try q.int("year") ?? latestYear(on: db) else { return ResultTable(columns: [], rows: []) }
                return try consistencyQuestion {
                    try ConsistencyAnalytics.consistency(ConsistencyRequest(
                        year: year, period: period, instansi: scope.instansi, unit: scope.unit, includeSubunits: scope.includeSubunits,
                        item: q.string("item")?.uppercased(), role: q.string("role"), byUnit: q.string("by") == "unit",
                        cohenRoles: q.string("roles").flatMap(RolePair.init(parsing:)) ?? RolePair("atasan", "diri"),
                        minimumGroupSize: minimumGroupSize), on: db)
                }
            case .raters:
                guard let year = try q.int("year") ?? latestYear(on: db) else { return ResultTable(columns: [], rows: []) }
                var table = try consistencyQuestion {
                    try ConsistencyAnalytics.raters(RatersRequest(
                        year: year, period: period, instansi: scope.instansi, unit: scope.unit, includeSubunits: scope.includeSubunits,
                        role: q.string("role"), threshold: q.double("threshold") ?? RatersRequest.defaultThreshold,
                        minimumGroupSize: minimumGroupSize), on: db)
                }
                if q.bool("flagged_only") == true, let flag = table.column("flag"), let straight = table.column("straight_lining") {
                    table.rows = table.rows.filter { $0[flag] != .null || $0[straight] == .bool(true) }
                }
                return table
            case .gaps:
                // every year at once is a scan of all ratings: a dashboard asks for a year or a range
                var years = (from: scope.fromYear, to: scope.toYear)
                if years.from == nil && years.to == nil, let latest = try latestYear(on: db) { years = (latest, latest) }
                return try consistencyQuestion {
                    try ConsistencyAnalytics.gaps(GapsRequest(
                        fromYear: years.from, toYear: years.to, period: q.string("period"), instansi: scope.instansi, unit: scope.unit,
                        includeSubunits: scope.includeSubunits, item: q.string("item")?.uppercased(),
                        roles: q.string("roles").flatMap(RolePair.init(parsing:)), minimumGroupSize: minimumGroupSize), on: db)
                }
            case .healthz, .readyz, .metrics, .openapi:
                return ResultTable(columns: [], rows: [])
            }
        }

        return { db in
            let table = try answer(db)
            // an empty answer for a unit no year has is a 404; asked only then, to save a round trip
            if table.rows.isEmpty, let unit = scope.unit { try requireUnit(unit, on: db) }
            return table
        }
    }

    /// A question the consistency module refuses (an unknown role) is a bad request.
    static func consistencyQuestion(_ body: () throws -> ResultTable) throws -> ResultTable {
        do { return try body() } catch let error as ConsistencyAnalytics.RequestError { throw APIError(.badRequest, "bad_parameter", error.description) }
    }

    /// 404 when no year has this unit.
    static func requireUnit(_ unit: String, on db: PostgresConnection) throws {
        let known = try db.query(PostgresQuery("SELECT count(*)::int FROM kinerja.unit WHERE unit_code = $1::text", binds: [unit])).scalar(Int.self) > 0
        if !known { throw APIError(.notFound, "unknown_unit", "no loaded year has unit '\(unit)'") }
    }

    /// The latest year with units, or nil when nothing is loaded.
    static func latestYear(on db: PostgresConnection) throws -> Int? {
        let year = try db.query("SELECT coalesce(max(year), 0)::int FROM kinerja.unit").scalar(Int.self)
        return year == 0 ? nil : year
    }
}
