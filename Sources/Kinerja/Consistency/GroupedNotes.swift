/// Notes of a consistency answer, merged so that a reader sees each reason once: coefficients
/// undefined for the same reason share one line ("gwet_ac1, gwet_ac2: no subject has …"), and in a
/// per-unit answer units with the same line share it ("every unit: …", "3 units (A, B, C): …").
struct GroupedNotes {
    private var reasons: [(reason: String, subjects: [String])] = []
    private var units: [(note: String, units: [String])] = []

    /// `subject` (a field name or a short label) is undefined or qualified for `reason`.
    mutating func add(_ subject: String, _ reason: String) {
        if let i = reasons.firstIndex(where: { $0.reason == reason }) {
            if !reasons[i].subjects.contains(subject) { reasons[i].subjects.append(subject) }
        } else {
            reasons.append((reason, [subject]))
        }
    }

    /// Moves the reasons gathered so far into the notes of `unit` ("" for the whole scope).
    mutating func close(unit: String) {
        for (reason, subjects) in reasons {
            let note = "\(subjects.joined(separator: ", ")): \(reason)"
            if let i = units.firstIndex(where: { $0.note == note }) {
                units[i].units.append(unit)
            } else {
                units.append((note, [unit]))
            }
        }
        reasons = []
    }

    /// The final lines; `unitCount` is the number of units in a per-unit answer (0 otherwise).
    func lines(unitCount: Int) -> [String] {
        units.map { note, units in
            guard unitCount > 0 else { return note }
            if units.count == unitCount, unitCount > 1 { return "every unit: \(note)" }
            if units.count == 1 { return "\(units[0]): \(note)" }
            let shown = units.prefix(5).joined(separator: ", ") + (units.count > 5 ? ", …" : "")
            return "\(units.count) units (\(shown)): \(note)"
        }
    }
}
