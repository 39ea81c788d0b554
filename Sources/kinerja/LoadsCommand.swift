import ArgumentParser
import Foundation
import Kinerja

struct LoadsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "loads", abstract: "List the load history: every attempt, its files and outcome.")

    @OptionGroup var options: DatabaseOptions
    @OptionGroup var output: OutputOptions

    @Option(help: "Only this year.")
    var year: Int?

    @Option(help: "At most this many loads (newest first).")
    var limit = 50

    func run() throws {
        let logger = options.makeLogger()
        let db = try options.target.connect(logger: logger)
        defer { db.close() }
        let table = try LoadHistory.list(on: db, year: year, limit: limit)
        try output.print(table)
    }
}
