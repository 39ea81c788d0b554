/// True when `actual` is non-nil and within `tolerance` of `expected`.
func close(_ actual: Double?, _ expected: Double, _ tolerance: Double) -> Bool {
    guard let actual else { return false }
    return abs(actual - expected) <= tolerance
}

/// Relative closeness for values spanning many orders of magnitude.
func relativelyClose(_ actual: Double?, _ expected: Double, _ tolerance: Double) -> Bool {
    guard let actual else { return false }
    return abs(actual - expected) <= tolerance * max(abs(expected), .leastNormalMagnitude)
}

/// Krippendorff (2011) reliability data, 4 observers × 12 units, transposed to
/// units × observers (the subjects × raters layout of the API); nil = `*`.
let krippendorffExample: [[Double?]] = {
    let observers: [[Double?]] = [
        [1, 2, 3, 3, 2, 1, 4, 1, 2, nil, nil, nil],
        [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, nil, 3],
        [nil, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, nil],
        [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, nil],
    ]
    return (0..<12).map { unit in observers.map { $0[unit] } }
}()

/// Shrout & Fleiss (1979) Table 2: 6 targets × 4 judges.
let shroutFleiss: [[Double?]] = [
    [9, 2, 5, 8],
    [6, 1, 3, 2],
    [8, 4, 6, 8],
    [7, 1, 2, 6],
    [10, 5, 6, 9],
    [6, 2, 4, 7],
]

/// True when no number anywhere in the value is NaN or infinite.
func allFinite(_ values: [Double?]) -> Bool {
    values.allSatisfy { $0.map(\.isFinite) ?? true }
}
