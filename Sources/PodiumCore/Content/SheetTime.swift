import Foundation

/// Times as spreadsheets write them. Excel shows a date cell in the reader's locale
/// (`2024/8/5 9:30` on Chinese Windows) and exports what it shows, without a time zone. Such a
/// time is the campaign's local time (contract: a date without a time is that whole day in the
/// campaign's time zone), so it is rewritten in the contract's form with the campaign's offset.
enum SheetTime {
    /// `2024/8/5` → `2024-08-05`; `2024-8-5 9:30` → `2024-08-05T09:30:00+08:00`. Nil for text that
    /// is already in the contract's form or in no form this knows (the decoder judges it as written).
    static func contractText(_ cell: String, timezone: UTCOffset) -> String? {
        let text = cell.trimmingCharacters(in: .whitespaces)
        if CalendarDate(text) != nil { return nil }
        let parts = text.split(whereSeparator: { $0 == " " || $0 == "T" })
        guard (1...2).contains(parts.count) else { return nil }
        let date = parts[0].split(whereSeparator: { $0 == "/" || $0 == "-" }).map(String.init)
        guard date.count == 3, date[0].count == 4, let y = Int(date[0]), let m = Int(date[1]), let d = Int(date[2]),
              date[1].count <= 2, date[2].count <= 2 else { return nil }
        let day = "\(y)-\(pad(m))-\(pad(d))"
        guard CalendarDate(day) != nil else { return nil }
        guard parts.count == 2 else { return day }
        let time = parts[1].split(separator: ":").map(String.init)
        guard (2...3).contains(time.count), time.allSatisfy({ (1...2).contains($0.count) && $0.allSatisfy(\.isASCII) }),
              let h = Int(time[0]), let min = Int(time[1]), let s = Int(time.count == 3 ? time[2] : "0"),
              h < 24, min < 60, s < 60 else { return nil }
        return "\(day)T\(pad(h)):\(pad(min)):\(pad(s))\(timezone)"
    }

    private static func pad(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
}
