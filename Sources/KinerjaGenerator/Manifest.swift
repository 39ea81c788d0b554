import Foundation

/// The planted answers of a generated data set, written as `DIR/manifest.json` next to the year folders.
///
/// Everything here is either a design parameter of the generator ("planted") or recomputed from the
/// rows actually written ("realized", counts, breakers), so analytics run on the CSV files can be
/// checked against it. JSON keys are snake_case; years are arrays of objects, never dictionary keys.
///
/// ```json
/// {
///   "format": "kinerja-generator-manifest/1",
///   "profile": "city", "seed": 42, "first_year": 2016, "last_year": 2025,
///   "files": ["units.csv", "employees.csv", "appraisals.csv", "ratings.csv", "interventions.csv", "unit_predikat.csv"],
///   "notes": ["..."],
///   "years": [ {                                   // one per year, ascending
///       "year": 2021,
///       "periods": [ {"period": "S1", "regime": "PP46_2011"}, {"period": "S2", "regime": "PP30_2019"} ],
///       "annual_period": "S2",                     // the result that counts as the year's step
///       "row_counts": {"units": 36, "employees": 3790, "appraisals": 7580, "ratings": 270000,
///                      "interventions": 420, "unit_predikat": 0},
///       "asn": {"total": 3790, "pns": 3350, "pppk": 440},
///       "hires": {"pns": 60, "pppk": 250}, "exits": {"retired": 120, "other": 20},
///       "transfers": 30, "promotions": 2,
///       "appraisals_without_rater": {"total": 54, "top_heads": 54, "blanked_old_export": 0},
///       "predikat_filled": 3900,
///       "step_counts": [40, 90, 400, 2700, 560],   // annual steps 1..5
///       "ratings": {"periods": 2, "rated_people": 7580, "rater_pairs": 36000, "expected_item_cells": 252000,
///                   "written_item_cells": 251000, "missing_item_cells": 1000, "missing_item_cell_share": 0.004,
///                   "rows_by_role": {"atasan": ..., "rekan": ..., "bawahan": ..., "diri": ...}},
///       "interventions_by_kind": {"pembinaan": 120, "pelatihan": 230, "promosi": 2, "penghargaan": 20,
///                                 "mutasi": 30, "hukuman_disiplin": 5}
///   } ],
///   "improving_unit_code": "LANGSA-DINSOS",       // story 2 (null when 2023 is not generated)
///   "improving_unit": {"unit_code": "...", "improvement_years": [2023, 2024, 2025],
///                      "mean_step": [{"year": 2022, "mean": 3.95, "staff": 36}, ...],
///                      "other_units_rising_every_year": []},
///   "rater_offsets": {"scale": "0-100", "other_raters_offset": 0,             // story 3
///                     "raters": [{"nip": "...", "direction": "lenient", "offset": 8, "unit_code": "...", "from_year": 2016,
///                                 "item_scores": [{"year": 2019, "count": 640}, ...]}]},
///   "perception_gap": {"definition": "...", "planted_gap": 6, "other_units_gap": 0,   // story 4
///                      "units": [{"unit_code": "...", "planted_gap": 6, "realized_gap": 5.8,
///                                 "atasan_scores": 112, "bawahan_scores": 300}],
///                      "other_units_realized_gap": 0.1},
///   "coaching": {"definition": "...", "low_performer_max_step": 3, "coaching_probability": 0.4,   // story 5
///                "planted_effect_steps": 0.5, "realized_effect_steps": 0.47,
///                "strata": [{"year": 2016, "start_step": 3, "coached": 50, "coached_mean_change": 0.9,
///                            "uncoached": 80, "uncoached_mean_change": 0.45}]},
///   "decliners": {"definition": "...", "people": [{"nip": "...", "years": [2017, 2018, 2019, 2020],
///                                                  "steps": [5, 4, 3, 2]}], "unplanned": []},   // story 6
///   "distribution_curve": {"bounds_source": "...", "first_year": 2023,                         // story 7
///                          "planted": [{"year": 2023, "unit_code": "...", "unit_predikat": "BAIK",
///                                       "bound": "B_MAX_70"}],
///                          "breakers": [{"year": 2023, "unit_code": "...", "unit_predikat": "BAIK", "staff": 40,
///                                        "breaches": [{"bound": "B_MAX_70", "description": "Baik at most 70%",
///                                                      "count": 33, "total": 40, "actual_percent": 82.5,
///                                                      "limit_percent": 70, "by_points": 12.5}]}],
///                          "unplanned": []}
/// }
/// ```
/// Story 1 (regime per year) is `years[].periods`; story 8 (missing ratings, PPPK counts) is
/// `years[].ratings`, `years[].appraisals_without_rater` and `years[].asn`.
public struct Manifest: Codable, Sendable, Equatable {
    public var format: String
    public var profile: Profile
    public var seed: UInt64
    public var firstYear: Int
    public var lastYear: Int
    public var files: [String]
    public var notes: [String]
    public var years: [YearSummary]
    public var improvingUnitCode: String?
    public var improvingUnit: ImprovingUnit?
    public var raterOffsets: RaterOffsets
    public var perceptionGap: PerceptionGap
    public var coaching: Coaching
    public var decliners: Decliners
    public var distributionCurve: Curve

