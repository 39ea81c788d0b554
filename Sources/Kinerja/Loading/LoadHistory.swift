import Postgres

/// The record of every load attempt (`kinerja loads`, `/v1/loads`).
public enum LoadHistory {
    public static func list(on db: PostgresConnection, year: Int? = nil, limit: Int = 50) throws -> ResultTable {
        try ResultTable(db.query(PostgresQuery(try SQLCatalog.query("loads"), binds: [year, limit])))
    }
}
