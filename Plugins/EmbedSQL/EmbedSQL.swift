import Foundation
import PackagePlugin

/// Embeds every `.sql` file under the package's top-level `sql/` folder into the target as Swift
/// string literals, so the SQL is reviewed as files and still ships inside the binary.
@main
struct EmbedSQL: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let sqlDirectory = context.package.directoryURL.appending(path: "sql").resolvingSymlinksInPath()
        var inputs: [URL] = []
        if let walker = FileManager.default.enumerator(at: sqlDirectory, includingPropertiesForKeys: nil) {
            for case let url as URL in walker where url.pathExtension == "sql" { inputs.append(url) }
        }
        inputs.sort { $0.path < $1.path }
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedSQL.swift")
        return [
            .buildCommand(
                displayName: "Embedding \(inputs.count) SQL files into \(target.name)",
                executable: try context.tool(named: "EmbedSQLTool").url,
                arguments: [sqlDirectory.path, output.path] + inputs.map(\.path),
                inputFiles: inputs,
                outputFiles: [output]
            )
        ]
    }
}
