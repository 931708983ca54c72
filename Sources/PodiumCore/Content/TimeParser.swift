/// Parses ISO 8601 times straight from bytes (the ledger has millions of them) and says what is
/// wrong with one that does not parse.
enum TimeParser {
    enum Failure: Error {
        case format, impossibleDate, noOffset

        var message: String {
            switch self {
            case .format: "is not a time such as 2024-08-05T09:30:00+08:00"
            case .impossibleDate: "names a date or time that does not exist"
            case .noOffset: "has no offset: write the zone, e.g. 2024-08-05T09:30:00+08:00 or …Z"
            }
        }
    }

    static func parse(_ b: UnsafeBufferPointer<UInt8>) -> Result<Instant, Failure> {
        func digits(_ from: Int, _ count: Int) -> Int? {
            guard from + count <= b.count else { return nil }
            var v = 0
            for i in from..<(from + count) {
                let c = b[i]
                guard c >= 0x30 && c <= 0x39 else { return nil }
                v = v * 10 + Int(c - 0x30)
            }
            return v
        }
        guard b.count >= 16, let y = digits(0, 4), b[4] == 0x2D, let mo = digits(5, 2), b[7] == 0x2D, let d = digits(8, 2),
              b[10] == UInt8(ascii: "T") || b[10] == 0x20, let hh = digits(11, 2), b[13] == 0x3A, let mm = digits(14, 2) else {
            return .failure(.format)
        }
        guard let date = CalendarDate(year: y, month: mo, day: d), hh < 24, mm < 60 else { return .failure(.impossibleDate) }
        var i = 16
        var ss = 0
        if i < b.count, b[i] == 0x3A {
            guard let s = digits(i + 1, 2) else { return .failure(.format) }
            guard s < 60 else { return .failure(.impossibleDate) }
            ss = s
            i += 3
            if i < b.count, b[i] == 0x2E {
                i += 1
                let start = i
                while i < b.count, b[i] >= 0x30, b[i] <= 0x39 { i += 1 }
                guard i > start else { return .failure(.format) }
            }
        }
        guard i < b.count else { return .failure(.noOffset) }
        var offset = 0
        if b[i] == UInt8(ascii: "Z") && i + 1 == b.count {
            offset = 0
        } else if (b[i] == 0x2B || b[i] == 0x2D) && i + 6 == b.count, let oh = digits(i + 1, 2), b[i + 3] == 0x3A, let om = digits(i + 4, 2) {
            guard oh <= 14, om < 60 else { return .failure(.impossibleDate) }
            offset = (b[i] == 0x2D ? -1 : 1) * (oh * 3600 + om * 60)
        } else {
            return .failure(.format)
        }
        return .success(Instant(seconds: Int64(date.daysSinceEpoch) * 86400 + Int64(hh * 3600 + mm * 60 + ss) - Int64(offset)))
    }
}
