import Foundation

/// Intraclass correlations of Shrout & Fleiss (1979), "Intraclass correlations: uses in
/// assessing rater reliability", Psychological Bulletin 86(2), with the F-based confidence
/// intervals of McGraw & Wong (1996), Psychological Methods 1(1), as implemented in
/// R `psych::ICC` and `pingouin.intraclass_corr`.
///
/// Production code passes ANOVA sums of squares that SQL computes (`oneWay`, `twoWay`);
/// `estimate(ratings:)` builds the same sums from a raw matrix for tests and small data.
public enum IntraclassCorrelation {
    /// Sufficient statistics of the one-way (nested) design: each target is rated by its
    /// own set of raters, any number per target (unbalanced allowed).
    ///
    /// SQL over `ratings(target, score)`, one row per rating, in two levels
    /// (per-target `avg`/`var_pop` instead of raw Σx² so large sums do not cancel):
    ///
    ///     WITH t AS (SELECT target, count(*) AS n, avg(score) AS m,
    ///                       var_pop(score) * count(*) AS ss   -- Σ_j (x_ij − x̄_i)²
    ///                FROM ratings GROUP BY target),
    ///          g AS (SELECT sum(n * m) / sum(n) AS grand FROM t)
    ///     SELECT count(*)                 AS group_count,                -- g
    ///            sum(n)                   AS observation_count,          -- N
    ///            sum(n * n)               AS sum_of_squared_group_sizes, -- Σ n_i²
    ///            sum(n * (m - grand)^2)   AS ss_between,                 -- Σ n_i (x̄_i − x̄)²
    ///            sum(ss)                  AS ss_within                   -- Σ_i Σ_j (x_ij − x̄_i)²
    ///     FROM t CROSS JOIN g;
    public struct OneWaySums: Sendable, Hashable {
        /// g: targets with at least one rating.
        public var groupCount: Int
        /// N: ratings in total.
        public var observationCount: Int
        /// Σ n_i² over targets, for k₀ = (N − Σ n_i²/N)/(g − 1).
        public var sumOfSquaredGroupSizes: Double
        /// SS_between = Σ_i n_i (x̄_i − x̄)².
        public var ssBetween: Double
        /// SS_within = Σ_i Σ_j (x_ij − x̄_i)².
        public var ssWithin: Double

        public init(groupCount: Int, observationCount: Int, sumOfSquaredGroupSizes: Double,
                    ssBetween: Double, ssWithin: Double) {
            self.groupCount = groupCount
            self.observationCount = observationCount
            self.sumOfSquaredGroupSizes = sumOfSquaredGroupSizes
            self.ssBetween = ssBetween
            self.ssWithin = ssWithin
        }

        /// From a raw subjects × raters matrix (nil = missing); targets without ratings are skipped.
        public init(ratings: [[Double?]]) {
            let groups = RatingsMatrix(ratings).observedRows.filter { !$0.isEmpty }
            let all = groups.flatMap { $0 }
            let grand = all.mean
            self.init(
                groupCount: groups.count,
                observationCount: all.count,
                sumOfSquaredGroupSizes: groups.reduce(0) { $0 + Double($1.count * $1.count) },
                ssBetween: groups.reduce(0) { $0 + Double($1.count) * ($1.mean - grand) * ($1.mean - grand) },
                ssWithin: groups.reduce(0) { $0 + $1.sumOfSquaredDeviations })
        }
    }

    /// Sufficient statistics of the complete crossed design: n targets each rated exactly
    /// once by the same k raters (two-way ANOVA without replication).
    ///
    /// SQL over `ratings(target, rater, score)` restricted to a complete block
    /// (check `observation_count = target_count * rater_count`; Swift rejects it otherwise):
    ///
    ///     WITH g AS (SELECT avg(score) AS grand, count(*) AS n_obs,
    ///                       var_pop(score) * count(*) AS ss_total FROM ratings),
    ///          t AS (SELECT count(*) AS n, sum((m - grand)^2) AS dev       -- per-target means
    ///                FROM (SELECT avg(score) AS m FROM ratings GROUP BY target) s, g),
    ///          r AS (SELECT count(*) AS k, sum((m - grand)^2) AS dev       -- per-rater means
    ///                FROM (SELECT avg(score) AS m FROM ratings GROUP BY rater) s, g)
    ///     SELECT t.n AS target_count, r.k AS rater_count,
    ///            g.n_obs AS observation_count,                                -- must be n·k
    ///            r.k * t.dev AS ss_targets,                                   -- SSR = k Σ_i (x̄_i· − x̄)²
    ///            t.n * r.dev AS ss_raters,                                    -- SSC = n Σ_j (x̄_·j − x̄)²
    ///            g.ss_total - r.k * t.dev - t.n * r.dev AS ss_error           -- SSE
    ///     FROM g, t, r;
    public struct TwoWaySums: Sendable, Hashable {
        /// n: targets.
        public var targetCount: Int
        /// k: raters, each rating every target once.
        public var raterCount: Int
        /// Ratings in total; must equal n·k.
        public var observationCount: Int
        /// SSR = k Σ_i (x̄_i· − x̄)², between targets.
        public var ssTargets: Double
        /// SSC = n Σ_j (x̄_·j − x̄)², between raters.
        public var ssRaters: Double
        /// SSE = SS_total − SSR − SSC, residual.
        public var ssError: Double

