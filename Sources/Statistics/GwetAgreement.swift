import Foundation

/// Gwet's AC1 (nominal) and AC2 (quadratic weights) for any number of raters with missing
/// ratings, and percent agreement (Gwet 2014, Handbook of Inter-Rater Reliability, 4th ed.,
/// ch. 2–3; as in R/Python irrCAC `gwet.ac1.raw`). For subject i, r_ik raters chose
/// category k, r_i = Σ_k r_ik, r*_ik = Σ_l w_kl r_il; n subjects have r_i ≥ 1, n′ have r_i ≥ 2:
///
///     p_a = (1/n′) Σ_{i: r_i ≥ 2} Σ_k r_ik (r*_ik − 1) / (r_i (r_i − 1))
///     π_k = (1/n) Σ_i r_ik / r_i
///     AC1: p_e = Σ_k π_k (1 − π_k) / (q − 1)                       (w = identity)
///     AC2: p_e = T_w / (q (q − 1)) · Σ_k π_k (1 − π_k),  T_w = Σ_kl w_kl
///     w_kl = 1 − (x_k − x_l)² / (x_max − x_min)²                    (quadratic, x = category values)
///     AC = (p_a − p_e) / (1 − p_e)
///
/// Both p_a reduce to per-subject sums SQL can form: with identity weights the subject term
/// is (Σ_k r_ik² − r_i)/(r_i(r_i − 1)); with quadratic weights it is 1 − 2 s²_i / D², where
/// s²_i is the sample variance of subject i's ratings and D = x_max − x_min, because the
/// ordered pairs of a subject's ratings have mean squared difference 2 s²_i.
public enum GwetAgreement {
    /// Sufficient statistics. SQL over `ratings(subject, score)` (one row per rating):
    ///
    ///     WITH sc AS (SELECT subject, score, count(*) AS r_ik FROM ratings GROUP BY subject, score),
    ///          s  AS (SELECT subject, count(*) AS r_i, var_samp(score) AS s2 FROM ratings GROUP BY subject),
    ///          sq AS (SELECT subject, sum(r_ik * r_ik) AS sq FROM sc GROUP BY subject)
    ///     SELECT count(*)                                        AS subject_count,                 -- n
    ///            count(*) FILTER (WHERE r_i >= 2)                AS multiply_rated_subject_count,  -- n′
    ///            sum((sq - r_i)::float8 / (r_i * (r_i - 1))) FILTER (WHERE r_i >= 2)
    ///                                                            AS nominal_agreement_sum,
    ///            sum(s2) FILTER (WHERE r_i >= 2)                 AS within_subject_variance_sum
    ///     FROM s JOIN sq USING (subject);
    ///
    ///     SELECT score AS category_value, sum(r_ik::float8 / r_i) AS category_share_sum
    ///     FROM sc JOIN s USING (subject) GROUP BY score ORDER BY score;
    ///
    /// Append categories of the scale that nobody used with share sum 0: q counts them.
    public struct Sums: Sendable, Hashable {
        /// n: subjects with at least one rating.
        public var subjectCount: Int
        /// n′: subjects with at least two ratings.
        public var multiplyRatedSubjectCount: Int
        /// The q categories' values, strictly increasing.
        public var categoryValues: [Double]
        /// Σ_i r_ik / r_i for each category, aligned with `categoryValues`; they add up to n.
        public var categoryShareSums: [Double]
        /// Σ_{i: r_i ≥ 2} (Σ_k r_ik² − r_i) / (r_i (r_i − 1)).
        public var nominalAgreementSum: Double
        /// Σ_{i: r_i ≥ 2} s²_i, the within-subject sample variances (divisor r_i − 1).
        public var withinSubjectVarianceSum: Double

        public init(subjectCount: Int, multiplyRatedSubjectCount: Int, categoryValues: [Double],
                    categoryShareSums: [Double], nominalAgreementSum: Double, withinSubjectVarianceSum: Double) {
            self.subjectCount = subjectCount
            self.multiplyRatedSubjectCount = multiplyRatedSubjectCount
            self.categoryValues = categoryValues
            self.categoryShareSums = categoryShareSums
            self.nominalAgreementSum = nominalAgreementSum
            self.withinSubjectVarianceSum = withinSubjectVarianceSum
        }

