import CompressNIO
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Kinerja
@testable import KinerjaHTTP
import Postgres
import Testing
import TestSupport

/// Errors, tokens, caching, compression, the pool's limits, the read-only role and the OpenAPI document.
@Suite("HTTP protocol", .serialized)
struct ProtocolTests {
    init() { _ = HTTPFixture.database }

    @Test func healthAndReadiness() async throws {
        try await HTTPFixture.withServer { client, _ async throws in
            let health = try await client.get("/healthz")
            #expect(health.status == .ok)
            let ready = try await client.get("/readyz")
            #expect(ready.status == .ok)
            #expect(ready.text.contains("ready"))
        }
        // an empty database: it answers, but its migrations are not current
        let empty = try TestDatabase(suite: "http_unmigrated", migrated: false)
        try await HTTPFixture.withServer(HTTPFixture.configuration(conninfo: empty.conninfo) { $0.role = nil }) { client, _ async throws in
            let ready = try await client.get("/readyz")
            #expect(ready.status == .serviceUnavailable)
            #expect(ready.errorCode == "migrations_pending")
            #expect(try await client.get("/healthz").status == .ok)
        }
    }

    @Test func unknownParametersAndBadValuesAre400NamingTheParameter() async throws {
        try await HTTPFixture.withServer { client, _ async throws in
            let unknown = try await client.get("/v1/trends?by=unit&colour=red")
            #expect(unknown.status == .badRequest)
            #expect(unknown.errorCode == "unknown_parameter")
            #expect(unknown.errorMessage.contains("colour"))
            let cases: [(String, String)] = [
                ("/v1/trends?by=department", "by"),
                ("/v1/trends?from=20x4", "from"),
                ("/v1/trends?from=2024&to=2022", "from"),
                ("/v1/trends?period=Q5", "period"),
                ("/v1/trends?subunits=maybe", "subunits"),
                ("/v1/trends?unit=SETDA%27%3B%20DROP%20TABLE%20kinerja.unit%3B--", "unit"),
                ("/v1/trends?instansi=x%27%20OR%20%271%27%3D%271", "instansi"),
                ("/v1/trends?limit=0", "limit"),
                ("/v1/trends?limit=10001", "limit"),
                ("/v1/trends?offset=-1", "offset"),
                ("/v1/trends?format=xml", "format"),
                ("/v1/trends?by=unit&by=instansi", "by"),
                ("/v1/effect?kind=hadiah", "kind"),
                ("/v1/transitions?from_year=2024&to_year=2023", "from_year"),
                ("/v1/units?unit=SETDA", "unit"),
            ]
            for (uri, name) in cases {
                let response = try await client.get(uri)
                #expect(response.status == .badRequest, "\(uri)")
                #expect(response.errorMessage.contains("'\(name)'"), "\(uri): \(response.errorMessage)")
                #expect(response.headers[.contentType] == "application/json")
            }
            // the SQL-looking value did nothing
            #expect(try await client.get("/v1/units").object["total"] as? Int == 3)
        }
    }

    @Test func malformedOversizedAndHostileQueriesAre400() async throws {
        try await HTTPFixture.withServer { client, _ async throws in
            let long = String(repeating: "A", count: 10_000)
            let cases: [(uri: String, code: String)] = [
                ("/v1/trends?unit=\(long)", "query_too_long"),
                ("/v1/trends?\(String(repeating: "by=unit&", count: 400))", "query_too_long"),
                ("/v1/trends?unit=%zz", "bad_parameter"),                         // broken percent-encoding
                ("/v1/trends?%zz=1", "bad_query"),
                ("/v1/trends?unit=%FF%FE", "bad_parameter"),                      // not UTF-8
                ("/v1/trends?unit=SETDA%00", "bad_parameter"),                    // NUL byte
                ("/v1/trends?unit=SETDA%0D%0AX-Injected:%201", "bad_parameter"),  // header injection
                ("/v1/trends?unit=%27%20UNION%20SELECT%20nip%20FROM%20kinerja.employee--", "bad_parameter"),
                ("/v1/trends?from=1e3", "bad_parameter"),
                ("/v1/trends?from=99999999999999999999", "bad_parameter"),
                ("/v1/trends?limit=%2D1", "bad_parameter"),
                ("/v1/trends?subunits=", "bad_parameter"),
                ("/v1/units?year=2024;DROP%20TABLE%20kinerja.unit", "bad_parameter"),
            ]
            for (uri, code) in cases {
                let response = try await client.get(uri)
                #expect(response.status == .badRequest, "\(uri.prefix(80))")
                #expect(response.errorCode == code, "\(uri.prefix(80)): \(response.errorCode ?? "none")")
                #expect(response.headers[.contentType] == "application/json")
                #expect(!response.text.contains("X-Injected"), "a hostile value is not echoed back raw")
                #expect(response.text.utf8.count < 1_000, "the error does not echo a huge value")
            }
            // the database is untouched and the server still answers
            #expect(try await client.get("/v1/units").object["total"] as? Int == 3)
        }
    }

