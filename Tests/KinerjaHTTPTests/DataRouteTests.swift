import Foundation
import HTTPTypes
import HummingbirdTesting
@testable import KinerjaHTTP
import Testing

/// The data routes against the hand-made history of HTTPFixture: bodies, filters, pagination, CSV.
@Suite("HTTP data routes", .serialized)
struct DataRouteTests {
    @Test func unitsOfTheLatestYearAndOfAGivenOne() async throws {
        _ = HTTPFixture.database
        try await HTTPFixture.withServer { client, _ async throws in
            let latest = try await client.get("/v1/units")
            #expect(latest.status == .ok)
            #expect(latest.headers[.contentType] == "application/json")
            #expect(latest.object["total"] as? Int == 3)
            #expect(latest.rows.map { $0["unit_code"] as? String } == ["DINKES", "PUSK", "SETDA"])
            #expect(latest.rows.first?["parent_unit_code"] as? String == "SETDA")
            #expect(latest.rows.first?["instansi_code"] as? String == "PEMKO-LANGSA")
            #expect(latest.rows.first?["unit_name"] as? String == "Dinas Kesehatan")
            #expect(latest.rows.allSatisfy { $0["year"] as? Int == 2024 })
            // field order is the CLI's
            #expect(latest.text.range(of: #"\{"unit_code":"DINKES","unit_name":"Dinas Kesehatan","parent_unit_code":"SETDA","instansi_code":"PEMKO-LANGSA""#, options: .regularExpression) != nil)
            let old = try await client.get("/v1/units?year=2022")
            #expect(old.rows.allSatisfy { $0["year"] as? Int == 2022 })
            let none = try await client.get("/v1/units?year=1999")
            #expect(none.status == .ok)
            #expect(none.object["total"] as? Int == 0)
        }
    }

    @Test func trendsAreSeriesPointsWithTheCLIFields() async throws {
        try await HTTPFixture.withServer { client, _ async throws in
            let response = try await client.get("/v1/trends?by=instansi")
            #expect(response.status == .ok)
            let rows = response.rows
            #expect(rows.map { $0["year"] as? Int } == [2022, 2023, 2024])
            #expect(rows.map { $0["period"] as? String } == ["Y", "Y", "Y"])
            #expect(rows.map { $0["time"] as? String } == ["2022-01-01", "2023-01-01", "2024-01-01"])
            #expect(rows.map { $0["mean_step"] as? Double } == [3.6, 3.6, 3.2])
            #expect(rows.map { $0["moving_avg_3y"] as? Double } == [3.6, 3.6, 3.4667])
            #expect(rows.first?["share_step5"] as? Double == 0.2)
            #expect(response.text.hasPrefix(#"{"total":3,"limit":100,"offset":0,"rows":[{"instansi_code":"PEMKO-LANGSA","instansi_name":"Pemerintah Kota Langsa","year":2022"#))
            // a unit with and without its sub-units: DINKES + PUSK in 2024 = 4 people, DINKES alone 2
            let subtree = try await client.get("/v1/trends?by=instansi&unit=DINKES&from=2024")
            #expect(subtree.rows.map { $0["n"] as? Int } == [4])
            #expect(subtree.rows.map { $0["mean_step"] as? Double } == [3])
            let alone = try await client.get("/v1/trends?by=instansi&unit=DINKES&subunits=false&from=2024")
            #expect(alone.rows.map { $0["n"] as? Int } == [2])
        }
    }

    @Test func distributionIsOneYearOfTheTrendRows() async throws {
        try await HTTPFixture.withServer { client, _ async throws in
            // 2024 steps 4, 3, 3, 4, 2
            let response = try await client.get("/v1/distribution?by=instansi")
            #expect(response.status == .ok)
            let row = try #require(response.rows.first)
            #expect(response.rows.count == 1)
            #expect(row["year"] as? Int == 2024)
            #expect(row["time"] as? String == "2024-01-01")
            #expect(row["share_step4"] as? Double == 0.4)
            #expect(row["share_step3"] as? Double == 0.4)
            #expect(row["share_step2"] as? Double == 0.2)
            #expect(row["share_step5"] as? Double == 0)
            #expect(row["yoy_delta"] == nil)  // a view of the spread only
            let y2022 = try await client.get("/v1/distribution?by=instansi&year=2022")
            #expect(y2022.rows.first?["share_step5"] as? Double == 0.2)
        }
    }

    @Test func transitionsEffectCurveAndLoads() async throws {
        try await HTTPFixture.withServer { client, _ async throws in
            // 2023 -> 2024 (the default: the latest year and the one before)
            let transitions = try await client.get("/v1/transitions")
            #expect(transitions.status == .ok)
            try #require(transitions.rows.map { $0["from_step"] as? Int } == [1, 2, 3, 4, 5])
            #expect(transitions.rows[3]["n"] as? Int == 3)
            #expect(transitions.rows[3]["to_step3"] as? Int == 2)
            let explicit = try await client.get("/v1/transitions?from_year=2023&to_year=2024")
            #expect(explicit.text == transitions.text)

            let effect = try await client.get("/v1/effect?kind=pembinaan&from=2023")
            let all = effect.rows.first { $0["stratum"] as? String == "all" }
            #expect(all?["difference"] as? Double == 2)
            #expect(all?["n_treated"] as? Int == 1)

            let curve = try await client.get("/v1/curve?year=2024&broken_only=true")
            #expect(curve.rows.map { "\($0["unit_code"] as? String ?? ""):\($0["bound_code"] as? String ?? "")" } == ["SETDA:K_OR_BP_MIN_10", "SETDA:SK_MIN_60"])
            let wholeCurve = try await client.get("/v1/curve")
            #expect(wholeCurve.object["total"] as? Int == 5)

            let loads = try await client.get("/v1/loads")
            #expect(loads.object["total"] as? Int == 3)
            #expect(loads.rows.map { $0["year"] as? Int } == [2024, 2023, 2022])
            #expect(loads.rows.allSatisfy { $0["outcome"] as? String == "succeeded" })
        }
    }

