import Foundation
import Kinerja

/// The API tokens that open per-employee routes (and, with `requireTokenEverywhere`, all of them).
/// Tokens come from a file (one per line; blank lines and `#` comments ignored) or from
/// `KINERJA_API_TOKENS` (comma-separated). Only their SHA-256 digests are kept, and a presented token
/// is compared with every one of them in constant time.
public struct TokenStore: Sendable {
    private let digests: [[UInt8]]

    public init(tokens: [String]) {
        digests = tokens.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.map(Self.digest)
    }

    public var isEmpty: Bool { digests.isEmpty }
    public var count: Int { digests.count }

    /// Tokens from `--tokens-file` and `KINERJA_API_TOKENS`.
    public static func load(file: String?, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> TokenStore {
        var tokens: [String] = []
        if let file {
            let text = try String(contentsOfFile: file, encoding: .utf8)
            tokens += text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty && !$0.hasPrefix("#") }
        }
        if let list = environment["KINERJA_API_TOKENS"] {
            tokens += list.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        }
        return TokenStore(tokens: tokens)
    }

    /// True when `token` is one of the tokens. Takes the same time whichever token matches (or none).
    public func accepts(_ token: String) -> Bool {
        let presented = Self.digest(token)
        var matched: UInt8 = 0
        for digest in digests {
            var difference: UInt8 = 0
            for i in 0..<32 { difference |= digest[i] ^ presented[i] }
            matched |= difference == 0 ? 1 : 0
        }
        return matched == 1
    }

    static func digest(_ token: String) -> [UInt8] {
        var hash = SHA256()
        hash.update(Array(token.utf8))
        return hash.finalize()
    }

    /// The token of an `Authorization: Bearer <token>` header, if that is what it is.
    static func bearer(_ header: String?) -> String? {
        guard let header else { return nil }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        let token = parts[1].trimmingCharacters(in: .whitespaces)
        return token.isEmpty ? nil : token
    }
}