        public init(targetCount: Int, raterCount: Int, observationCount: Int,
                    ssTargets: Double, ssRaters: Double, ssError: Double) {
            self.targetCount = targetCount
            self.raterCount = raterCount
            self.observationCount = observationCount
            self.ssTargets = ssTargets
            self.ssRaters = ssRaters
            self.ssError = ssError
        }

        /// From a raw subjects × raters matrix; nil unless every cell holds a value.
        public init?(ratings: [[Double?]]) {
            let matrix = RatingsMatrix(ratings)
            guard matrix.isComplete else { return nil }
            let rows = matrix.observedRows
            let n = rows.count, k = matrix.raterCount
            let grand = rows.flatMap { $0 }.mean
            let ssTotal = rows.flatMap { $0 }.sumOfSquaredDeviations
            let ssR = Double(k) * rows.reduce(0) { $0 + ($1.mean - grand) * ($1.mean - grand) }
            let columns = (0..<k).map { j in rows.map { $0[j] } }
            let ssC = Double(n) * columns.reduce(0) { $0 + ($1.mean - grand) * ($1.mean - grand) }
            self.init(targetCount: n, raterCount: k, observationCount: n * k,
                      ssTargets: ssR, ssRaters: ssC, ssError: ssTotal - ssR - ssC)
        }
    }

    /// ICC(1,1) and ICC(1,k) of the one-way random-effects model, valid for unbalanced
    /// data (Shrout & Fleiss 1979, case 1; McGraw & Wong 1996, with k₀ for unequal n_i):
    ///
    ///     MSB = SS_between/(g − 1),  MSW = SS_within/(N − g),  k₀ = (N − Σn_i²/N)/(g − 1)
    ///     ICC(1,1) = (MSB − MSW) / (MSB + (k₀ − 1) MSW),   ICC(1,k) = (MSB − MSW) / MSB
    ///     F = MSB/MSW on (g − 1, N − g) df;  F_L = F / F_{1−α/2}(g−1, N−g),  F_U = F · F_{1−α/2}(N−g, g−1)
    ///     ICC(1,1) ∈ [(F_L − 1)/(F_L + k₀ − 1), (F_U − 1)/(F_U + k₀ − 1)],  ICC(1,k) ∈ [1 − 1/F_L, 1 − 1/F_U]
    ///
    /// ICC(2) and ICC(3) need the crossed design and are nil here.
    public static func oneWay(_ sums: OneWaySums, confidenceLevel: Double = 0.95) -> IntraclassCorrelationResult {
        let g = sums.groupCount, total = sums.observationCount
        var result = IntraclassCorrelationResult(targetCount: g, ratingsPerTarget: nil, confidenceLevel: confidenceLevel)
        guard g >= 2 else {
            result.notes.append("fewer than 2 targets: between-target variance is undefined")
            return result
        }
        guard total > g else {
            result.notes.append("one rating per target: within-target variance is undefined")
            return result
        }
        let scale = abs(sums.ssBetween) + abs(sums.ssWithin)
        guard let ssB = nonNegative(sums.ssBetween, scale), let ssW = nonNegative(sums.ssWithin, scale),
              sums.sumOfSquaredGroupSizes.isFinite else {
            result.notes.append("sums of squares are negative or not finite")
            return result
        }
        let n = Double(total), groups = Double(g)
        let k0 = (n - sums.sumOfSquaredGroupSizes / n) / (groups - 1)
        result.ratingsPerTarget = finite(k0)
        let msb = ssB / (groups - 1), msw = ssW / (n - groups)
        guard msb > 0 || msw > 0 else {
            result.notes.append("all ratings are equal: no variance, ICC undefined")
            return result
        }
        result.icc1.value = finite((msb - msw) / (msb + (k0 - 1) * msw))
        result.icc1k.value = finite((msb - msw) / msb)
        noteUndefined([("ICC(1,1)", result.icc1), ("ICC(1,k)", result.icc1k)], in: &result)

        guard let quantile = upperQuantile(confidenceLevel, &result) else { return result }
        guard msw > 0 else {
            result.notes.append("no within-target variance: F is infinite, ICC(1) intervals omitted")
            return result
        }
        let f = msb / msw
        if let fl = quantile(groups - 1, n - groups).map({ f / $0 }),
           let fu = quantile(n - groups, groups - 1).map({ f * $0 }) {
            result.icc1.lower = finite((fl - 1) / (fl + k0 - 1))
            result.icc1.upper = finite((fu - 1) / (fu + k0 - 1))
            result.icc1k.lower = finite(1 - 1 / fl)
            result.icc1k.upper = finite(1 - 1 / fu)
        }
        return result
    }

