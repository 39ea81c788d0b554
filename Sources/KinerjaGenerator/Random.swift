import Foundation

/// SplitMix64: seeds the main generator and derives independent streams.
struct SplitMix64 {
    var state: UInt64

    @inline(__always)
    mutating func next() -> UInt64 {
        state &+= 0x9E3779B97F4A7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58476D1CE4E5B9
        z = (z ^ (z >> 27)) &* 0x94D049BB133111EB
        return z ^ (z >> 31)
    }

    /// A well-mixed 64-bit value from several inputs (for stream seeds).
    static func mix(_ values: UInt64...) -> UInt64 {
        var s = SplitMix64(state: 0x243F6A8885A308D3)
        var h: UInt64 = 0
        for v in values {
            s.state ^= v &+ h
            h = s.next()
        }
        return h
    }
}

/// Precomputed standard normal quantiles so that a normal draw is one table look-up.
final class NormalTable: @unchecked Sendable {
    static let shared = NormalTable()
    let values: UnsafeMutablePointer<Float>
    static let size = 1 << 16

    private init() {
        values = .allocate(capacity: NormalTable.size)
        for i in 0..<NormalTable.size {
            values[i] = Float(inverseNormalCDF((Double(i) + 0.5) / Double(NormalTable.size)))
        }
    }
}

/// Acklam's rational approximation of the standard normal quantile (relative error < 1.2e-9).
func inverseNormalCDF(_ p: Double) -> Double {
    let a = [-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02,
             -3.066479806614716e+01, 2.506628277459239e+00]
    let b = [-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01,
             -1.328068155288572e+01]
    let c = [-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00,
             4.374664141464968e+00, 2.938163982698783e+00]
    let d = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00]
    let lo = 0.02425, hi = 1 - lo
    if p < lo {
        let q = sqrt(-2 * log(p))
        return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
            / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
    } else if p <= hi {
        let q = p - 0.5, r = q * q
        return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q
            / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1)
    } else {
        let q = sqrt(-2 * log(1 - p))
        return -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
            / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
    }
}

/// xoshiro256** (Blackman & Vigna): the only source of randomness of the generator, so a seed
/// reproduces every byte.
struct Rng {
    var s0: UInt64, s1: UInt64, s2: UInt64, s3: UInt64
    let normals: UnsafeMutablePointer<Float>

    init(seed: UInt64) {
        var sm = SplitMix64(state: seed)
        s0 = sm.next(); s1 = sm.next(); s2 = sm.next(); s3 = sm.next()
        normals = NormalTable.shared.values
    }

    /// An independent stream for (seed, a, b, c).
    init(seed: UInt64, _ a: Int, _ b: Int = 0, _ c: Int = 0) {
        self.init(seed: SplitMix64.mix(seed, UInt64(bitPattern: Int64(a)), UInt64(bitPattern: Int64(b)),
                                       UInt64(bitPattern: Int64(c))))
    }

    @inline(__always)
    mutating func next() -> UInt64 {
        let result = ((s1 &* 5) << 7 | (s1 &* 5) >> 57) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = (s3 << 45) | (s3 >> 19)
        return result
    }

    /// Uniform in [0, 1).
    @inline(__always)
    mutating func uniform() -> Double { Double(next() >> 11) * 0x1.0p-53 }

    /// Uniform integer in 0..<n (n < 2^32).
    @inline(__always)
    mutating func int(_ n: Int) -> Int { Int(((next() >> 32) &* UInt64(n)) >> 32) }

    /// Uniform integer in the closed range.
    @inline(__always)
    mutating func int(in r: ClosedRange<Int>) -> Int { r.lowerBound + int(r.upperBound - r.lowerBound + 1) }

    @inline(__always)
    mutating func chance(_ p: Double) -> Bool { uniform() < p }

    /// Standard normal (table-based).
    @inline(__always)
    mutating func normal() -> Float { normals[Int(truncatingIfNeeded: next() >> 48)] }

    /// Approximately standard normal from one draw (Irwin–Hall sum of four 16-bit uniforms, rescaled;
    /// bounded at ±3.46). Cheap noise for rating scores; tails that matter use ``normal()``.
    @inline(__always)
    mutating func fastNormal() -> Float {
        let x = next()
        let s = (x & 0xFFFF) + ((x >> 16) & 0xFFFF) + ((x >> 32) & 0xFFFF) + (x >> 48)
        return (Float(s) * (1 / 65536) - 2) * 1.7320508
    }

    /// Index drawn from unnormalised weights.
    mutating func pick(_ weights: [Double]) -> Int {
        let total = weights.reduce(0, +)
        var u = uniform() * total
        for (i, w) in weights.enumerated() {
            if u < w { return i }
            u -= w
        }
        return weights.count - 1
    }
}
