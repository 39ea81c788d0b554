import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Kinerja
@testable import KinerjaHTTP
import Logging
import Postgres
import TestSupport

/// One database for the whole HTTP test process, loaded with the hand-made three-year history of
/// TrendTests (five people; every figure is worked out there):
///   steps per year (teuku, nurul, rahmat, siti, rizki): 2022 [4,5,4,3,2], 2023 [4,4,4,3,3], 2024 [4,3,3,4,2]
///   units: SETDA {teuku}, DINKES {nurul, rahmat} under SETDA, PUSK {siti, rizki} under DINKES
enum HTTPFixture {
    static let teuku = "198609262015051001", nurul = "199203152019032008", rahmat = "198001012005011002"
    static let siti = "199512312020122001", rizki = "202101012023211001"
    static let steps: [Int: [Int]] = [2022: [4, 5, 4, 3, 2], 2023: [4, 4, 4, 3, 3], 2024: [4, 3, 3, 4, 2]]
    static let ratings: [Int: String] = [5: "DIATAS,DIATAS", 4: "SESUAI,SESUAI", 3: "DIBAWAH,SESUAI", 2: "SESUAI,DIBAWAH"]
    static let token = "s3cret-token-for-tests"

    static let database: TestDatabase = {
        do {
            let database = try TestDatabase(suite: "http")
            for (year, yearSteps) in steps.sorted(by: { $0.key < $1.key }) {
                var folder = try LoadFolder(year: year)
                defer { folder.remove() }
                let people = [teuku, nurul, rahmat, siti, rizki]
                folder.files["appraisals.csv"] = "nip,period,rater_nip,regime,score,hasil_kerja,perilaku_kerja,predikat\n"
                    + zip(people, yearSteps).map { nip, step in "\(nip),Y,,PERMENPANRB_6_2022,,\(ratings[step]!)," }.joined(separator: "\n")
                folder.files["interventions.csv"] = year == 2023 ? "nip,date,kind,note\n\(siti),2023-05-02,pembinaan," : "nip,date,kind,note\n"
                folder.files["unit_predikat.csv"] = year == 2024 ? "unit_code,period,predikat\nSETDA,Y,SANGAT_KURANG\nDINKES,Y,BAIK" : "unit_code,period,predikat\n"
                let report = try Loader(conninfo: database.conninfo, logger: Logger(label: "test")).load(.init(year: year, directory: try folder.write(), reportPath: "/dev/null"))
                precondition(report.outcome == .succeeded, "\(report.firstRejections)")
            }
            return database
        } catch {
            fatalError("could not prepare the HTTP test database: \(error)")
        }
    }()

    static func configuration(conninfo: String? = nil, _ configure: (inout KinerjaServer.Configuration) -> Void = { _ in }) -> KinerjaServer.Configuration {
        var configuration = KinerjaServer.Configuration(conninfo: conninfo ?? database.conninfo)
        configuration.host = "127.0.0.1"
        configuration.port = 0
        configuration.minimumGroupSize = 1
        configuration.tokens = TokenStore(tokens: [token, "another-token"])
        configuration.acquireTimeout = .milliseconds(500)
        configuration.statementTimeout = .seconds(5)
        configure(&configuration)
        return configuration
    }

    /// Runs a real server on a free loopback port and hands the test a client and the responder.
    static func withServer<T: Sendable>(
        _ configuration: KinerjaServer.Configuration = configuration(),
        _ body: @escaping @Sendable (any TestClientProtocol, APIResponder) async throws -> T
    ) async throws -> T {
        let logger = Logger(label: "kinerja.http.test")
        let pool = try KinerjaServer.makePool(configuration, logger: logger)
        defer { pool.shutdown() }
        let versions = ETagCache(pool: pool, refreshInterval: .milliseconds(200), logger: logger)
        let responder = APIResponder(configuration: configuration, pool: pool, versions: versions, metrics: MetricsExporter(), logger: logger)
        let app = KinerjaServer.makeApplication(configuration, responder: responder, logger: logger)
        return try await app.test(.live) { client in try await body(client, responder) }
    }
}

extension TestClientProtocol {
    func get(_ uri: String, _ headers: HTTPFields = [:]) async throws -> TestResponse {
        try await execute(uri: uri, method: .get, headers: headers)
    }
}

extension TestResponse {
    var text: String { String(buffer: body) }

    /// The body as a JSON object.
    var object: [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(body.readableBytesView))) as? [String: Any] ?? [:]
    }

    var rows: [[String: Any]] { object["rows"] as? [[String: Any]] ?? [] }

    var errorCode: String? { (object["error"] as? [String: Any])?["code"] as? String }
    var errorMessage: String { (object["error"] as? [String: Any])?["message"] as? String ?? "" }
}
