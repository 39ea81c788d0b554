import Foundation

/// Fisher–Snedecor F distribution with d₁ (numerator) and d₂ (denominator) degrees of
/// freedom; degrees of freedom need not be integers (Satterthwaite df in ICC(2,1) CIs).
///
///     P(F ≤ f) = I_{d₁f / (d₁f + d₂)}(d₁/2, d₂/2)
///
/// Quantiles invert the incomplete beta (Newton with bisection safeguard), so
/// `quantile(cdf(f)) ≈ f` to about 1e-12 relative.
public struct FDistribution: Sendable, Hashable {
    public let numeratorDegreesOfFreedom: Double
    public let denominatorDegreesOfFreedom: Double

    /// Nil unless both degrees of freedom are finite and positive.
    public init?(numeratorDegreesOfFreedom d1: Double, denominatorDegreesOfFreedom d2: Double) {
        guard IncompleteBeta.valid(d1, d2) else { return nil }
        numeratorDegreesOfFreedom = d1
        denominatorDegreesOfFreedom = d2
    }

    /// P(F ≤ f); 0 for f ≤ 0, NaN only for NaN input.
    public func cdf(_ f: Double) -> Double {
        tails(f).lower
    }

    /// P(F > f), computed directly so small upper tails (p-values) keep their digits.
    public func survival(_ f: Double) -> Double {
        tails(f).upper
    }

    /// The f with P(F ≤ f) = p: 0 at p = 0, +∞ at p = 1, nil outside [0, 1].
    public func quantile(_ p: Double) -> Double? {
        guard p >= 0, p <= 1 else { return nil }
        let d1 = numeratorDegreesOfFreedom, d2 = denominatorDegreesOfFreedom
        let root = IncompleteBeta.inverseTails(p: p, q: 1 - p, a: d1 / 2, b: d2 / 2)
        if root.y == 0 { return .infinity }
        // x = d₁f / (d₁f + d₂)  ⇔  f = d₂x / (d₁(1 − x)); y = 1 − x is carried exactly.
        return d2 * root.x / (d1 * root.y)
    }

    private func tails(_ f: Double) -> (lower: Double, upper: Double) {
        if f.isNaN { return (.nan, .nan) }
        if f <= 0 { return (0, 1) }
        if f == .infinity { return (1, 0) }
        let d1 = numeratorDegreesOfFreedom, d2 = denominatorDegreesOfFreedom
        // Both x and 1 − x are formed directly, so neither suffers cancellation.
        let x = d1 * f / (d1 * f + d2), y = d2 / (d1 * f + d2)
        if x.isNaN || y.isNaN { return d1 * f > d2 ? (1, 0) : (0, 1) }  // overflow of d₁f
        return IncompleteBeta.tails(x: x, y: y, a: d1 / 2, b: d2 / 2)
    }
}
