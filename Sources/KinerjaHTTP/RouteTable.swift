/// The one table of the HTTP routes and their query parameters. The responder dispatches and
/// validates with it, and a test checks that `openapi.json` describes exactly these routes and
/// parameters (and no others).
public struct RouteSpec: Sendable {
    public enum Endpoint: String, Sendable, CaseIterable {
        case units, trends, distribution, transitions, decliners, effect, curve, loads, employee
        case consistency, raters, gaps
        case healthz, readyz, metrics, openapi
    }

    public let path: String
    public let endpoint: Endpoint
    public let summary: String
    public let parameters: [ParameterSpec]
    /// Per-employee data: needs `Authorization: Bearer <token>` even when aggregates are open.
    public let personal: Bool
    /// Answers from the database (counts in the data version, may be cached, paginated, CSV).
    public let isData: Bool

    public func parameter(_ name: String) -> ParameterSpec? { parameters.first { $0.name == name } }
}

/// One query parameter: its name, type and allowed values.
public struct ParameterSpec: Sendable {
    public enum Kind: Sendable, Equatable {
        case string(pattern: String?)
        case integer(min: Int, max: Int)
        case number(min: Double, max: Double)
        case boolean
        case choice([String])
    }

    public let name: String
    public let kind: Kind
    public let required: Bool
    public let description: String
    /// The default as documented (text), if any.
    public let defaultValue: String?

    public init(_ name: String, _ kind: Kind, required: Bool = false, default defaultValue: String? = nil, _ description: String) {
        self.name = name
        self.kind = kind
        self.required = required
        self.defaultValue = defaultValue
        self.description = description
    }
}

public enum RouteTable {
    // Shared parameters
    static let codePattern = "^[A-Za-z0-9_.-]{1,64}$"
    static let periodPattern = "^(Y|S[12]|Q[1-4]|M(0[1-9]|1[0-2]))$"
    static let instansi = ParameterSpec("instansi", .string(pattern: codePattern), "Only this instansi (e.g. PEMKO-LANGSA).")
    static let unit = ParameterSpec("unit", .string(pattern: codePattern), "Only this unit (with its sub-units unless subunits=false); 404 when no year has it.")
    static let subunits = ParameterSpec("subunits", .boolean, default: "true", "With unit: include the units below it.")
    static let from = ParameterSpec("from", .integer(min: 1970, max: 2100), "First year (not after to, else 400).")
    static let to = ParameterSpec("to", .integer(min: 1970, max: 2100), "Last year (not before from, else 400).")
    static let period = ParameterSpec("period", .string(pattern: periodPattern), default: "Y", "Period: Y (annual), S1-S2, Q1-Q4 or M01-M12.")
    static let year = ParameterSpec("year", .integer(min: 1970, max: 2100), "Year (default: the latest loaded).")
    static let by = ParameterSpec("by", .choice(["unit", "instansi", "position_type", "asn_type", "gender", "age_band", "grade"]), default: "unit", "Group by.")
    static let limit = ParameterSpec("limit", .integer(min: 1, max: 10000), default: "100", "At most this many rows.")
    static let offset = ParameterSpec("offset", .integer(min: 0, max: 100_000_000), default: "0", "Skip this many rows.")
    static let format = ParameterSpec("format", .choice(["json", "csv"]), default: "json", "Response format (or Accept: text/csv).")
    static let page = [limit, offset, format]
    static let roleNames = ["atasan", "rekan", "bawahan", "diri"]
    static let role = ParameterSpec("role", .choice(roleNames), "Only ratings given in this role.")
    static let item = ParameterSpec("item", .string(pattern: "^[A-Za-z0-9_]{1,32}$"), "One item's score (e.g. OVERALL).")
    /// Two different roles: the pattern itself says so, so that the document and the check agree.
    static let rolePairPattern = "^(" + roleNames.map { a in a + ",(" + roleNames.filter { $0 != a }.joined(separator: "|") + ")" }.joined(separator: "|") + ")$"
    static func roles(_ description: String, default value: String? = nil) -> ParameterSpec {
        ParameterSpec("roles", .string(pattern: rolePairPattern), default: value, description)
    }

