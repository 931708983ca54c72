/// Times as spreadsheets write them. Excel shows a date cell in the reader's locale
/// (`2024/8/5 9:30` on Chinese Windows) and exports what it shows, without a time zone. Such a
/// time is the campaign's local time (contract: a date without a time is that whole day in the
/// campaign's time zone), so it is rewritten in the contract's form with the campaign's offset.
enum SheetTime {
    /// `2024/8/5` → `2024-08-05`; `2024-8-5 9:30` → `2024-08-05T09:30:00+08:00`. Nil for text that
    /// is already in the contract's form or in no form this knows (the decoder judges it as written).
    static func contractText(_ cell: String, timezone: UTCOffset) -> String? {
        var bytes = Array(cell.utf8)[...]
        while bytes.first == 0x20 { bytes = bytes.dropFirst() }
        while bytes.last == 0x20 { bytes = bytes.dropLast() }
        func number(_ most: Int) -> Int? {
            let digits = bytes.prefix { $0 >= 0x30 && $0 <= 0x39 }.prefix(most)
            guard !digits.isEmpty else { return nil }
            bytes = bytes.dropFirst(digits.count)
            return digits.reduce(0) { $0 * 10 + Int($1 - 0x30) }
        }
        func skip(_ byte: UInt8) -> Bool {
            guard bytes.first == byte else { return false }
            bytes = bytes.dropFirst()
            return true
        }
        let start = bytes.startIndex
        guard let y = number(4), bytes.startIndex - start == 4 else { return nil }
        let separator = bytes.first
        guard separator == 0x2F || separator == 0x2D, skip(separator!), let m = number(2), skip(separator!), let d = number(2) else { return nil }
        let day = "\(y)-\(pad(m))-\(pad(d))"
        guard CalendarDate(day) != nil else { return nil }
        if bytes.isEmpty { return day == cell ? nil : day }   // already YYYY-MM-DD: as written
        guard skip(0x20) || skip(0x54) else { return nil }
        while skip(0x20) {}
        guard let h = number(2), skip(0x3A), let minute = number(2), minute < 60, h < 24 else { return nil }
        var s = 0
        if skip(0x3A) { guard let seconds = number(2), seconds < 60 else { return nil }; s = seconds }
        guard bytes.isEmpty else { return nil }   // an offset or anything else: as written
        return "\(day)T\(pad(h)):\(pad(minute)):\(pad(s))\(timezone)"
    }

    private static func pad(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
}
