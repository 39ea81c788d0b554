/// Fleiss' kappa for N subjects each rated by the same number n of raters into q
/// categories (Fleiss 1971, "Measuring nominal scale agreement among many raters",
/// Psychological Bulletin 76(5)). With n_ij = raters putting subject i in category j:
///
///     P̄ = (Σ_ij n_ij² − N n) / (N n (n − 1)),   p_j = Σ_i n_ij / (N n),   P̄_e = Σ_j p_j²
///     κ = (P̄ − P̄_e) / (1 − P̄_e)
///
/// Undefined (nil with a note) when subjects have different numbers of ratings; use
/// Gwet's AC1 or Krippendorff's alpha for such data.
public enum FleissKappa {
    /// Sufficient statistics. SQL over `ratings(subject, category)`:
    ///
    ///     WITH sc AS (SELECT subject, category, count(*) AS n_ij
    ///                 FROM ratings GROUP BY subject, category),
    ///          s AS (SELECT subject, sum(n_ij) AS r_i FROM sc GROUP BY subject)
    ///     SELECT (SELECT count(*) FROM s)  AS subject_count,               -- N
    ///            (SELECT min(r_i) FROM s)  AS minimum_ratings_per_subject,
    ///            (SELECT max(r_i) FROM s)  AS maximum_ratings_per_subject,  -- must equal the minimum
    ///            (SELECT sum(n_ij * n_ij) FROM sc) AS sum_of_squared_counts; -- Σ_ij n_ij²
    ///     SELECT category, sum(n_ij) FROM sc GROUP BY category ORDER BY category;  -- category totals
    public struct Sums: Sendable, Hashable {
        /// N: subjects.
        public var subjectCount: Int
        /// Smallest and largest number of ratings of one subject; Fleiss needs them equal (= n).
        public var minimumRatingsPerSubject: Int
        public var maximumRatingsPerSubject: Int
        /// Σ_i n_ij for each category j (order irrelevant; empty categories may be left out).
        public var categoryTotals: [Double]
        /// Σ_i Σ_j n_ij².
        public var sumOfSquaredCounts: Double

        public init(subjectCount: Int, minimumRatingsPerSubject: Int, maximumRatingsPerSubject: Int,
                    categoryTotals: [Double], sumOfSquaredCounts: Double) {
            self.subjectCount = subjectCount
            self.minimumRatingsPerSubject = minimumRatingsPerSubject
            self.maximumRatingsPerSubject = maximumRatingsPerSubject
            self.categoryTotals = categoryTotals
            self.sumOfSquaredCounts = sumOfSquaredCounts
        }

        /// From a raw subjects × raters matrix (nil = missing; values are category codes).
        /// Subjects with no rating at all are skipped.
        public init(ratings: [[Double?]]) {
            let subjects = RatingsMatrix(ratings).observedRows.filter { !$0.isEmpty }
            var totals: [Double: Double] = [:]
            var squares = 0.0
            for subject in subjects {
                var counts: [Double: Double] = [:]
                for x in subject { counts[x, default: 0] += 1 }
                for (category, count) in counts {
                    totals[category, default: 0] += count
                    squares += count * count
                }
            }
            self.init(subjectCount: subjects.count,
                      minimumRatingsPerSubject: subjects.map(\.count).min() ?? 0,
                      maximumRatingsPerSubject: subjects.map(\.count).max() ?? 0,
                      categoryTotals: totals.sorted { $0.key < $1.key }.map(\.value),
                      sumOfSquaredCounts: squares)
        }
    }

    /// Production entry point from sufficient statistics.
    public static func kappa(_ sums: Sums) -> AgreementCoefficient {
        guard sums.subjectCount >= 1 else { return .undefined("no rated subjects") }
        guard sums.minimumRatingsPerSubject == sums.maximumRatingsPerSubject else {
            return .undefined("subjects have different numbers of ratings (\(sums.minimumRatingsPerSubject)–\(sums.maximumRatingsPerSubject)): Fleiss' kappa needs the same number; use Gwet's AC1 or Krippendorff's alpha")
        }
        let raters = sums.maximumRatingsPerSubject
        guard raters >= 2 else { return .undefined("fewer than 2 ratings per subject") }
        let big = Double(sums.subjectCount), n = Double(raters)
        let ratings = big * n
        guard sums.categoryTotals.allSatisfy({ $0.isFinite && $0 >= 0 }),
              abs(sums.categoryTotals.reduce(0, +) - ratings) <= 1e-9 * ratings,
              sums.sumOfSquaredCounts.isFinite else {
            return .undefined("category totals do not add up to subjects × ratings per subject")
        }
        let pa = (sums.sumOfSquaredCounts - ratings) / (ratings * (n - 1))
        let pe = sums.categoryTotals.reduce(0) { $0 + ($1 / ratings) * ($1 / ratings) }
        return .chanceCorrected(observed: pa, chance: pe)
    }

    /// Reference entry point from a raw subjects × raters matrix.
    public static func kappa(ratings: [[Double?]]) -> AgreementCoefficient {
        kappa(Sums(ratings: ratings))
    }
}
