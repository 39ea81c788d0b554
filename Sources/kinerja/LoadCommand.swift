import ArgumentParser
import Foundation
import Kinerja

struct LoadCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "load",
        abstract: "Load (or reload) one year from a folder of CSV files, all or nothing.",
        discussion: """
            The folder holds units.csv, employees.csv and appraisals.csv, and optionally ratings.csv,
            interventions.csv and unit_predikat.csv (see docs/data-format.md). Every rejected row is
            reported with its file, line, column and reason; then nothing is written and the exit code is 2.
            A reload replaces the year atomically: readers see the old year until the new one is complete.
            """
    )

    @OptionGroup var options: DatabaseOptions

    @Option(help: "The year the folder holds.")
    var year: Int

    @Flag(help: "Validate only; write nothing.")
    var dryRun = false

    @Option(help: ArgumentHelp("Where to write the full rejection report (CSV).", valueName: "path"))
    var report: String?

    @Argument(help: ArgumentHelp("The year's folder.", valueName: "dir"))
    var directory: String

    func run() throws {
        let logger = options.makeLogger("kinerja.load")
        let progress = ProgressLine(enabled: isatty(STDERR_FILENO) == 1)
        let loader = Loader(conninfo: try options.target.sessionConninfo(logger: logger), logger: logger) { progress.update($0) }
        var loadOptions = Loader.Options(year: year, directory: URL(fileURLWithPath: directory), dryRun: dryRun, reportPath: report)
        loadOptions.firstRejectionsShown = 20
        let result = try loader.load(loadOptions)
        progress.finish()
        let rate = result.seconds > 0 ? Int(Double(result.totalRows) / result.seconds) : 0
        switch result.outcome {
        case .succeeded:
            print("loaded \(year) from \(directory): \(result.totalRows) rows in \(result.files.count) files, \(String(format: "%.1f", result.seconds)) s (\(rate) rows/s), batch \(result.batchID)")
        case .validated:
            print("\(directory) is valid for \(year): \(result.totalRows) rows in \(result.files.count) files (dry run: nothing written)")
        case .rejected:
            var stderr = StandardError()
            print("rejected: \(result.rejectedCount) problem\(result.rejectedCount == 1 ? "" : "s") in \(directory); nothing was written", to: &stderr)
            for rejection in result.firstRejections { print("  \(rejection)", to: &stderr) }
            if result.rejectedCount > result.firstRejections.count { print("  … and \(result.rejectedCount - result.firstRejections.count) more", to: &stderr) }
            if let path = result.reportPath { print("full report: \(path)", to: &stderr) }
            throw ExitCode(2)
        }
    }
}

struct StandardError: TextOutputStream {
    mutating func write(_ string: String) { FileHandle.standardError.write(Data(string.utf8)) }
}

/// One self-overwriting line on a terminal; plain log lines (one per file) otherwise.
final class ProgressLine: @unchecked Sendable {
    // @unchecked Sendable: called from the loading thread only.
    private let enabled: Bool
    private var lastFinished = ""   // a file restaged to explain a failed publish streams again: one line
    private var drew = false

    init(enabled: Bool) { self.enabled = enabled }

    func update(_ p: LoadProgress) {
        var stderr = StandardError()
        let mb = Double(p.bytesDone) / 1_048_576
        let rate = p.elapsed > 0 ? Double(p.rowsDone) / p.elapsed : 0
        let mbRate = p.elapsed > 0 ? mb / p.elapsed : 0
        if enabled {
            let fraction = p.bytesTotal > 0 ? min(1, Double(p.bytesDone) / Double(p.bytesTotal)) : 1
            let width = 24
            let filled = Int(fraction * Double(width))
            let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
            print(String(format: "\r%@ %-18@ %5.1f MB  %8.0f rows/s  %5.1f MB/s ", bar, p.file as NSString, mb, rate, mbRate), terminator: "", to: &stderr)
            drew = true
        } else if p.finished && p.file != lastFinished {
            lastFinished = p.file
            print(String(format: "copied %@: %d rows, %.1f MB, %.0f rows/s", p.file, p.rowsDone, mb, rate), to: &stderr)
        }
    }

    func finish() {
        guard enabled, drew else { return }
        var stderr = StandardError()
        print("", to: &stderr)
    }
}
