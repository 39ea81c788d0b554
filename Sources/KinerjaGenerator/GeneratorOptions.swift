import Foundation

/// The size and shape of the synthetic data.
public enum Profile: String, Sendable, CaseIterable, Codable {
    /// Kota Langsa: one instansi `PEMKO-LANGSA`, 36 units, about 4,000 ASN.
    case city
    /// Aceh: the province and its 23 kabupaten/kota (24 instansi), about 270,000 ASN,
    /// at least 10 million rating rows a year from 2024.
    case province
    /// Indonesia: about 4.7 million ASN in 2024 (3.57 M PNS + 1.17 M PPPK) in about 500 instansi.
    case national

    /// ASN in 2024 (PNS + PPPK); other years scale with the national trend.
    var asn2024: Int {
        switch self {
        case .city: 4_000
        case .province: 270_000
        case .national: 4_734_041
        }
    }

    /// Planted counts: (decliners, lenient raters = severe raters, perception-gap units, curve breakers per year).
    var plantCounts: (decliners: Int, offsetRaters: Int, gapUnits: Int, breakers: Int) {
        switch self {
        case .city: (15, 3, 2, 2)
        case .province: (60, 12, 10, 6)
        case .national: (300, 40, 40, 24)
        }
    }
}

/// What to generate and where.
public struct GeneratorOptions: Sendable {
    public var profile: Profile
    /// Calendar years, e.g. `2016...2025`; each gets a folder `outputDirectory/<year>/`.
    public var years: ClosedRange<Int>
    /// Same seed, same bytes.
    public var seed: UInt64
    public var outputDirectory: URL

    public init(profile: Profile, years: ClosedRange<Int>, seed: UInt64, outputDirectory: URL) {
        self.profile = profile
        self.years = years
        self.seed = seed
        self.outputDirectory = outputDirectory
    }
}
