import ArgumentParser
import Foundation
import Kinerja
import Logging

@main
struct KinerjaCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kinerja",
        abstract: "Analytics of ASN performance appraisals (SKP) over the whole history, in PostgreSQL.",
        discussion: """
            Without DATABASE_URL (or --database-url), kinerja runs its own PostgreSQL cluster under .kinerja/db.
            """,
        version: "0.1.0",
        subcommands: [DatabaseCommand.self, LoadCommand.self, LoadsCommand.self, TrendCommand.self, TransitionsCommand.self, DeclinersCommand.self, EffectCommand.self, CurveCommand.self, EmployeeCommand.self, ConsistencyCommand.self, RatersCommand.self, GapsCommand.self, GenerateCommand.self, ServeCommand.self]
    )
}

/// Options every command that talks to the database shares.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .customLong("database-url"), help: ArgumentHelp("PostgreSQL URL or conninfo (default: $DATABASE_URL, else the embedded cluster).", valueName: "url"))
    var databaseURL: String?

    @Option(help: ArgumentHelp("The embedded cluster's folder under .kinerja/ (when no URL is given).", valueName: "name"))
    var cluster = "db"

    @Flag(name: .shortAndLong, help: "Log more detail to stderr.")
    var verbose = false

    var target: DatabaseTarget { DatabaseTarget.resolve(url: databaseURL, cluster: cluster) }

    func makeLogger(_ label: String = "kinerja") -> Logger {
        CommandLogging.bootstrap(verbose: verbose)
        return Logger(label: label)
    }
}

enum CommandLogging {
    nonisolated(unsafe) private static var done = false

    /// Logs go to stderr so stdout stays clean for tables, CSV and JSON.
    static func bootstrap(verbose: Bool) {
        guard !done else { return }
        done = true
        let level = ProcessInfo.processInfo.environment["KINERJA_LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? (verbose ? .debug : .notice)
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
    }
}