    @Test func unknownUnitAndRouteAre404() async throws {
        try await HTTPFixture.withServer { client, _ async throws in
            let unit = try await client.get("/v1/trends?unit=NOPE")
            #expect(unit.status == .notFound)
            #expect(unit.errorCode == "unknown_unit")
            #expect(unit.errorMessage.contains("NOPE"))
            let route = try await client.get("/v1/nothing")
            #expect(route.status == .notFound)
            #expect(route.errorCode == "not_found")
            let post = try await client.execute(uri: "/v1/trends", method: .post)
            #expect(post.status == .methodNotAllowed)
        }
    }

    @Test func perEmployeeRoutesNeedAToken() async throws {
        try await HTTPFixture.withServer { client, _ async throws in
            let missing = try await client.get("/v1/decliners?years=2")
            #expect(missing.status == .unauthorized)
            #expect(missing.headers[.wwwAuthenticate] == "Bearer")
            #expect(missing.errorCode == "unauthorized")
            let wrong = try await client.get("/v1/decliners?years=2", [.authorization: "Bearer not-it"])
            #expect(wrong.status == .forbidden)
            let prefix = try await client.get("/v1/decliners?years=2", [.authorization: "Bearer s3cret-token-for-test"])
            #expect(prefix.status == .forbidden)
            let basic = try await client.get("/v1/decliners?years=2", [.authorization: "Basic czNjcmV0"])
            #expect(basic.status == .unauthorized)
            let right = try await client.get("/v1/decliners?years=2", [.authorization: "Bearer \(HTTPFixture.token)"])
            #expect(right.status == .ok)
            #expect(right.rows.map { $0["nip"] as? String } == [HTTPFixture.nurul])
            #expect(right.headers[.cacheControl]?.hasPrefix("private") == true)
            let other = try await client.get("/v1/decliners?years=1", [.authorization: "bearer another-token"])
            #expect(other.object["total"] as? Int == 3)
            // bad parameters are only told to those with a token
            #expect(try await client.get("/v1/decliners?years=zero").status == .unauthorized)

            let employee = try await client.get("/v1/employee?nip=\(HTTPFixture.siti)", [.authorization: "Bearer \(HTTPFixture.token)"])
            #expect(employee.rows.map { $0["step"] as? Int } == [3, 3, 4])
            #expect(try await client.get("/v1/employee?nip=\(HTTPFixture.siti)").status == .unauthorized)
            let unknown = try await client.get("/v1/employee?nip=199001012015011999", [.authorization: "Bearer \(HTTPFixture.token)"])
            #expect(unknown.status == .notFound)
            // aggregates are open
            #expect(try await client.get("/v1/trends").status == .ok)
        }
        try await HTTPFixture.withServer(HTTPFixture.configuration { $0.requireTokenEverywhere = true }) { client, _ async throws in
            #expect(try await client.get("/v1/trends").status == .unauthorized)
            #expect(try await client.get("/v1/trends", [.authorization: "Bearer nope"]).status == .forbidden)
            #expect(try await client.get("/v1/trends", [.authorization: "Bearer \(HTTPFixture.token)"]).status == .ok)
            #expect(try await client.get("/healthz").status == .ok)
        }
        try await HTTPFixture.withServer(HTTPFixture.configuration { $0.tokens = TokenStore(tokens: []) }) { client, _ async throws in
            #expect(try await client.get("/v1/decliners", [.authorization: "Bearer anything"]).status == .forbidden)
        }
    }

