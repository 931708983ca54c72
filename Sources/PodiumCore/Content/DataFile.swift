import Foundation

/// A data file that a campaign may keep as JSON or as a spreadsheet export (contract §13):
/// `entries.json` or `entries.csv`, `weeks/2024-08-11.json` or `weeks/2024-08-11.csv`, never both.
struct DataFile: Sendable {
    enum Form: String, Sendable { case json, csv }

    /// The file's name in its folder (`entries.csv`).
    var name: String
    var form: Form

    /// The form of `stem` in `names` (a folder's visible names); nil when there is none. Both forms
    /// at once is an error naming the two files.
    static func find(_ stem: String, in names: [String], display: String, into diagnostics: inout Diagnostics) -> DataFile? {
        let forms = [Form.json, .csv].filter { names.contains("\(stem).\($0.rawValue)") }
        guard forms.count < 2 else {
            diagnostics.error("\(display)/\(stem).csv", "\(stem).json and \(stem).csv are both here: one says what the other does, so keep one of them")
            return nil
        }
        return forms.first.map { DataFile(name: "\(stem).\($0.rawValue)", form: $0) }
    }

    /// Excel's and WPS's own workbooks: read by no one here, so their owner is told how to export them.
    static func isWorkbook(_ name: String) -> Bool {
        let lower = name.lowercased()
        return [".xlsx", ".xls", ".xlsm", ".et"].contains { lower.hasSuffix($0) }
    }

    static let workbookAdvice = "Podium reads spreadsheets saved as CSV, not workbooks: in Excel choose 文件 → 另存为 → 「CSV UTF-8（逗号分隔）(*.csv)」; in WPS 文件 → 另存为 → 「CSV (逗号分隔)」; then name the file entries.csv (or weeks/<YYYY-MM-DD>.csv)"
}
