/// An item of multi-rater behaviour input: a BerAKHLAK core value (from 2022), a PP 46/2011 aspect
/// (before), or an overall judgement.
public enum Item: String, CaseIterable, Sendable, Hashable, Codable {
    // BerAKHLAK core values (V)
    case berorientasiPelayanan = "BERORIENTASI_PELAYANAN"
    case akuntabel = "AKUNTABEL"
    case kompeten = "KOMPETEN"
    case harmonis = "HARMONIS"
    case loyal = "LOYAL"
    case adaptif = "ADAPTIF"
    case kolaboratif = "KOLABORATIF"
    // PP 46/2011 behaviour aspects (S)
    case orientasiPelayanan = "ORIENTASI_PELAYANAN"
    case integritas = "INTEGRITAS"
    case komitmen = "KOMITMEN"
    case disiplin = "DISIPLIN"
    case kerjaSama = "KERJA_SAMA"
    case kepemimpinan = "KEPEMIMPINAN"
    /// An overall behaviour judgement.
    case overall = "OVERALL"

    /// Which set an item belongs to.
    public enum Family: String, Sendable, Hashable, Codable {
        case berakhlak = "BERAKHLAK"
        case pp46Aspect = "PP46_2011"
        case overall = "OVERALL"
    }

    /// The code used in files, e.g. `KERJA_SAMA`.
    public var code: String { rawValue }

    /// The Indonesian name, e.g. `Berorientasi Pelayanan`.
    public var displayName: String {
        rawValue.split(separator: "_").map { $0.prefix(1) + $0.dropFirst().lowercased() }.joined(separator: " ")
    }

    /// The set this item belongs to.
    public var family: Family {
        switch self {
        case .berorientasiPelayanan, .akuntabel, .kompeten, .harmonis, .loyal, .adaptif, .kolaboratif: .berakhlak
        case .orientasiPelayanan, .integritas, .komitmen, .disiplin, .kerjaSama, .kepemimpinan: .pp46Aspect
        case .overall: .overall
        }
    }

    /// The seven BerAKHLAK core values.
    public static let berakhlak: [Item] = allCases.filter { $0.family == .berakhlak }
    /// The six PP 46/2011 behaviour aspects.
    public static let pp46Aspects: [Item] = allCases.filter { $0.family == .pp46Aspect }

    /// The behaviour items in use in `year`: BerAKHLAK from 2022, the PP 46/2011 aspects before.
    public static func behaviourItems(forYear year: Int) -> [Item] {
        year >= 2022 ? berakhlak : pp46Aspects
    }

    /// Parses case-insensitively, separators alike (`Kerja Sama` == `KERJA_SAMA`).
    public init?(code text: String) {
        let key = LabelText.key(text)
        guard let found = Item.allCases.first(where: { LabelText.key($0.rawValue) == key }) else { return nil }
        self = found
    }
}