    enum CodingKeys: String, CodingKey {
        case format, profile, seed, files, notes, years, coaching, decliners
        case firstYear = "first_year", lastYear = "last_year"
        case improvingUnitCode = "improving_unit_code", improvingUnit = "improving_unit"
        case raterOffsets = "rater_offsets", perceptionGap = "perception_gap"
        case distributionCurve = "distribution_curve"
    }

    /// Reads a manifest written by the generator.
    public static func read(from url: URL) throws -> Manifest {
        try JSONDecoder().decode(Manifest.self, from: Data(contentsOf: url))
    }

    /// The JSON text as written (pretty-printed, sorted keys: byte-identical for a seed).
    public func jsonData() throws -> Data {
        let e = JSONEncoder()
        e.outputFormatting = [.prettyPrinted, .sortedKeys]
        return try e.encode(self)
    }

    /// The summary of `year`, if generated.
    public func year(_ year: Int) -> YearSummary? { years.first { $0.year == year } }

    // MARK: - Per year

    public struct YearSummary: Codable, Sendable, Equatable {
        public var year: Int
        public var periods: [PeriodRegime]
        public var annualPeriod: String
        public var rowCounts: RowCounts
        public var asn: ASNCounts
        public var hires: TypeCounts
        public var exits: Exits
        public var transfers: Int
        public var promotions: Int
        public var appraisalsWithoutRater: MissingRater
        public var predikatFilled: Int
        public var stepCounts: [Int]
        public var ratings: RatingStats
        public var interventionsByKind: InterventionCounts

        enum CodingKeys: String, CodingKey {
            case year, periods, asn, hires, exits, transfers, promotions, ratings
            case annualPeriod = "annual_period", rowCounts = "row_counts"
            case appraisalsWithoutRater = "appraisals_without_rater", predikatFilled = "predikat_filled"
            case stepCounts = "step_counts", interventionsByKind = "interventions_by_kind"
        }
    }

    public struct PeriodRegime: Codable, Sendable, Equatable {
        public var period: String
        public var regime: String
    }

    public struct RowCounts: Codable, Sendable, Equatable {
        public var units: Int
        public var employees: Int
        public var appraisals: Int
        public var ratings: Int
        public var interventions: Int
        public var unitPredikat: Int

        enum CodingKeys: String, CodingKey {
            case units, employees, appraisals, ratings, interventions
            case unitPredikat = "unit_predikat"
        }

        /// Rows of a file by its name (`ratings.csv`).
        public func rows(file: String) -> Int? {
            switch file {
            case "units.csv": units
            case "employees.csv": employees
            case "appraisals.csv": appraisals
            case "ratings.csv": ratings
            case "interventions.csv": interventions
            case "unit_predikat.csv": unitPredikat
            default: nil
            }
        }
    }

    public struct ASNCounts: Codable, Sendable, Equatable {
        public var total: Int
        public var pns: Int
        public var pppk: Int
    }

    public struct TypeCounts: Codable, Sendable, Equatable {
        public var pns: Int
        public var pppk: Int
    }

    public struct Exits: Codable, Sendable, Equatable {
        public var retired: Int
        public var other: Int
    }

