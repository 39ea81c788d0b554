import Foundation
import PackagePlugin

/// Embeds every `.sql` file under the package's top-level `sql/` folder into the target as Swift
/// string literals, so the SQL is reviewed as files and still ships inside the binary.
@main
struct EmbedSQL: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let sqlDirectory = context.package.directoryURL.appending(path: "sql").resolvingSymlinksInPath()
        // The files, and the folders too: SwiftPM keeps this plugin's answer between incremental
        // builds, so a file added later is not in it; a folder's change (a file added or removed)
        // still reruns the command, and the tool lists the folder itself.
        var inputs: [URL] = [sqlDirectory]
        if let walker = FileManager.default.enumerator(at: sqlDirectory, includingPropertiesForKeys: [.isDirectoryKey]) {
            for case let url as URL in walker {
                if url.pathExtension == "sql" || (try? url.resourceValues(forKeys: [.isDirectoryKey]).isDirectory) == true {
                    inputs.append(url)
                }
            }
        }
        inputs.sort { $0.path < $1.path }
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedSQL.swift")
        return [
            .buildCommand(
                displayName: "Embedding sql/ into \(target.name)",
                executable: try context.tool(named: "EmbedSQLTool").url,
                arguments: [sqlDirectory.path, output.path],
                inputFiles: inputs,
                outputFiles: [output]
            )
        ]
    }
}
