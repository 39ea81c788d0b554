/// What `kinerja consistency` analyses: one year and period, a part of the organisation, and which
/// ratings make up the table analysed (one value per ratee and rater).
public struct ConsistencyRequest: Sendable, Equatable {
    public var year: Int
    public var period: String
    public var instansi: String?
    /// The ratees' unit (with its sub-units unless `includeSubunits` is false).
    public var unit: String?
    public var includeSubunits: Bool
    /// One item's score per (ratee, rater); nil: the mean of the rater's item scores for that ratee.
    public var item: String?
    /// Only ratings given in this role (atasan, rekan, bawahan, diri); nil: all.
    public var role: String?
    /// One row per unit (the ratee's) instead of one for the whole scope.
    public var byUnit: Bool
    /// The two roles compared by Cohen's kappa, on ratees rated from both.
    public var cohenRoles: RolePair
    /// Groups with fewer ratees show counts but no coefficients.
    public var minimumGroupSize: Int
    /// Add up the sums the loader keeps per unit (kinerja.unit_sums and its siblings, migration
    /// 014) when the question is the default one (every item and role). False folds the ratings
    /// at query time, as every other question does: the same answer, slower; the tests compare
    /// the two.
    public var usesLoaderSums = true

    public init(year: Int, period: String = "Y", instansi: String? = nil, unit: String? = nil, includeSubunits: Bool = true,
                item: String? = nil, role: String? = nil, byUnit: Bool = false,
                cohenRoles: RolePair = RolePair("atasan", "diri"), minimumGroupSize: Int = Privacy.minimumGroupSize) {
        self.year = year
        self.period = period
        self.instansi = instansi
        self.unit = unit
        self.includeSubunits = includeSubunits
        self.item = item
        self.role = role
        self.byUnit = byUnit
        self.cohenRoles = cohenRoles
        self.minimumGroupSize = minimumGroupSize
    }
}