    @Test func paginationIsStableAndCountsTheTotal() async throws {
        try await HTTPFixture.withServer { client, _ async throws in
            // by unit: 3 units x 3 years = 9 rows, ordered by unit then year
            let all = try await client.get("/v1/trends?by=unit")
            #expect(all.object["total"] as? Int == 9)
            let page = try await client.get("/v1/trends?by=unit&limit=2&offset=3")
            #expect(page.object["total"] as? Int == 9)
            #expect(page.object["limit"] as? Int == 2)
            #expect(page.object["offset"] as? Int == 3)
            #expect(page.rows.count == 2)
            #expect(page.rows.map { "\($0["unit_code"]!)\($0["year"]!)" } == all.rows[3..<5].map { "\($0["unit_code"]!)\($0["year"]!)" })
            let past = try await client.get("/v1/trends?by=unit&offset=50")
            #expect(past.rows.isEmpty)
            #expect(past.object["total"] as? Int == 9)
        }
    }

    @Test func csvByFormatParameterOrAcceptHeader() async throws {
        try await HTTPFixture.withServer { client, _ async throws in
            let byParameter = try await client.get("/v1/trends?by=instansi&format=csv")
            #expect(byParameter.status == .ok)
            #expect(byParameter.headers[.contentType] == "text/csv; charset=utf-8")
            #expect(byParameter.headers[HTTPField.Name("X-Total-Count")!] == "3")
            let lines = byParameter.text.split(separator: "\r\n")
            #expect(lines.count == 4)
            #expect(lines[0].hasPrefix("instansi_code,instansi_name,year,period,time,n,"))
            #expect(lines[1].hasPrefix("PEMKO-LANGSA,Pemerintah Kota Langsa,2022,Y,2022-01-01,5,"))
            let byHeader = try await client.get("/v1/trends?by=instansi", [.accept: "text/csv"])
            #expect(byHeader.text == byParameter.text)
            #expect(byHeader.headers[.eTag] != nil)
        }
    }

    @Test func smallGroupsAreSuppressed() async throws {
        // the server's threshold applies; it is not a query parameter
        let configuration = HTTPFixture.configuration { $0.minimumGroupSize = 2 }
        try await HTTPFixture.withServer(configuration) { client, _ async throws in
            let response = try await client.get("/v1/trends?by=unit&from=2024")
            let byUnit = Dictionary(uniqueKeysWithValues: response.rows.map { ($0["unit_code"] as! String, $0) })
            #expect(byUnit["SETDA"]?["suppressed"] as? Bool == true)
            #expect(byUnit["SETDA"]?["mean_step"] is NSNull)
            #expect(byUnit["SETDA"]?["n_step4"] is NSNull)
            #expect(byUnit["DINKES"]?["mean_step"] as? Double == 3)
            #expect((response.object["notes"] as? [String])?.count == 1)
            let lowered = try await client.get("/v1/trends?by=unit&from=2024&min_group_size=1")
            #expect(lowered.status == .badRequest)
        }
        let defaults = HTTPFixture.configuration { $0.minimumGroupSize = 5 }
        try await HTTPFixture.withServer(defaults) { client, _ async throws in
            let response = try await client.get("/v1/distribution?by=unit")
            #expect(response.rows.count == 3)
            #expect(response.rows.allSatisfy { $0["suppressed"] as? Bool == true && $0["share_step4"] is NSNull })
        }
    }

    @Test func consistencyRoutesAnswerAndGuardTheRaters() async throws {
        // the fixture has only three ratings a year (of one person): too few for the coefficients,
        // so this checks the wiring (status, shape, token, validation), not the statistics
        try await HTTPFixture.withServer { client, _ async throws in
            let consistency = try await client.get("/v1/consistency?year=2024")
            #expect(consistency.status == .ok, "\(consistency.text)")
            #expect(consistency.object["total"] as? Int != nil)
            let gaps = try await client.get("/v1/gaps?roles=atasan,rekan")
            #expect(gaps.status == .ok, "\(gaps.text)")
            #expect(try await client.get("/v1/gaps?roles=atasan,atasan").status == .badRequest)
            #expect(try await client.get("/v1/consistency?role=boss").status == .badRequest)
            #expect(try await client.get("/v1/raters").status == .unauthorized)
            let raters = try await client.get("/v1/raters?threshold=2.5", [.authorization: "Bearer \(HTTPFixture.token)"])
            #expect(raters.status == .ok, "\(raters.text)")
            let bad = try await client.get("/v1/raters?threshold=lots", [.authorization: "Bearer \(HTTPFixture.token)"])
            #expect(bad.status == .badRequest)
            #expect(bad.errorMessage.contains("'threshold'"))
        }
    }
}
