/// Why a load did not happen. Rejected rows are not errors of the loader: they are a `LoadReport`
/// with outcome `.rejected`.
public enum LoadError: Error, CustomStringConvertible {
    case io(String)
    case invalidOptions(String)

    public var description: String {
        switch self {
        case .io(let message): message
        case .invalidOptions(let message): message
        }
    }
}

/// One reason a row (or a whole file) cannot be loaded.
public struct Rejection: Sendable, Equatable, Codable, CustomStringConvertible {
    public var file: String
    /// The file line the record starts on; 1 is the header; 0 for the file as a whole.
    public var line: Int
    public var field: String?
    public var value: String?
    public var reason: String

    public init(file: String, line: Int, field: String?, value: String?, reason: String) {
        self.file = file
        self.line = line
        self.field = field
        self.value = value
        self.reason = reason
    }

    /// `appraisals.csv:42: score: score 130 is outside 0-120 for PP46_2011`
    public var description: String {
        var text = file
        if line > 0 { text += ":\(line)" }
        if let field { text += ": \(field)" }
        return text + ": " + reason
    }
}
