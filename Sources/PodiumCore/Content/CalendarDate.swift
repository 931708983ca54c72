/// A calendar day (`YYYY-MM-DD`), valid in the proleptic Gregorian calendar.
public struct CalendarDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              (1...CalendarDate.daysIn(month: month, year: year)).contains(day) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses exactly `YYYY-MM-DD`.
    public init?(_ text: some StringProtocol) {
        let b = Array(text.utf8)
        guard b.count == 10, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"),
              let y = Self.number(b[0..<4]), let m = Self.number(b[5..<7]), let d = Self.number(b[8..<10]) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    static func number(_ bytes: ArraySlice<UInt8>) -> Int? {
        var value = 0
        for b in bytes {
            guard b >= 0x30 && b <= 0x39 else { return nil }
            value = value * 10 + Int(b - 0x30)
        }
        return value
    }

    static func isLeap(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days since 1970-01-01 (Howard Hinnant's days_from_civil).
    public var daysSinceEpoch: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    public init(daysSinceEpoch z0: Int) {
        let z = z0 + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.year = yoe + era * 400 + (m <= 2 ? 1 : 0)
        self.month = m
        self.day = d
    }

    public static func < (a: CalendarDate, b: CalendarDate) -> Bool { a.daysSinceEpoch < b.daysSinceEpoch }

    public var description: String {
        func pad(_ n: Int, _ width: Int) -> String {
            let s = String(n)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    /// `2021年3月1日`, as the notices write dates.
    public var chinese: String { "\(year)年\(month)月\(day)日" }
}

/// A fixed offset from UTC such as `+08:00`.
public struct UTCOffset: Sendable, Hashable, CustomStringConvertible {
    public let seconds: Int
    public static let beijing = UTCOffset(seconds: 8 * 3600)

    init(seconds: Int) { self.seconds = seconds }

    /// Parses `+08:00`, `-05:30` or `Z`.
    public init?(_ text: some StringProtocol) {
        if text == "Z" { self.init(seconds: 0); return }
        let b = Array(text.utf8)
        guard b.count == 6, b[0] == UInt8(ascii: "+") || b[0] == UInt8(ascii: "-"), b[3] == UInt8(ascii: ":"),
              let h = CalendarDate.number(b[1..<3]), let m = CalendarDate.number(b[4..<6]), h <= 14, m < 60 else { return nil }
        self.init(seconds: (b[0] == UInt8(ascii: "-") ? -1 : 1) * (h * 3600 + m * 60))
    }

    public var description: String {
        let s = abs(seconds)
        let h = s / 3600, m = (s % 3600) / 60
        return (seconds < 0 ? "-" : "+") + (h < 10 ? "0" : "") + "\(h):" + (m < 10 ? "0" : "") + "\(m)"
    }
}

/// An instant: seconds since 1970-01-01T00:00:00Z.
public struct Instant: Sendable, Hashable, Comparable {
    public let seconds: Int64
    public init(seconds: Int64) { self.seconds = seconds }

    /// The first instant of a day in a time zone.
    public init(startOf date: CalendarDate, in offset: UTCOffset) {
        seconds = Int64(date.daysSinceEpoch) * 86400 - Int64(offset.seconds)
    }

    /// The calendar day this instant falls on in a time zone.
    public func date(in offset: UTCOffset) -> CalendarDate {
        let local = seconds + Int64(offset.seconds)
        let days = local >= 0 ? local / 86400 : (local - 86399) / 86400
        return CalendarDate(daysSinceEpoch: Int(days))
    }

    public static func < (a: Instant, b: Instant) -> Bool { a.seconds < b.seconds }
}
