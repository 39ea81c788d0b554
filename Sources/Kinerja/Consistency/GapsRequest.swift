/// What `kinerja gaps` compares: two rater roles on the same people, per unit, over a span of years.
public struct GapsRequest: Sendable, Equatable {
    public var fromYear: Int?
    public var toYear: Int?
    /// nil: every period.
    public var period: String?
    public var instansi: String?
    /// The ratees' unit (with its sub-units unless `includeSubunits` is false).
    public var unit: String?
    public var includeSubunits: Bool
    /// nil: every item.
    public var item: String?
    /// Role A minus role B; nil: atasan − bawahan, atasan − rekan and atasan − diri.
    public var roles: RolePair?
    /// Gaps over fewer ratees are not shown.
    public var minimumGroupSize: Int

    public init(fromYear: Int? = nil, toYear: Int? = nil, period: String? = nil, instansi: String? = nil, unit: String? = nil,
                includeSubunits: Bool = true, item: String? = nil, roles: RolePair? = nil,
                minimumGroupSize: Int = Privacy.minimumGroupSize) {
        self.fromYear = fromYear
        self.toYear = toYear
        self.period = period
        self.instansi = instansi
        self.unit = unit
        self.includeSubunits = includeSubunits
        self.item = item
        self.roles = roles
        self.minimumGroupSize = minimumGroupSize
    }
}
