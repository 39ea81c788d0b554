import KinerjaDomain

/// Two rater roles compared on the same ratees: A (e.g. atasan) and B (e.g. diri); gaps are A − B.
/// Roles are the file codes (`atasan`, `rekan`, `bawahan`, `diri`), kept as text so callers such as
/// the HTTP endpoint pass them straight through; `ConsistencyAnalytics` checks them.
public struct RolePair: Sendable, Equatable {
    public var a: String
    public var b: String

    public init(_ a: String, _ b: String) {
        self.a = a
        self.b = b
    }

    /// Parses `atasan,diri`; nil unless two different known roles.
    public init?(parsing text: String) {
        let parts = text.split(separator: ",").map { RaterRole(code: String($0)) }
        guard parts.count == 2, let a = parts[0], let b = parts[1], a != b else { return nil }
        self.init(a.code, b.code)
    }

    /// "atasan-diri", as in notes and column values.
    public var label: String { "\(a)-\(b)" }
}
