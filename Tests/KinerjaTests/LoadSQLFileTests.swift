@testable import Kinerja
import Testing

@Suite("Load SQL files")
struct LoadSQLFileTests {
    @Test("statements end with ; at the end of a line, not inside one or in a comment")
    func statementsSplitAtLineEnds() {
        let file = """
            -- a comment that ends with a semicolon;
            CREATE TEMP TABLE a AS SELECT 'x;y' AS v;
            ANALYZE a;

            SELECT 1
            -- trailing comment
            """
        #expect(Loader.statements(in: file) == [
            "-- a comment that ends with a semicolon;\nCREATE TEMP TABLE a AS SELECT 'x;y' AS v;",
            "ANALYZE a;",
            "\nSELECT 1\n-- trailing comment",
        ])
        #expect(Loader.statements(in: "SELECT 1;\n-- only a comment after it\n").count == 1)
    }

    @Test("every load SQL file splits as written: ratings, appraisals and interventions are decoded through code tables, appraisals' proven rules are two statements, every other step is one")
    func everyLoadFileSplits() {
        let files = SQLCatalog.files.filter { $0.key.hasPrefix("load/") && $0.key.hasSuffix(".sql") }
        #expect(files.count >= 15)
        for (name, text) in files {
            let statements = Loader.statements(in: text)
            #expect(statements.count == ["load/ratings.ready.sql": 3, "load/appraisals.ready.sql": 5, "load/interventions.ready.sql": 3,
                                         "load/appraisals.proven.sql": 2][name, default: 1], "\(name)")
            for statement in statements where statement.contains("$2") {
                #expect(statement.contains("$1"), "\(name): a statement uses $2 without $1")
            }
        }
    }

    @Test("a file COPYed straight into its year table has no check: its table's constraints prove every rule")
    func directFilesHaveOnlyProvenRules() {
        for spec in LoadFileSpec.all where spec.directTable != nil {
            #expect(!spec.hasSQL("check"), "\(spec.fileName)")
            #expect(spec.hasSQL("proven"), "\(spec.fileName)")
        }
        #expect(LoadFileSpec.all.contains { $0.directTable != nil })
    }
}