    public struct MissingRater: Codable, Sendable, Equatable {
        /// Appraisal rows with an empty `rater_nip`.
        public var total: Int
        /// Of which: heads of top units (no superior in the data).
        public var topHeads: Int
        /// Of which: blanked like an old export (before 2019).
        public var blankedOldExport: Int

        enum CodingKeys: String, CodingKey {
            case total
            case topHeads = "top_heads", blankedOldExport = "blanked_old_export"
        }
    }

    public struct RatingStats: Codable, Sendable, Equatable {
        /// Appraisal periods with ratings this year (2 in 2021).
        public var periods: Int
        /// People rated, summed over periods.
        public var ratedPeople: Int
        /// (ratee, rater, period) combinations.
        public var raterPairs: Int
        /// rater_pairs × items per pair.
        public var expectedItemCells: Int
        public var writtenItemCells: Int
        /// Item cells a rater skipped.
        public var missingItemCells: Int
        public var missingItemCellShare: Double
        public var rowsByRole: RoleCounts

        enum CodingKeys: String, CodingKey {
            case periods
            case ratedPeople = "rated_people", raterPairs = "rater_pairs", expectedItemCells = "expected_item_cells"
            case writtenItemCells = "written_item_cells", missingItemCells = "missing_item_cells"
            case missingItemCellShare = "missing_item_cell_share", rowsByRole = "rows_by_role"
        }
    }

    public struct RoleCounts: Codable, Sendable, Equatable {
        public var atasan: Int
        public var rekan: Int
        public var bawahan: Int
        public var diri: Int
    }

    public struct InterventionCounts: Codable, Sendable, Equatable {
        public var pembinaan: Int
        public var pelatihan: Int
        public var promosi: Int
        public var penghargaan: Int
        public var mutasi: Int
        public var hukumanDisiplin: Int

        enum CodingKeys: String, CodingKey {
            case pembinaan, pelatihan, promosi, penghargaan, mutasi
            case hukumanDisiplin = "hukuman_disiplin"
        }
    }

    // MARK: - Stories

    public struct ImprovingUnit: Codable, Sendable, Equatable {
        public var unitCode: String
        /// Years whose mean step is above the year before (2023, 2024, 2025 where generated).
        public var improvementYears: [Int]
        public var meanStep: [YearMean]
        /// Other units whose mean step also rose in every improvement year (kept empty by the generator
        /// when 2022–2025 are all generated).
        public var otherUnitsRisingEveryYear: [String]

        enum CodingKeys: String, CodingKey {
            case unitCode = "unit_code", improvementYears = "improvement_years", meanStep = "mean_step"
            case otherUnitsRisingEveryYear = "other_units_rising_every_year"
        }
    }

    public struct YearMean: Codable, Sendable, Equatable {
        public var year: Int
        public var mean: Double
        public var staff: Int
    }

    public struct RaterOffsets: Codable, Sendable, Equatable {
        public var scale: String
        public var otherRatersOffset: Double
        public var raters: [RaterOffset]

        enum CodingKeys: String, CodingKey {
            case scale, raters
            case otherRatersOffset = "other_raters_offset"
        }
    }

    public struct RaterOffset: Codable, Sendable, Equatable {
        public var nip: String
        /// `lenient` (+) or `severe` (−).
        public var direction: String
        /// Points on the 0–100 scale added to every score this rater gives.
        public var offset: Double
        public var unitCode: String
        /// The offset applies to this rater's scores from this year on (a rater who leaves is replaced
        /// by another head, whose earlier scores had no offset).
        public var fromYear: Int
        /// Item scores given per year while the offset applied.
        public var itemScores: [YearCount]

        enum CodingKeys: String, CodingKey {
            case nip, direction, offset
            case unitCode = "unit_code", fromYear = "from_year", itemScores = "item_scores"
        }
    }

    public struct YearCount: Codable, Sendable, Equatable {
        public var year: Int
        public var count: Int
    }

    public struct PerceptionGap: Codable, Sendable, Equatable {
        public var definition: String
        public var plantedGap: Double
        public var otherUnitsGap: Double
        public var units: [GapUnit]
        public var otherUnitsRealizedGap: Double?

