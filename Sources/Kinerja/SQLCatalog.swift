/// The project's SQL files (from `sql/`), embedded at build time by the EmbedSQL plugin.
public enum SQLCatalog {
    /// Every file, keyed by its path under `sql/` (for example `migrations/001_schema.sql`).
    public static var files: [String: String] { EmbeddedSQL.files }

    /// The named analytic query `sql/queries/NAME.sql`.
    public static func query(_ name: String) throws -> String {
        guard let text = EmbeddedSQL.files["queries/\(name).sql"] else {
            throw CatalogError(message: "no SQL query named \(name) (expected sql/queries/\(name).sql)")
        }
        return text
    }

    struct CatalogError: Error, CustomStringConvertible {
        let message: String
        var description: String { message }
    }
}
