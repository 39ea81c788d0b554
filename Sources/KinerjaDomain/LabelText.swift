/// Label text normalization shared by every label parser.
///
/// The data contract says labels match case-insensitively with spaces, hyphens and underscores alike
/// (`Sangat Baik` == `SANGAT_BAIK` == `sangat-baik`); slashes count as separators too
/// (`Kurang/Misconduct`). The comparison key keeps only letters and digits (like the SQL
/// `kinerja.normalize_label`), so `DI ATAS` == `DIATAS`.
public enum LabelText {
    /// The canonical display form: upper case, runs of separators (space, tab, `-`, `_`, `/`)
    /// turned into one `_`, none at the ends. `"Kurang / Misconduct"` → `"KURANG_MISCONDUCT"`.
    public static func canonical(_ text: String) -> String {
        var out = ""
        var pendingSeparator = false
        for ch in text.uppercased() {
            if isSeparator(ch) {
                pendingSeparator = !out.isEmpty
            } else {
                if pendingSeparator { out.append("_"); pendingSeparator = false }
                out.append(ch)
            }
        }
        return out
    }

    /// The comparison key: upper case, letters and digits only. `"Di Atas"` → `"DIATAS"`.
    public static func key(_ text: String) -> String {
        var out = ""
        for ch in text.uppercased() where ch.isLetter || ch.isNumber { out.append(ch) }
        return out
    }

    /// Whether `ch` is a label separator (whitespace, `-`, `_`, `/`).
    public static func isSeparator(_ ch: Character) -> Bool {
        ch == "-" || ch == "_" || ch == "/" || ch.isWhitespace
    }
}