    /// All six ICCs of the complete crossed design (Shrout & Fleiss 1979, cases 1–3):
    ///
    ///     MSR = SSR/(n − 1), MSC = SSC/(k − 1), MSE = SSE/((n − 1)(k − 1)), MSW = (SSC + SSE)/(n(k − 1))
    ///     ICC(1,1) = (MSR − MSW)/(MSR + (k − 1)MSW)            ICC(1,k) = (MSR − MSW)/MSR
    ///     ICC(2,1) = (MSR − MSE)/(MSR + (k − 1)MSE + k(MSC − MSE)/n)
    ///     ICC(2,k) = (MSR − MSE)/(MSR + (MSC − MSE)/n)
    ///     ICC(3,1) = (MSR − MSE)/(MSR + (k − 1)MSE)            ICC(3,k) = (MSR − MSE)/MSR
    ///
    /// Intervals: ICC(1) as in `oneWay`; ICC(3) from F = MSR/MSE on (n − 1, (n − 1)(k − 1)) df;
    /// ICC(2,1) from McGraw & Wong's Satterthwaite df
    ///
    ///     v = (k−1)(n−1)(k·ρ·F_j + n(1 + (k−1)ρ) − kρ)² / ((n−1)k²ρ²F_j² + (n(1 + (k−1)ρ) − kρ)²),
    ///     ρ = ICC(2,1), F_j = MSC/MSE,  F* = F_{1−α/2}(n−1, v),  F** = F_{1−α/2}(v, n−1)
    ///     L = n(MSR − F*·MSE)/(F*(k·MSC + (kn − k − n)MSE) + n·MSR)
    ///     U = n(F**·MSR − MSE)/(k·MSC + (kn − k − n)MSE + n·F**·MSR)
    ///
    /// and ICC(2,k) bounds by Spearman–Brown of those: kL/(1 + (k − 1)L).
    public static func twoWay(_ sums: TwoWaySums, confidenceLevel: Double = 0.95) -> IntraclassCorrelationResult {
        let n = sums.targetCount, k = sums.raterCount
        var result = IntraclassCorrelationResult(targetCount: n, ratingsPerTarget: Double(k), confidenceLevel: confidenceLevel)
        guard n >= 2 else {
            result.notes.append("fewer than 2 targets: between-target variance is undefined")
            return result
        }
        guard k >= 2 else {
            result.notes.append("one rater: agreement between raters is undefined")
            return result
        }
        guard sums.observationCount == n * k else {
            result.notes.append("design is not complete (observations ≠ targets × raters): use the one-way ICC")
            return result
        }
        let scale = abs(sums.ssTargets) + abs(sums.ssRaters) + abs(sums.ssError)
        guard let ssR = nonNegative(sums.ssTargets, scale), let ssC = nonNegative(sums.ssRaters, scale),
              let ssE = nonNegative(sums.ssError, scale) else {
            result.notes.append("sums of squares are negative or not finite")
            return result
        }
        // ICC(1) treats raters as nested in targets: SSC and SSE pool into SS_within.
        let oneWay = oneWay(OneWaySums(groupCount: n, observationCount: n * k,
                                       sumOfSquaredGroupSizes: Double(n * k * k),
                                       ssBetween: ssR, ssWithin: ssC + ssE),
                            confidenceLevel: confidenceLevel)
        result.icc1 = oneWay.icc1
        result.icc1k = oneWay.icc1k
        result.notes = oneWay.notes
        guard ssR > 0 || ssC > 0 || ssE > 0 else { return result }

        let nd = Double(n), kd = Double(k)
        let msr = ssR / (nd - 1), msc = ssC / (kd - 1), mse = ssE / ((nd - 1) * (kd - 1))
        let icc2 = (msr - mse) / (msr + (kd - 1) * mse + kd * (msc - mse) / nd)
        result.icc2.value = finite(icc2)
        result.icc2k.value = finite((msr - mse) / (msr + (msc - mse) / nd))
        result.icc3.value = finite((msr - mse) / (msr + (kd - 1) * mse))
        result.icc3k.value = finite((msr - mse) / msr)
        noteUndefined([("ICC(2,1)", result.icc2), ("ICC(2,k)", result.icc2k),
                       ("ICC(3,1)", result.icc3), ("ICC(3,k)", result.icc3k)], in: &result)

        guard let quantile = upperQuantile(confidenceLevel, &result, quiet: true) else { return result }
        guard mse > 0 else {
            result.notes.append("no residual variance (SSE = 0): ICC(2) and ICC(3) intervals omitted")
            return result
        }
        let df1 = nd - 1, df2 = (nd - 1) * (kd - 1)
        let f3 = msr / mse
        if let fl = quantile(df1, df2).map({ f3 / $0 }), let fu = quantile(df2, df1).map({ f3 * $0 }) {
            result.icc3.lower = finite((fl - 1) / (fl + kd - 1))
            result.icc3.upper = finite((fu - 1) / (fu + kd - 1))
            result.icc3k.lower = finite(1 - 1 / fl)
            result.icc3k.upper = finite(1 - 1 / fu)
        }
        let fj = msc / mse
        let base = nd * (1 + (kd - 1) * icc2) - kd * icc2
        let v = (kd - 1) * (nd - 1) * pow(kd * icc2 * fj + base, 2)
            / ((nd - 1) * kd * kd * icc2 * icc2 * fj * fj + base * base)
        if let fStar = quantile(df1, v), let fStarStar = quantile(v, df1) {
            let pooled = kd * msc + (kd * nd - kd - nd) * mse
            let lower = nd * (msr - fStar * mse) / (fStar * pooled + nd * msr)
            let upper = nd * (fStarStar * msr - mse) / (pooled + nd * fStarStar * msr)
            result.icc2.lower = finite(lower)
            result.icc2.upper = finite(upper)
            result.icc2k.lower = finite(kd * lower / (1 + (kd - 1) * lower))
            result.icc2k.upper = finite(kd * upper / (1 + (kd - 1) * upper))
        } else {
            result.notes.append("Satterthwaite df for ICC(2) is undefined: ICC(2) intervals omitted")
        }
        return result
    }

