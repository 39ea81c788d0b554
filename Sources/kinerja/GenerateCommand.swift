import ArgumentParser
import Foundation
import KinerjaGenerator

extension Profile: ExpressibleByArgument {}

struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write realistic synthetic yearly load folders (DIR/2016, DIR/2017, …) and a manifest of the planted answers.",
        discussion: """
            Deterministic for a seed. Profiles: city (shaped like Kota Langsa, ~4,000 ASN), province (~250,000),
            national (~4.7 million). DIR/manifest.json records the stories planted in the data (regime changes,
            an improving unit, lenient and severe raters, perception gaps, coaching effect, decliners, curve breakers).
            """)

    @Option(help: "city, province or national.")
    var profile: Profile = .city

    @Option(help: ArgumentHelp("Years, e.g. 2016-2025 or 2024.", valueName: "from-to"))
    var years = "2016-2025"

    @Option(help: "Random seed: the same seed gives the same files.")
    var seed: UInt64 = 42

    @Option(help: ArgumentHelp("Output folder.", valueName: "dir"))
    var out: String

    var yearRange: ClosedRange<Int>? {
        let parts = years.split(separator: "-").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        if parts.count == 1 { return parts[0]...parts[0] }
        if parts.count == 2, parts[0] <= parts[1] { return parts[0]...parts[1] }
        return nil
    }

    func validate() throws {
        guard let range = yearRange else { throw ValidationError("--years must be YEAR or FROM-TO, e.g. 2016-2025") }
        guard range.lowerBound >= 1990, range.upperBound <= 2100 else { throw ValidationError("--years \(years) is outside 1990-2100") }
    }

    func run() throws {
        let started = Date()
        let generator = Generator(options: GeneratorOptions(profile: profile, years: yearRange!, seed: seed, outputDirectory: URL(fileURLWithPath: out)))
        let manifest = try generator.run { message in FileHandle.standardError.write(Data((message + "\n").utf8)) }
        let rows = manifest.years.map { $0.rowCounts.appraisals }.reduce(0, +)
        print("wrote \(manifest.years.count) years of the \(profile.rawValue) profile to \(out) (\(rows) appraisals) in \(String(format: "%.1f", Date().timeIntervalSince(started))) s; answers in \(out)/manifest.json")
    }
}
