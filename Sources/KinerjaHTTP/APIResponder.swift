import CompressNIO
import Foundation
import HTTPTypes
import Hummingbird
import Kinerja
import Logging
import Postgres

/// Answers every request: finds the route in `RouteTable`, checks the token and the query
/// parameters, answers 304 from the in-memory data version when it can, otherwise asks the
/// database through the pool (off the event loops), and renders JSON or CSV, paginated and gzipped.
/// Also writes the access log line and the metrics of each request.
public struct APIResponder: HTTPResponder {
    public typealias Context = BasicRequestContext

    public let configuration: KinerjaServer.Configuration
    public let pool: PostgresPool
    public let versions: ETagCache
    public let metrics: MetricsExporter
    let logger: Logger
    let migrator: Migrator?

    public init(configuration: KinerjaServer.Configuration, pool: PostgresPool, versions: ETagCache, metrics: MetricsExporter, logger: Logger) {
        self.configuration = configuration
        self.pool = pool
        self.versions = versions
        self.metrics = metrics
        self.logger = logger
        self.migrator = try? Migrator()
    }

    public func respond(to request: Request, context: Context) async throws -> Response {
        let started = ContinuousClock.now
        let requestID = request.headers[.requestID].flatMap { $0.count <= 64 && $0.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" } ? $0 : nil }
            ?? UUID().uuidString.lowercased()
        let route = RouteTable.route(for: request.uri.path)
        var response: Response
        do {
            response = try await answer(request, route: route)
        } catch let error as APIError {
            response = Self.errorResponse(error)
        } catch let error as PostgresError {
            metrics.databaseError(kind: error.kind == .server ? "server_\(error.sqlState?.code ?? "unknown")" : error.kind.rawValue)
            let answer = APIError.database(error)
            if answer.status == .internalServerError {
                logger.error("database error", metadata: ["request_id": "\(requestID)", "error": "\(error)"])
            }
            response = Self.errorResponse(answer)
        } catch {
            logger.error("request failed", metadata: ["request_id": "\(requestID)", "error": "\(type(of: error))"])
            response = Self.errorResponse(APIError(.internalServerError, "internal", "the request failed"))
        }
        response.headers[.requestID] = requestID
        addCORS(request, &response)
        let seconds = Self.seconds(ContinuousClock.now - started)
        let routeLabel = route?.path ?? "unmatched"
        metrics.observe(route: routeLabel, status: response.status.code, seconds: seconds)
        // No query string in the log: it can hold a NIP.
        logger.info("request", metadata: [
            "request_id": "\(requestID)", "method": "\(request.method.rawValue)", "route": "\(routeLabel)",
            "status": "\(response.status.code)", "duration_ms": "\(String(format: "%.2f", seconds * 1000))",
        ])
        return response
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    // MARK: - Dispatch

    func answer(_ request: Request, route: RouteSpec?) async throws -> Response {
        guard let route else { throw APIError.notFound }
        if request.method == .options { return Response(status: .noContent, headers: [.allow: "GET, OPTIONS"]) }
        guard request.method == .get else {
            var error = APIError(.methodNotAllowed, "method_not_allowed", "only GET is supported")
            error.headers = [(.allow, "GET, OPTIONS")]
            throw error
        }
        if route.personal || (configuration.requireTokenEverywhere && route.isData) { try authorize(request) }
        // probes and cache-busters add query strings to the service routes: only data routes check theirs
        let query = try route.isData || route.personal ? QueryParameters(request.uri.query, route: route) : QueryParameters()
        switch route.endpoint {
        case .healthz:
            return Self.json(.ok, "{\"status\":\"ok\"}\n")
        case .readyz:
            return await ready()
        case .metrics:
            let text = metrics.render(pool: pool.statistics, dataVersion: versions.current)
            return Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: text)))
        case .openapi:
            guard let document = OpenAPIDocument.data else { throw APIError(.notFound, "not_found", "openapi.json is not installed beside the binary") }
            return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: document)))
        default:
            return try await data(request, route: route, query: query)
        }
    }

    func authorize(_ request: Request) throws(APIError) {
        guard let token = TokenStore.bearer(request.headers[.authorization]) else { throw APIError.unauthorized }
        guard configuration.tokens.accepts(token) else { throw APIError.forbidden }
    }

    func ready() async -> Response {
        guard let migrator else { return Self.errorResponse(APIError(.serviceUnavailable, "not_ready", "the embedded migrations cannot be read")) }
        do {
            let current = try await pool.withConnection(idempotent: true) { db in try migrator.status(on: db).isCurrent }
            if current { return Self.json(.ok, "{\"status\":\"ready\"}\n") }
            return Self.errorResponse(APIError(.serviceUnavailable, "migrations_pending", "the database schema is not current: run kinerja db migrate"))
        } catch let error as PostgresError {
            metrics.databaseError(kind: error.kind.rawValue)
            return Self.errorResponse(APIError.database(error).status == .internalServerError
                ? APIError(.serviceUnavailable, "not_ready", "the database answered with an error") : APIError.database(error))
        } catch {
            return Self.errorResponse(APIError(.serviceUnavailable, "not_ready", "the database cannot be checked"))
        }
    }

    // MARK: - Data routes

    enum Format: String { case json, csv }

    func data(_ request: Request, route: RouteSpec, query: QueryParameters) async throws -> Response {
        try Endpoints.validate(route, query)
        let format: Format = query.string("format").flatMap(Format.init) ?? (Self.acceptsCSV(request.headers[.accept]) ? .csv : .json)
        let limit = query.int("limit") ?? 100
        let offset = query.int("offset") ?? 0

        // Conditional request: answered from memory, without the database.
        var headers: HTTPFields = [.vary: "Accept, Accept-Encoding, Authorization"]
        headers[.cacheControl] = (route.personal || configuration.requireTokenEverywhere ? "private, " : "")
            + (configuration.cacheMaxAge > 0 ? "max-age=\(configuration.cacheMaxAge)" : "no-cache")
        if let version = versions.current {
            let etag = ETagCache.etag(version: version, path: route.path, query: query.canonical, format: format.rawValue)
            headers[.eTag] = etag
            if ETagCache.matches(request.headers[.ifNoneMatch], etag) {
                return Response(status: .notModified, headers: headers)
            }
        }

        metrics.dataQuery()
        let question = Endpoints.query(route, query, minimumGroupSize: configuration.minimumGroupSize)
        var table = try await pool.withConnection(idempotent: true, question)

        let total = table.rows.count
        let end = min(total, offset + limit)
        table.rows = offset < total ? Array(table.rows[offset..<end]) : []

        var body: [UInt8]
        switch format {
        case .json:
            headers[.contentType] = "application/json"
            body = Array(try ResultRenderer.json(table, extra: [("total", .int(total)), ("limit", .int(limit)), ("offset", .int(offset))], pretty: false))
        case .csv:
            headers[.contentType] = "text/csv; charset=utf-8"
            headers[HTTPField.Name("X-Total-Count")!] = String(total)
            body = Array(ResultRenderer.csv(table).utf8)
        }
        var buffer = ByteBuffer(bytes: body)
        if body.count >= configuration.gzipMinimumBytes, Self.acceptsGzip(request.headers[.acceptEncoding]) {
            buffer = try buffer.compress(with: .gzip())
            headers[.contentEncoding] = "gzip"
        }
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: buffer))
    }

    static func acceptsCSV(_ accept: String?) -> Bool {
        guard let accept else { return false }
        return accept.split(separator: ",").contains { $0.split(separator: ";")[0].trimmingCharacters(in: .whitespaces).lowercased() == "text/csv" }
    }

    /// `gzip` listed in Accept-Encoding, and not with q=0.
    static func acceptsGzip(_ header: String?) -> Bool {
        guard let header else { return false }
        for part in header.split(separator: ",") {
            let pieces = part.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            guard pieces.first == "gzip" || pieces.first == "x-gzip" else { continue }
            if pieces.dropFirst().contains(where: { $0.replacingOccurrences(of: " ", with: "").hasPrefix("q=0") && Double($0.dropFirst(2)) == 0 }) { return false }
            return true
        }
        return false
    }

    // MARK: - Responses

    static func json(_ status: HTTPResponse.Status, _ text: String) -> Response {
        Response(status: status, headers: [.contentType: "application/json", .cacheControl: "no-store"], body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    static func errorResponse(_ error: APIError) -> Response {
        var headers: HTTPFields = [.contentType: "application/json", .cacheControl: "no-store"]
        for (name, value) in error.headers { headers[name] = value }
        return Response(status: error.status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: error.body)))
    }

    func addCORS(_ request: Request, _ response: inout Response) {
        guard !configuration.corsOrigins.isEmpty, let origin = request.headers[.origin] else { return }
        let any = configuration.corsOrigins.contains("*")
        guard any || configuration.corsOrigins.contains(origin) else { return }
        response.headers[.accessControlAllowOrigin] = any ? "*" : origin
        if !any { response.headers[values: .vary].isEmpty ? (response.headers[.vary] = "Origin") : response.headers.append(HTTPField(name: .vary, value: "Origin")) }
        response.headers[.accessControlExposeHeaders] = "ETag, X-Request-Id, X-Total-Count"
        if request.method == .options {
            response.headers[.accessControlAllowMethods] = "GET, OPTIONS"
            response.headers[.accessControlAllowHeaders] = "Authorization, If-None-Match, Accept"
            response.headers[.accessControlMaxAge] = "600"
        }
    }
}

extension HTTPField.Name {
    static let requestID = HTTPField.Name("X-Request-Id")!
}