    @Test func tokenStoreReadsFileAndEnvironment() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("tokens-\(UUID().uuidString)")
        try "# dashboards\nalpha\n\n  beta  \n".write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let store = try TokenStore.load(file: file.path, environment: ["KINERJA_API_TOKENS": "gamma, delta"])
        #expect(store.count == 4)
        #expect(store.accepts("alpha") && store.accepts("beta") && store.accepts("gamma") && store.accepts("delta"))
        #expect(!store.accepts("# dashboards") && !store.accepts("") && !store.accepts("alph"))
    }

    @Test func etagAnswers304WithoutTheDatabase() async throws {
        try await HTTPFixture.withServer { client, responder async throws in
            await responder.versions.refresh()
            let first = try await client.get("/v1/trends?by=instansi&from=2023")
            let etag = try #require(first.headers[.eTag])
            #expect(etag.hasPrefix("W/\"v"))
            #expect(first.headers[.cacheControl] == "no-cache")
            // the same question with its parameters in another order has the same ETag
            let reordered = try await client.get("/v1/trends?from=2023&by=instansi")
            #expect(reordered.headers[.eTag] == etag)
            let other = try await client.get("/v1/trends?by=instansi&from=2024")
            #expect(other.headers[.eTag] != etag)
            let csv = try await client.get("/v1/trends?by=instansi&from=2023&format=csv")
            #expect(csv.headers[.eTag] != etag)

            let queries = responder.metrics.dataQueryCount
            let cached = try await client.get("/v1/trends?by=instansi&from=2023", [.ifNoneMatch: etag])
            #expect(cached.status == .notModified)
            #expect(cached.headers[.eTag] == etag)
            #expect(cached.body.readableBytes == 0)
            #expect(responder.metrics.dataQueryCount == queries)
            let stale = try await client.get("/v1/trends?by=instansi&from=2023", [.ifNoneMatch: "W/\"v0-0000000000000000\""])
            #expect(stale.status == .ok)
            #expect(responder.metrics.dataQueryCount == queries + 1)

            // with the pool closed the database cannot be asked: the 304 still comes, a full answer does not
            responder.pool.shutdown()
            let stillCached = try await client.get("/v1/trends?by=instansi&from=2023", [.ifNoneMatch: etag])
            #expect(stillCached.status == .notModified)
            let uncached = try await client.get("/v1/trends?by=instansi&from=2023")
            #expect(uncached.status == .serviceUnavailable)
        }
    }

    @Test func etagChangesWithTheDataVersion() {
        let a = ETagCache.etag(version: 7, path: "/v1/trends", query: "by=unit", format: "json")
        let b = ETagCache.etag(version: 8, path: "/v1/trends", query: "by=unit", format: "json")
        #expect(a != b)
        #expect(ETagCache.matches("\"x\", \(b)", b))
        #expect(ETagCache.matches(String(b.dropFirst(2)), b))
        #expect(!ETagCache.matches(a, b))
    }

    @Test func gzipWhenAccepted() async throws {
        try await HTTPFixture.withServer { client, _ async throws in
            let plain = try await client.get("/v1/trends?by=unit")
            #expect(plain.headers[.contentEncoding] == nil)
            #expect(plain.headers[.vary]?.contains("Accept-Encoding") == true)
            let zipped = try await client.get("/v1/trends?by=unit", [.acceptEncoding: "br;q=1.0, gzip;q=0.8"])
            #expect(zipped.headers[.contentEncoding] == "gzip")
            #expect(zipped.body.readableBytes < plain.body.readableBytes)
            var body = zipped.body
            let unzipped = try body.decompress(with: .gzip())
            #expect(String(buffer: unzipped) == plain.text)
            let refused = try await client.get("/v1/trends?by=unit", [.acceptEncoding: "gzip;q=0"])
            #expect(refused.headers[.contentEncoding] == nil)
        }
    }

    @Test func exhaustedPoolAnswers503() async throws {
        let configuration = HTTPFixture.configuration {
            $0.maxConnections = 1
            $0.acquireTimeout = .milliseconds(200)
        }
        try await HTTPFixture.withServer(configuration) { client, responder async throws in
            let holder = Task { try await responder.pool.withConnection { db in try db.execute("SELECT pg_sleep(1.5)") ; return 0 } }
            try await Task.sleep(for: .milliseconds(300))
            let started = ContinuousClock.now
            let response = try await client.get("/v1/trends?by=unit")
            #expect(response.status == .serviceUnavailable)
            #expect(response.errorCode == "pool_exhausted")
            #expect(response.headers[.retryAfter] == "1")
            #expect(ContinuousClock.now - started < .seconds(1))
            _ = try await holder.value
            #expect(try await client.get("/v1/trends?by=unit").status == .ok)
            let metrics = try await client.get("/metrics")
            #expect(metrics.text.contains("kinerja_db_errors_total{kind=\"poolTimeout\"} 1"))
            // the pool's own count also has the data-version refresher's waits
            #expect(!metrics.text.contains("kinerja_pool_timeouts_total 0\n"))
        }
    }

    @Test func unreachableDatabaseAnswers503() async throws {
        let configuration = HTTPFixture.configuration(conninfo: "host=127.0.0.1 port=1 dbname=kinerja user=nobody connect_timeout=2")
        try await HTTPFixture.withServer(configuration) { client, _ async throws in
            let response = try await client.get("/v1/units")
            #expect(response.status == .serviceUnavailable)
            #expect(response.errorCode == "database_unavailable")
            #expect(try await client.get("/readyz").status == .serviceUnavailable)
            #expect(try await client.get("/healthz").status == .ok)
        }
    }

    @Test func statementTimeoutAnswers503() async throws {
        // the pool's statement timeout cancels a slow query; the HTTP layer maps it to 503
        let error = PostgresError(.server, message: "canceling statement due to statement timeout", sqlState: SQLState("57014"))
        #expect(APIError.database(error).status == .serviceUnavailable)
        let pool = try KinerjaServer.makePool(HTTPFixture.configuration { $0.statementTimeout = .milliseconds(100) }, logger: .init(label: "test"))
        defer { pool.shutdown() }
        await #expect(throws: PostgresError.self) { try await pool.withConnection { db in try db.execute("SELECT pg_sleep(2)"); return 0 } }
    }

    @Test func thePoolReadsAsTheReadOnlyRole() async throws {
        let configuration = HTTPFixture.configuration()
        #expect(try KinerjaServer.conninfo(configuration.conninfo, role: "kinerja_reader").contains("options='-c role=kinerja_reader'"))
        let pool = try KinerjaServer.makePool(configuration, logger: .init(label: "test"))
        defer { pool.shutdown() }
        let role = try await pool.withConnection { db in try db.query("SELECT current_user::text").scalar(String.self) }
        #expect(role == "kinerja_reader")
        do {
            _ = try await pool.withConnection { db in try db.execute("INSERT INTO kinerja.instansi (instansi_code, instansi_name) VALUES ('X', 'Y')"); return 0 }
            Issue.record("a write through the server's pool succeeded")
        } catch let error as PostgresError {
            #expect(error.sqlState?.code == "42501")  // insufficient_privilege
        }
        do {
            _ = try await pool.withConnection { db in try db.execute("DELETE FROM kinerja.load_batch"); return 0 }
            Issue.record("a delete through the server's pool succeeded")
        } catch let error as PostgresError {
            #expect(error.sqlState?.code == "42501")
        }
    }

    @Test func openAPIDocumentsExactlyTheRouterTable() async throws {
        try await HTTPFixture.withServer { client, _ async throws in
            let response = try await client.get("/openapi.json")
            #expect(response.status == .ok)
            let document = response.object
            #expect(document["openapi"] as? String == "3.1.0")
            let paths = try #require(document["paths"] as? [String: [String: Any]])
            #expect(Set(paths.keys) == Set(RouteTable.routes.map(\.path)))
            for route in RouteTable.routes {
                let operation = paths[route.path]?["get"] as? [String: Any]
                #expect(operation != nil, "\(route.path) is not documented")
                #expect(Set(paths[route.path]?.keys.map { $0 } ?? []) == ["get"], "\(route.path): only GET is served")
                let parameters = operation?["parameters"] as? [[String: Any]] ?? []
                let documented = Dictionary(parameters.map { ($0["name"] as? String ?? "", $0) }, uniquingKeysWith: { a, _ in a })
                #expect(Set(documented.keys) == Set(route.parameters.map(\.name)), "\(route.path)")
                for spec in route.parameters {
                    let entry = documented[spec.name]
                    #expect(entry?["in"] as? String == "query", "\(route.path) \(spec.name)")
                    #expect((entry?["required"] as? Bool ?? false) == spec.required, "\(route.path) \(spec.name)")
                    let schema = entry?["schema"] as? [String: Any]
                    switch spec.kind {
                    case .integer(let min, let max):
                        #expect(schema?["type"] as? String == "integer" && schema?["minimum"] as? Int == min && schema?["maximum"] as? Int == max, "\(route.path) \(spec.name)")
                    case .number(let min, let max):
                        #expect(schema?["type"] as? String == "number" && schema?["minimum"] as? Double == min && schema?["maximum"] as? Double == max, "\(route.path) \(spec.name)")
                    case .boolean:
                        #expect(schema?["type"] as? String == "boolean", "\(route.path) \(spec.name)")
                    case .choice(let choices):
                        #expect(schema?["enum"] as? [String] == choices, "\(route.path) \(spec.name)")
                    case .string(let pattern):
                        #expect(schema?["type"] as? String == "string" && schema?["pattern"] as? String == pattern, "\(route.path) \(spec.name)")
                    }
                }
                let security = operation?["security"] as? [[String: Any]]
                if route.personal { #expect(security?.count == 1, "\(route.path) needs a token") }
            }
        }
    }

    @Test func metricsAndCORS() async throws {
        let configuration = HTTPFixture.configuration { $0.corsOrigins = ["https://dash.example"] }
        try await HTTPFixture.withServer(configuration) { client, _ async throws in
            let allowed = try await client.get("/v1/units", [.origin: "https://dash.example"])
            #expect(allowed.headers[.accessControlAllowOrigin] == "https://dash.example")
            #expect(allowed.headers[.accessControlExposeHeaders]?.contains("ETag") == true)
            let other = try await client.get("/v1/units", [.origin: "https://evil.example"])
            #expect(other.headers[.accessControlAllowOrigin] == nil)
            let preflight = try await client.execute(uri: "/v1/decliners", method: .options, headers: [.origin: "https://dash.example", .accessControlRequestMethod: "GET"])
            #expect(preflight.status == .noContent)
            #expect(preflight.headers[.accessControlAllowHeaders]?.contains("Authorization") == true)
            _ = try await client.get("/v1/units?colour=red")
            let metrics = try await client.get("/metrics")
            #expect(metrics.status == .ok)
            #expect(metrics.headers[.contentType]?.hasPrefix("text/plain") == true)
            let text = metrics.text
            #expect(text.contains("kinerja_http_requests_total{route=\"/v1/units\",status=\"200\"} 2"))
            #expect(text.contains("kinerja_http_requests_total{route=\"/v1/units\",status=\"400\"} 1"))
            #expect(text.contains("kinerja_http_request_duration_seconds_bucket{route=\"/v1/units\",status=\"200\",le=\"+Inf\"} 2"))
            #expect(text.contains("kinerja_pool_connections{state=\"open\"}"))
            #expect(text.contains("kinerja_pool_connections{state=\"in_use\"}"))
            #expect(text.contains("kinerja_db_queries_total 2"))
            #expect(allowed.headers[HTTPField.Name("X-Request-Id")!] != nil)
        }
    }
}
