import Foundation
import Testing
@testable import Statistics

/// The JSON written by Tests/reference/make_fixture.py.
struct ReferenceFixture: Decodable {
    struct Interval: Decodable {
        let value: Double
        let lower: Double
        let upper: Double
    }

    struct OneWay: Decodable {
        let k0: Double
        let ICC1: Interval
        let ICC1k: Interval
    }

    struct Cohen: Decodable {
        let category_values: [Double]
        let table: [[Double]]
        let unweighted: Double
        let quadratic: Double
    }

    struct Dataset: Decodable {
        let name: String
        let ratings: [[Double?]]
        let krippendorff: [String: Double]
        let gwet: [String: Double]
        let icc_oneway: OneWay
        let icc: [String: Interval]?
        let fleiss_kappa: Double?
        let cohen: Cohen?
    }

    let seed: Int
    let datasets: [Dataset]

    static func load(_ path: String) throws -> ReferenceFixture {
        try JSONDecoder().decode(ReferenceFixture.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
    }
}

/// Asserts every Swift coefficient against the fixture's library values to `tolerance`.
func checkReference(_ fixture: ReferenceFixture, tolerance: Double = 1e-9) {
    #expect(!fixture.datasets.isEmpty)
    for d in fixture.datasets {
        let ratings = d.ratings
        for metric in KrippendorffAlpha.Metric.allCases {
            guard let expected = d.krippendorff[metric.rawValue] else {
                Issue.record("\(d.name): no \(metric) alpha in fixture")
                continue
            }
            #expect(close(KrippendorffAlpha.alpha(ratings: ratings, metric: metric).alpha, expected, tolerance),
                    "\(d.name) alpha \(metric)")
        }
        #expect(close(KrippendorffAlpha.intervalAlpha(.init(ratings: ratings)).alpha, d.krippendorff["interval"] ?? .nan, tolerance),
                "\(d.name) interval alpha from per-unit sums")

        #expect(close(GwetAgreement.ac1(ratings: ratings).value, d.gwet["ac1"] ?? .nan, tolerance), "\(d.name) AC1")
        #expect(close(GwetAgreement.ac2Quadratic(ratings: ratings).value, d.gwet["ac2_quadratic"] ?? .nan, tolerance), "\(d.name) AC2")
        #expect(close(GwetAgreement.percentAgreement(ratings: ratings).value, d.gwet["percent_agreement"] ?? .nan, tolerance),
                "\(d.name) percent agreement")

        let oneWay = IntraclassCorrelation.oneWay(.init(ratings: ratings))
        #expect(close(oneWay.ratingsPerTarget, d.icc_oneway.k0, tolerance), "\(d.name) k0")
        expectEstimate(oneWay.icc1, d.icc_oneway.ICC1, tolerance, "\(d.name) one-way ICC1")
        expectEstimate(oneWay.icc1k, d.icc_oneway.ICC1k, tolerance, "\(d.name) one-way ICC1k")

        if let icc = d.icc {
            let r = IntraclassCorrelation.estimate(ratings: ratings)
            let mine = ["ICC1": r.icc1, "ICC2": r.icc2, "ICC3": r.icc3, "ICC1k": r.icc1k, "ICC2k": r.icc2k, "ICC3k": r.icc3k]
            for (name, expected) in icc {
                guard let got = mine[name] else {
                    Issue.record("\(d.name): unknown \(name)")
                    continue
                }
                expectEstimate(got, expected, tolerance, "\(d.name) \(name)")
            }
        }
        if let fleiss = d.fleiss_kappa {
            #expect(close(FleissKappa.kappa(ratings: ratings).value, fleiss, tolerance), "\(d.name) Fleiss")
        }
        if let cohen = d.cohen {
            let pair = ratings.map { Array($0.prefix(2)) }
            #expect(close(CohenKappa.kappa(ratings: pair).value, cohen.unweighted, tolerance), "\(d.name) Cohen")
            #expect(close(CohenKappa.kappa(ratings: pair, weighting: .quadratic).value, cohen.quadratic, tolerance),
                    "\(d.name) Cohen quadratic")
            let table = CohenKappa.ContingencyTable(categoryValues: cohen.category_values, counts: cohen.table)
            #expect(close(CohenKappa.kappa(table).value, cohen.unweighted, tolerance), "\(d.name) Cohen table")
            #expect(close(CohenKappa.kappa(table, weighting: .quadratic).value, cohen.quadratic, tolerance),
                    "\(d.name) Cohen table quadratic")
        }
    }
}

private func expectEstimate(_ got: IntraclassCorrelationResult.Estimate, _ want: ReferenceFixture.Interval,
                            _ tolerance: Double, _ label: String) {
    #expect(close(got.value, want.value, tolerance), "\(label) value")
    #expect(close(got.lower, want.lower, tolerance), "\(label) lower")
    #expect(close(got.upper, want.upper, tolerance), "\(label) upper")
}

/// Path of a fixture produced on demand: `KINERJA_REFERENCE_FIXTURE=/tmp/ref.json swift test`
/// after `python3 Tests/reference/make_fixture.py /tmp/ref.json SEED`.
private let environmentFixture = ProcessInfo.processInfo.environment["KINERJA_REFERENCE_FIXTURE"]

@Suite("Reference libraries (krippendorff, pingouin, statsmodels)")
struct ReferenceFixtureTests {
    @Test("checked-in fixture Fixtures/reference.json agrees to 1e-9")
    func checkedInFixture() throws {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures/reference.json").path
        checkReference(try ReferenceFixture.load(path))
    }

    // Skipped, not failed, when KINERJA_REFERENCE_FIXTURE is unset: the reference fixture is absent.
    @Test("fixture named by $KINERJA_REFERENCE_FIXTURE agrees to 1e-9 (skipped when unset: fixture absent)",
          .enabled(if: environmentFixture != nil, "KINERJA_REFERENCE_FIXTURE is unset: reference fixture absent"))
    func referenceFixtureFromEnvironment() throws {
        checkReference(try ReferenceFixture.load(environmentFixture ?? ""))
    }
}
