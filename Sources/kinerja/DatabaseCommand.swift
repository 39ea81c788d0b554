import ArgumentParser
import EmbeddedPostgres
import Foundation
import Kinerja
import Postgres

struct DatabaseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db",
        abstract: "Run the embedded PostgreSQL cluster and migrate the schema.",
        subcommands: [Up.self, Down.self, URLCommand.self, Status.self, Migrate.self]
    )

    struct Up: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Start the embedded cluster (reuses a running one) and create the database.")
        @OptionGroup var options: DatabaseOptions

        func run() throws {
            let logger = options.makeLogger()
            guard case .embedded = options.target else {
                throw ValidationError("DATABASE_URL is set: kinerja uses that database and runs no cluster of its own")
            }
            _ = try options.target.conninfo(logger: logger)
            print("embedded PostgreSQL is up: \(try options.target.conninfo(logger: logger))")
        }
    }

    struct Down: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Stop the embedded cluster (its data stays).")
        @OptionGroup var options: DatabaseOptions

        func run() throws {
            _ = options.makeLogger()
            guard case .embedded(let directory, _) = options.target else {
                throw ValidationError("DATABASE_URL is set: there is no embedded cluster to stop")
            }
            try EmbeddedPostgres(directory: directory).stop()
            print("embedded PostgreSQL stopped")
        }
    }

    struct URLCommand: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "url", abstract: "Print the connection URL (for psql, scripts and DATABASE_URL).")
        @OptionGroup var options: DatabaseOptions

        func run() throws {
            print(try options.target.conninfo(logger: options.makeLogger()))
        }
    }

    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show the database, the server and which migrations are applied or pending.")
        @OptionGroup var options: DatabaseOptions

        func run() throws {
            let logger = options.makeLogger()
            let db = try options.target.connect(logger: logger)
            defer { db.close() }
            let status = try Migrator().status(on: db)
            print("database: \(options.target.displayName)")
            print("server:   PostgreSQL \(db.parameterStatus("server_version") ?? "?")")
            for applied in status.applied {
                let mark = status.changed.contains { $0.version == applied.version } ? "CHANGED" : "applied"
                print(String(format: "  %03d %-28@ %@ %@", applied.version, applied.name as NSString, mark as NSString, "\(applied.appliedAt)" as NSString))
            }
            for pending in status.pending { print(String(format: "  %03d %-28@ pending", pending.version, pending.name as NSString)) }
            for unknown in status.unknown { print(String(format: "  %03d %-28@ unknown to this build", unknown.version, unknown.name as NSString)) }
            print(status.isCurrent ? "schema is current" : "schema is NOT current: run `kinerja db migrate`")
        }
    }

    struct Migrate: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Apply pending migrations from sql/migrations (embedded in this binary).")
        @OptionGroup var options: DatabaseOptions

        func run() throws {
            let logger = options.makeLogger()
            let db = try options.target.connect(logger: logger)
            defer { db.close() }
            let applied = try Migrator().migrate(on: db, logger: logger)
            if applied.isEmpty {
                print("schema is current (\(try Migrator().migrations.count) migrations)")
            } else {
                for migration in applied { print(String(format: "applied %03d_%@", migration.version, migration.name)) }
            }
        }
    }
}