    /// Reference entry point from a raw subjects × raters matrix (nil = missing).
    /// Complete data get all six ICCs via `twoWay`; data with missing cells get the
    /// unbalanced one-way ICC(1,1)/ICC(1,k) via `oneWay`, with a note.
    public static func estimate(ratings: [[Double?]], confidenceLevel: Double = 0.95) -> IntraclassCorrelationResult {
        if let crossed = TwoWaySums(ratings: ratings) {
            return twoWay(crossed, confidenceLevel: confidenceLevel)
        }
        var result = oneWay(OneWaySums(ratings: ratings), confidenceLevel: confidenceLevel)
        result.notes.insert("ratings are missing: only the one-way ICC(1,1) and ICC(1,k) are defined", at: 0)
        return result
    }

    private static func noteUndefined(_ estimates: [(String, IntraclassCorrelationResult.Estimate)],
                                      in result: inout IntraclassCorrelationResult) {
        let names = estimates.filter { $0.1.value == nil }.map(\.0)
        if !names.isEmpty {
            result.notes.append("\(names.joined(separator: ", ")) undefined: zero denominator (no variance between targets or in the residual)")
        }
    }

    /// Sums of squares from SQL (e.g. SSE by subtraction) may come out a hair below zero:
    /// clamp rounding noise relative to the total, reject real negatives.
    private static func nonNegative(_ x: Double, _ scale: Double) -> Double? {
        guard x.isFinite, scale.isFinite else { return nil }
        if x >= 0 { return x }
        return x >= -1e-9 * max(1, scale) ? 0 : nil
    }

    /// The 1 − α/2 quantile of F(d1, d2) as a function, or nil (with a note) for a bad level.
    private static func upperQuantile(_ level: Double, _ result: inout IntraclassCorrelationResult,
                                      quiet: Bool = false) -> ((Double, Double) -> Double?)? {
        guard level > 0, level < 1 else {
            if !quiet { result.notes.append("confidence level must be in (0, 1): intervals omitted") }
            return nil
        }
        let p = 1 - (1 - level) / 2
        return { d1, d2 in
            FDistribution(numeratorDegreesOfFreedom: d1, denominatorDegreesOfFreedom: d2)?.quantile(p).flatMap(finite)
        }
    }
}
