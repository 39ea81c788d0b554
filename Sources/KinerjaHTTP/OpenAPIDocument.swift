import Foundation

/// `openapi.json` (kept in the repository next to this file, copied as this module's resource),
/// served as is.
///
/// Looked up without `Bundle.module`, whose accessor stops the process when the resource bundle is
/// missing (a binary copied alone, as the Dockerfile does): the bundle beside the executable, then the
/// source tree this was built from; failing both, `/openapi.json` answers 404.
public enum OpenAPIDocument {
    static let bundleName = "kinerja_KinerjaHTTP.resources"

    public static let data: [UInt8]? = {
        var candidates: [URL] = []
        let executable = URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath().deletingLastPathComponent()
        for base in [Bundle.main.bundleURL, executable, Bundle.main.bundleURL.deletingLastPathComponent()] {
            candidates.append(base.appendingPathComponent(bundleName).appendingPathComponent("openapi.json"))
        }
        candidates.append(URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("openapi.json"))
        for url in candidates {
            if let data = try? Data(contentsOf: url) { return Array(data) }
        }
        return nil
    }()
}
