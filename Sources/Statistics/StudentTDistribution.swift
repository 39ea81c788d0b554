import Foundation

/// Student's t distribution with ν degrees of freedom (ν need not be an integer:
/// Welch–Satterthwaite df).
///
///     P(T ≤ t) = 1 − ½ I_{ν/(ν+t²)}(ν/2, ½)   for t ≥ 0, symmetric for t < 0.
public struct StudentTDistribution: Sendable, Hashable {
    public let degreesOfFreedom: Double

    /// Nil unless ν is finite and positive.
    public init?(degreesOfFreedom nu: Double) {
        guard nu.isFinite, nu > 0 else { return nil }
        degreesOfFreedom = nu
    }

    /// P(T ≤ t).
    public func cdf(_ t: Double) -> Double {
        if t.isNaN { return .nan }
        let tail = upperTail(abs(t))
        return t >= 0 ? 1 - tail : tail
    }

    /// The t with P(T ≤ t) = p: ∓∞ at p = 0 and 1, nil outside [0, 1].
    public func quantile(_ p: Double) -> Double? {
        guard p >= 0, p <= 1 else { return nil }
        if p == 0 { return -.infinity }
        if p == 1 { return .infinity }
        if p == 0.5 { return 0 }
        let nu = degreesOfFreedom
        // For t > 0: I_x(ν/2, ½) = 2(1 − p) with x = ν/(ν + t²), so t² = ν(1 − x)/x.
        let tail = p > 0.5 ? 1 - p : p
        let root = IncompleteBeta.inverseTails(p: 2 * tail, q: 2 * (0.5 - tail), a: nu / 2, b: 0.5)
        guard root.x > 0 else { return p > 0.5 ? .infinity : -.infinity }
        let t = (nu * root.y / root.x).squareRoot()
        return p > 0.5 ? t : -t
    }

    /// P(T > t) for t ≥ 0.
    private func upperTail(_ t: Double) -> Double {
        if t == .infinity { return 0 }
        let nu = degreesOfFreedom
        let t2 = t * t
        if t2 == .infinity { return 0 }
        // ½ I_x(ν/2, ½) with x = ν/(ν+t²) and 1 − x = t²/(ν+t²) both formed directly.
        return 0.5 * IncompleteBeta.tails(x: nu / (nu + t2), y: t2 / (nu + t2), a: nu / 2, b: 0.5).lower
    }
}
