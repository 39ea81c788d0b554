import ArgumentParser
import Kinerja

/// `--instansi`, `--unit`, `--no-subunits`, `--from`, `--to`: what part of the history a question covers.
struct ScopeOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Only this instansi (e.g. PEMKO-LANGSA).", valueName: "code"))
    var instansi: String?

    @Option(help: ArgumentHelp("Only this unit (with its sub-units unless --no-subunits).", valueName: "code"))
    var unit: String?

    @Flag(name: .customLong("no-subunits"), help: "With --unit: leave out the units below it.")
    var noSubunits = false

    @Option(help: ArgumentHelp("First year.", valueName: "year"))
    var from: Int?

    @Option(help: ArgumentHelp("Last year.", valueName: "year"))
    var to: Int?

    @Option(help: ArgumentHelp("Suppress figures of groups smaller than this (default \(Privacy.defaultMinimumGroupSize), or $KINERJA_MIN_GROUP_SIZE).", valueName: "n"))
    var minGroupSize: Int?

    var scope: Scope { Scope(instansi: instansi, unit: unit, includeSubunits: !noSubunits, fromYear: from, toYear: to) }
    var minimumGroupSize: Int { minGroupSize ?? Privacy.minimumGroupSize }

    func validate() throws {
        if let from, let to, from > to { throw ValidationError("--from \(from) is after --to \(to)") }
        if let minGroupSize, minGroupSize < 1 { throw ValidationError("--min-group-size must be at least 1") }
    }
}