        /// From a raw subjects × raters matrix (nil = missing). `categories` is the scale
        /// (default: the distinct observed values); ratings outside it count as missing.
        public init(ratings: [[Double?]], categories: [Double]? = nil) {
            let matrix = RatingsMatrix(ratings)
            let values = Array(Set(categories ?? matrix.distinctValues)).filter(\.isFinite).sorted()
            let index = Dictionary(uniqueKeysWithValues: values.enumerated().map { ($1, $0) })
            let subjects = matrix.observedRows.map { $0.filter { index[$0] != nil } }.filter { !$0.isEmpty }
            var shares = Array(repeating: 0.0, count: values.count)
            var agreement = 0.0, variances = 0.0, multiplyRated = 0
            for subject in subjects {
                let r = Double(subject.count)
                var counts = Array(repeating: 0.0, count: values.count)
                for x in subject { if let k = index[x] { counts[k] += 1 } }
                for k in counts.indices { shares[k] += counts[k] / r }
                guard subject.count >= 2 else { continue }
                multiplyRated += 1
                agreement += (counts.reduce(0) { $0 + $1 * $1 } - r) / (r * (r - 1))
                variances += subject.sumOfSquaredDeviations / (r - 1)
            }
            self.init(subjectCount: subjects.count, multiplyRatedSubjectCount: multiplyRated,
                      categoryValues: values, categoryShareSums: shares,
                      nominalAgreementSum: agreement, withinSubjectVarianceSum: variances)
        }
    }

    /// Percent agreement p_a (identity weights); `chanceAgreement` is nil.
    public static func percentAgreement(_ sums: Sums) -> AgreementCoefficient {
        if let problem = validate(sums) { return .undefined(problem) }
        let pa = sums.nominalAgreementSum / Double(sums.multiplyRatedSubjectCount)
        return AgreementCoefficient(value: finite(pa), observedAgreement: finite(pa), chanceAgreement: nil)
    }

    /// Gwet's AC1 (unweighted) from sufficient statistics.
    public static func ac1(_ sums: Sums) -> AgreementCoefficient {
        if let problem = validate(sums) { return .undefined(problem) }
        let q = Double(sums.categoryValues.count)
        guard q >= 2 else { return .undefined("only one category: chance agreement undefined") }
        let pa = sums.nominalAgreementSum / Double(sums.multiplyRatedSubjectCount)
        let pe = classificationSpread(sums) / (q - 1)
        return .chanceCorrected(observed: pa, chance: pe)
    }

    /// Gwet's AC2 with quadratic weights on the category values, from sufficient statistics.
    public static func ac2Quadratic(_ sums: Sums) -> AgreementCoefficient {
        if let problem = validate(sums) { return .undefined(problem) }
        let values = sums.categoryValues
        let q = Double(values.count)
        guard q >= 2, let first = values.first, let last = values.last else {
            return .undefined("only one category: chance agreement undefined")
        }
        let range2 = (last - first) * (last - first)
        let pa = 1 - 2 * sums.withinSubjectVarianceSum / (Double(sums.multiplyRatedSubjectCount) * range2)
        // T_w = Σ_kl (1 − (x_k − x_l)²/D²) = q² − 2q Σ_k (x_k − x̄)² / D².
        let totalWeight = q * q - 2 * q * values.sumOfSquaredDeviations / range2
        let pe = totalWeight / (q * (q - 1)) * classificationSpread(sums)
        return .chanceCorrected(observed: pa, chance: pe)
    }

    /// Reference entry points from a raw subjects × raters matrix (nil = missing).
    public static func percentAgreement(ratings: [[Double?]]) -> AgreementCoefficient {
        percentAgreement(Sums(ratings: ratings))
    }

    public static func ac1(ratings: [[Double?]], categories: [Double]? = nil) -> AgreementCoefficient {
        ac1(Sums(ratings: ratings, categories: categories))
    }

    public static func ac2Quadratic(ratings: [[Double?]], categories: [Double]? = nil) -> AgreementCoefficient {
        ac2Quadratic(Sums(ratings: ratings, categories: categories))
    }

    /// Σ_k π_k (1 − π_k).
    private static func classificationSpread(_ sums: Sums) -> Double {
        let n = Double(sums.subjectCount)
        return sums.categoryShareSums.reduce(0) { $0 + ($1 / n) * (1 - $1 / n) }
    }

    private static func validate(_ sums: Sums) -> String? {
        guard sums.multiplyRatedSubjectCount >= 1, sums.subjectCount >= sums.multiplyRatedSubjectCount else {
            return "no subject has 2 or more ratings: agreement undefined"
        }
        guard sums.categoryValues.count == sums.categoryShareSums.count,
              sums.categoryValues.allSatisfy(\.isFinite),
              zip(sums.categoryValues, sums.categoryValues.dropFirst()).allSatisfy({ $0 < $1 }) else {
            return "category values must be finite, strictly increasing and aligned with their share sums"
        }
        let n = Double(sums.subjectCount)
        guard sums.categoryShareSums.allSatisfy({ $0.isFinite && $0 >= 0 }),
              abs(sums.categoryShareSums.reduce(0, +) - n) <= 1e-9 * n,
              sums.nominalAgreementSum.isFinite, sums.withinSubjectVarianceSum.isFinite,
              sums.withinSubjectVarianceSum >= 0 else {
            return "category share sums must add up to the number of subjects, and sums must be finite"
        }
        return nil
    }
}