        enum CodingKeys: String, CodingKey {
            case definition, units
            case plantedGap = "planted_gap", otherUnitsGap = "other_units_gap"
            case otherUnitsRealizedGap = "other_units_realized_gap"
        }
    }

    public struct GapUnit: Codable, Sendable, Equatable {
        public var unitCode: String
        public var plantedGap: Double
        public var realizedGap: Double?
        public var atasanScores: Int
        public var bawahanScores: Int

        enum CodingKeys: String, CodingKey {
            case unitCode = "unit_code", plantedGap = "planted_gap", realizedGap = "realized_gap"
            case atasanScores = "atasan_scores", bawahanScores = "bawahan_scores"
        }
    }

    public struct Coaching: Codable, Sendable, Equatable {
        public var definition: String
        public var lowPerformerMaxStep: Int
        public var coachingProbability: Double
        public var plantedEffectSteps: Double
        public var realizedEffectSteps: Double?
        public var strata: [CoachingStratum]

        enum CodingKeys: String, CodingKey {
            case definition, strata
            case lowPerformerMaxStep = "low_performer_max_step", coachingProbability = "coaching_probability"
            case plantedEffectSteps = "planted_effect_steps", realizedEffectSteps = "realized_effect_steps"
        }
    }

    public struct CoachingStratum: Codable, Sendable, Equatable {
        public var year: Int
        public var startStep: Int
        public var coached: Int
        public var coachedMeanChange: Double?
        public var uncoached: Int
        public var uncoachedMeanChange: Double?

        enum CodingKeys: String, CodingKey {
            case year, coached, uncoached
            case startStep = "start_step", coachedMeanChange = "coached_mean_change"
            case uncoachedMeanChange = "uncoached_mean_change"
        }
    }

    public struct Decliners: Codable, Sendable, Equatable {
        public var definition: String
        public var people: [Decliner]
        /// 3-year declines found in the data that were not planted (the generator keeps this empty).
        public var unplanned: [Decliner]
    }

    public struct Decliner: Codable, Sendable, Equatable {
        public var nip: String
        public var years: [Int]
        public var steps: [Int]
    }

    public struct Curve: Codable, Sendable, Equatable {
        public var boundsSource: String
        public var firstYear: Int
        public var planted: [PlantedBreak]
        /// Every unit and year whose staff labels break a bound of its unit predikat, recomputed from the data.
        public var breakers: [UnitBreach]
        /// Breakers that were not planted (normally empty).
        public var unplanned: [UnitBreach]

        enum CodingKeys: String, CodingKey {
            case planted, breakers, unplanned
            case boundsSource = "bounds_source", firstYear = "first_year"
        }
    }

    public struct PlantedBreak: Codable, Sendable, Equatable {
        public var year: Int
        /// The broken bound's ``KinerjaDomain/DistributionBound/code`` (e.g. `B_MAX_70`).
        public var unitCode: String
        public var unitPredikat: String
        public var bound: String

        enum CodingKeys: String, CodingKey {
            case year, bound
            case unitCode = "unit_code", unitPredikat = "unit_predikat"
        }
    }

    public struct UnitBreach: Codable, Sendable, Equatable {
        public var year: Int
        public var unitCode: String
        public var unitPredikat: String
        public var staff: Int
        public var breaches: [Breach]

        enum CodingKeys: String, CodingKey {
            case year, staff, breaches
            case unitCode = "unit_code", unitPredikat = "unit_predikat"
        }
    }

    public struct Breach: Codable, Sendable, Equatable {
        /// ``KinerjaDomain/DistributionBound/code`` of the unit predikat's bound, e.g. `B_MAX_70`.
        public var bound: String
        public var description: String
        public var count: Int
        public var total: Int
        public var actualPercent: Double
        public var limitPercent: Double
        public var byPoints: Double

        enum CodingKeys: String, CodingKey {
            case bound, description, count, total
            case actualPercent = "actual_percent", limitPercent = "limit_percent", byPoints = "by_points"
        }
    }
}

/// Rounds for the manifest (4 decimals), so the JSON stays readable.
func round4(_ x: Double) -> Double { (x * 10_000).rounded() / 10_000 }