    public static let routes: [RouteSpec] = [
        RouteSpec(path: "/v1/units", endpoint: .units, summary: "The units of one year and their place in the tree.",
                  parameters: [year, instansi] + page, personal: false, isData: true),
        RouteSpec(path: "/v1/trends", endpoint: .trends, summary: "Per group and year: shares of each step, mean, year-on-year change, 3-year average, rank.",
                  parameters: [by, instansi, unit, subunits, from, to, period] + page, personal: false, isData: true),
        RouteSpec(path: "/v1/distribution", endpoint: .distribution, summary: "The share of each step per group for one year (a view of the trend rows).",
                  parameters: [by, instansi, unit, subunits, year, period] + page, personal: false, isData: true),
        RouteSpec(path: "/v1/transitions", endpoint: .transitions, summary: "The 5x5 matrix of each employee's step in one year against another.",
                  parameters: [
                    ParameterSpec("from_year", .integer(min: 1970, max: 2100), "Year A, before to_year (else 400; default: the year before to_year)."),
                    ParameterSpec("to_year", .integer(min: 1970, max: 2100), "Year B (default: the latest loaded)."),
                    instansi, unit,
                  ] + page, personal: false, isData: true),
        RouteSpec(path: "/v1/decliners", endpoint: .decliners, summary: "Employees whose step fell in each of N consecutive years (per-employee: needs a token).",
                  parameters: [ParameterSpec("years", .integer(min: 1, max: 50), default: "3", "Consecutive years of decline."), instansi, unit, from, to] + page,
                  personal: true, isData: true),
        RouteSpec(path: "/v1/effect", endpoint: .effect, summary: "Step change the year after an intervention, against people who started from the same step without one.",
                  parameters: [ParameterSpec("kind", .choice(["pembinaan", "pelatihan", "promosi", "penghargaan", "mutasi", "hukuman_disiplin"]), default: "pembinaan", "Intervention."),
                               instansi, unit, from, to] + page, personal: false, isData: true),
        RouteSpec(path: "/v1/curve", endpoint: .curve, summary: "Units' predikat spread against the bounds of SE MenPANRB 3/2023, and which are broken.",
                  parameters: [year, period, instansi, ParameterSpec("broken_only", .boolean, default: "false", "Only broken bounds.")] + page,
                  personal: false, isData: true),
        RouteSpec(path: "/v1/loads", endpoint: .loads, summary: "Every load attempt, its files' SHA-256 and outcome, newest first.",
                  parameters: [ParameterSpec("year", .integer(min: 1970, max: 2100), "Only loads of this year.")] + page, personal: false, isData: true),
        RouteSpec(path: "/v1/employee", endpoint: .employee, summary: "One person's history across regimes (per-employee: needs a token).",
                  parameters: [ParameterSpec("nip", .string(pattern: "^[0-9]{18}$"), required: true, "The NIP (18 digits).")] + page,
                  personal: true, isData: true),
        RouteSpec(path: "/v1/consistency", endpoint: .consistency, summary: "Inter-rater agreement of one year and period: ICCs with 95% intervals, Krippendorff's alpha, Fleiss', Cohen's and Gwet's coefficients.",
                  parameters: [year, period, instansi, unit, subunits, item, role, roles("The two roles Cohen's kappa compares on the same ratees.", default: "atasan,diri"),
                               ParameterSpec("by", .choice(["unit"]), "One row per unit (the ratee's).")] + page,
                  personal: false, isData: true),
        RouteSpec(path: "/v1/raters", endpoint: .raters, summary: "Per rater: ratings given, mean, leniency with a 95% interval, lenient/severe and straight-lining flags (per-employee: needs a token).",
                  parameters: [year, period, instansi, unit, subunits, role,
                               ParameterSpec("threshold", .number(min: 0, max: 100), default: "3", "Flag |leniency| above this many points (with an interval excluding 0)."),
                               ParameterSpec("flagged_only", .boolean, default: "false", "Only flagged raters.")] + page,
                  personal: true, isData: true),
        RouteSpec(path: "/v1/gaps", endpoint: .gaps, summary: "Per unit: the perception gap between two rater roles on the same people, with a 95% interval (default: the latest loaded year).",
                  parameters: [from, to, ParameterSpec("period", .string(pattern: periodPattern), "Period (default: every period)."), instansi, unit, subunits, item,
                               roles("Role A minus role B, e.g. atasan,bawahan (default: atasan against each other role).")] + page,
                  personal: false, isData: true),
        RouteSpec(path: "/healthz", endpoint: .healthz, summary: "The process lives.", parameters: [], personal: false, isData: false),
        RouteSpec(path: "/readyz", endpoint: .readyz, summary: "The database answers and its migrations are current (else 503).", parameters: [], personal: false, isData: false),
        RouteSpec(path: "/metrics", endpoint: .metrics, summary: "Prometheus text: requests, latency, pool use, database errors.", parameters: [], personal: false, isData: false),
        RouteSpec(path: "/openapi.json", endpoint: .openapi, summary: "This API's OpenAPI 3.1 document.", parameters: [], personal: false, isData: false),
    ]

    static let byPath: [String: RouteSpec] = Dictionary(uniqueKeysWithValues: routes.map { ($0.path, $0) })

    public static func route(for path: String) -> RouteSpec? {
        var path = path
        if path.count > 1, path.hasSuffix("/") { path.removeLast() }
        return byPath[path]
    }
}
