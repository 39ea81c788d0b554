import ArgumentParser
import Foundation
import Kinerja

extension OutputFormat: ExpressibleByArgument {}

/// `--format table|csv|json`, shared by every command that answers a question.
struct OutputOptions: ParsableArguments {
    @Option(name: .long, help: "Output format: table (for people), csv or json (for tools).")
    var format: OutputFormat = .table

    func print(_ table: ResultTable, sparklineColumn: String? = nil) throws {
        switch format {
        case .table: Swift.print(ResultRenderer.text(table), terminator: "")
        case .csv: Swift.print(ResultRenderer.csv(table), terminator: "")
        case .json: Swift.print(String(decoding: try ResultRenderer.json(table), as: UTF8.self))
        }
    }
}
