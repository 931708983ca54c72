/// The machine-readable files of contract §9: JSON with sorted keys, CSV in UTF-8 with a BOM.
/// Points are written from exact hundredths, never through floating point.
enum Downloads {
    /// A JSON value; objects are written with their keys sorted, so output is byte-stable.
    enum JSON {
        case string(String), int(Int), points(Points), bool(Bool), null
        case object([String: JSON]), array([JSON])

        func write(into out: inout [UInt8]) {
            switch self {
            case .string(let s): Downloads.quote(s, into: &out)
            case .int(let i): out.append(decimal: i)
            case .points(let p): p.write(into: &out)
            case .bool(let b): out.append(text: b ? "true" : "false")
            case .null: out.append(text: "null")
            case .object(let members):
                out.append(0x7B)
                for (i, key) in members.keys.sorted().enumerated() {
                    if i > 0 { out.append(0x2C) }
                    Downloads.quote(key, into: &out)
                    out.append(0x3A)
                    members[key]!.write(into: &out)
                }
                out.append(0x7D)
            case .array(let items):
                Downloads.array(items.count, into: &out) { items[$0].write(into: &$1) }
            }
        }
    }

    /// A JSON array as `JSON.array` writes it (one item a line), each item written by `item`.
    static func array(_ count: Int, into out: inout [UInt8], _ item: (Int, inout [UInt8]) -> Void) {
        out.append(text: "[\n")
        for i in 0..<count {
            if i > 0 { out.append(text: ",\n") }
            item(i, &out)
        }
        out.append(text: "\n]")
    }

    /// A JSON string: quotes, backslashes and control characters escaped, and U+2028 and U+2029
    /// (which end a line in older JavaScript). The runs between them are copied as they are.
    static func quote(_ s: String, into out: inout [UInt8]) {
        out.append(0x22)
        var s = s
        s.withUTF8 { b in
            var run = 0, i = 0
            while i < b.count {
                let c = b[i]
                let escape: StaticString?
                var width = 1
                switch c {
                case 0x22: escape = "\\\""
                case 0x5C: escape = "\\\\"
                case 0x0A: escape = "\\n"
                case 0x0D: escape = "\\r"
                case 0x09: escape = "\\t"
                case 0xE2 where i + 2 < b.count && b[i + 1] == 0x80 && (b[i + 2] == 0xA8 || b[i + 2] == 0xA9):
                    escape = b[i + 2] == 0xA8 ? "\\u2028" : "\\u2029"
                    width = 3
                default: escape = nil
                }
                guard escape != nil || c < 0x20 else { i += 1; continue }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: b[run..<i]))
                if let escape {
                    out.append(contentsOf: UnsafeBufferPointer(start: escape.utf8Start, count: escape.utf8CodeUnitCount))
                } else {
                    let hex: [UInt8] = Array("0123456789abcdef".utf8)
                    out.append(contentsOf: [0x5C, 0x75, 0x30, 0x30, hex[Int(c >> 4)], hex[Int(c & 0xF)]])
                }
                i += width
                run = i
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: b[run...]))
        }
        out.append(0x22)
    }

    static func bytes(_ json: JSON) -> [UInt8] {
        var out: [UInt8] = []
        json.write(into: &out)
        out.append(0x0A)
        return out
    }

    static func text(_ json: JSON) -> String { String(decoding: bytes(json), as: UTF8.self) }

    static func optional(_ s: String?) -> JSON { s.map(JSON.string) ?? .null }

    /// The leaderboard's columns: the CSV's, in this order, and each JSON record's keys (sorted there).
    static let csvColumns = ["rank", "id", "title", "author", "union", "division", "group", "likes", "views",
                             "likesPoints", "expertPoints", "composite", "eligible", "award"]
    /// The columns as a JSON record writes them: each key, quoted, with its colon, in sorted order.
    private static let jsonColumns: [(column: Int, key: [UInt8])] = csvColumns.indices
        .sorted { csvColumns[$0] < csvColumns[$1] }
        .map { i in
            var key: [UInt8] = []
            quote(csvColumns[i], into: &key)
            key.append(0x3A)
            return (i, key)
        }

    /// A row's values, in `csvColumns` order.
    static func leaderboardRecord(_ row: LeaderboardRow, scoring: Bool) -> [JSON] {
        let e = row.entry
        return [
            .int(row.rank), .string(e.id), .string(e.title), optional(e.author),
            optional(e.union), optional(e.division), optional(e.group),
            .int(e.likes), .int(e.views),
            scoring ? row.score.likesPoints.map(JSON.points) ?? .null : .null,
            // No judge's score yet (未评 on the pages): no value, not 0.00.
            scoring && !row.score.unreviewed ? row.score.expertPoints.map(JSON.points) ?? .null : .null,
            scoring ? .points(row.score.composite) : .int(e.likes),
            .bool(row.eligible), optional(row.award),
        ]
    }

    /// One record a line, keys sorted, as `bytes(.array(…))` would write it, a record at a time:
    /// the whole array of records is never held at once.
    static func leaderboardJSON(_ r: CampaignResults) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(r.rows.count * 400)
        let scoring = r.campaign.scoring != nil
        array(r.rows.count, into: &out) { i, out in
            let record = leaderboardRecord(r.rows[i], scoring: scoring)
            out.append(0x7B)
            for (k, column) in jsonColumns.enumerated() {
                if k > 0 { out.append(0x2C) }
                out.append(contentsOf: column.key)
                record[column.column].write(into: &out)
            }
            out.append(0x7D)
        }
        out.append(0x0A)
        return out
    }

    static func leaderboardCSV(_ r: CampaignResults) -> [UInt8] {
        var out: [UInt8] = [0xEF, 0xBB, 0xBF]
        out.reserveCapacity(r.rows.count * 200)
        out.append(text: csvColumns.joined(separator: ",") + "\r\n")
        let scoring = r.campaign.scoring != nil
        for row in r.rows {
            for (k, value) in leaderboardRecord(row, scoring: scoring).enumerated() {
                if k > 0 { out.append(0x2C) }
                csvCell(value, into: &out)
            }
            out.append(text: "\r\n")
        }
        return out
    }

    static func csvCell(_ value: JSON, into out: inout [UInt8]) {
        switch value {
        case .int(let i): out.append(decimal: i)
        case .points(let p): p.write(into: &out)
        default: out.append(text: csvCell(value))
        }
    }

    /// RFC 4180 quoting; text that a spreadsheet would run as a formula (=, +, -, @) gets a leading '.
    static func csvCell(_ value: JSON) -> String {
        switch value {
        case .null: return ""
        case .int(let i): return String(i)
        case .points(let p): return p.description
        case .bool(let b): return b ? "true" : "false"
        case .string(var s):
            if let first = s.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) { s = "'" + s }
            // Bytes, not Characters: "\r\n" is one Character, equal to neither "\r" nor "\n".
            if s.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D || $0 == 0x27 }) {
                return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            }
            return s
        case .object, .array: return ""
        }
    }

    /// A week's full ranking. Written directly, row by row (a week of 20,000 rows through the
    /// `JSON` values took 0.1 s), in the same form: keys sorted, one record a line.
    static func weekJSON(_ t: WeeklyTable, _ entries: [Entry]) -> [UInt8] {
        // The rows are read once: each read of `t.rows` takes the table's lock.
        let rows = t.rows
        var out: [UInt8] = []
        out.reserveCapacity(rows.count * 110)
        array(rows.count, into: &out) { i, out in
            let row = rows[i]
            out.append(text: "{\"id\":")
            quote(entries[row.entryIndex].id, into: &out)
            out.append(text: ",\"likes\":")
            out.append(decimal: row.likes)
            out.append(text: ",\"likesDelta\":")
            out.append(decimal: row.likesDelta)
            out.append(text: ",\"previousRank\":")
            if let p = row.previousRank { out.append(decimal: p) } else { out.append(text: "null") }
            out.append(text: ",\"rank\":")
            out.append(decimal: row.rank)
            out.append(text: ",\"views\":")
            out.append(decimal: row.views)
            out.append(0x7D)
        }
        out.append(0x0A)
        return out
    }

    static let winnerColumns = ["award", "group", "rank", "id", "title", "author", "union", "badges"]

    static func winnerRecords(_ w: WinnerList) -> [[String: JSON]] {
        w.sections.flatMap { s in
            s.rows.map { r in
                ["award": .string(r.award ?? ""), "group": optional(s.group), "rank": .int(r.rank), "id": .string(r.entry.id),
                 "title": .string(r.entry.title), "author": optional(r.entry.author), "union": optional(r.entry.union),
                 "badges": .string(r.entry.badges.joined(separator: "、"))]
            }
        } + w.organizations.map { o in
            ["award": .string(o.award ?? ""), "group": .null, "rank": .int(o.rank), "id": .null, "title": .null,
             "author": .string(o.name), "union": .null, "badges": .string("")]
        }
    }

    /// `status.json` (contract §12): the results state on the day the site describes, and the announcement's period.
    static func statusJSON(_ results: CampaignResults, asOf: CalendarDate) -> String {
        let a = results.campaign.announcement
        return text(.object(["state": .string(results.state.rawValue), "asOf": .string(asOf.description),
                             "announcementStart": a.map { .string($0.start.description) } ?? .null,
                             "announcementEnd": a.map { .string($0.end.description) } ?? .null])) + "\n"
    }

    static func winnersJSON(_ w: WinnerList) -> String { text(.array(winnerRecords(w).map(JSON.object))) }

    static func winnersCSV(_ w: WinnerList) -> String {
        var out = "\u{FEFF}" + winnerColumns.joined(separator: ",") + "\r\n"
        for record in winnerRecords(w) { out += winnerColumns.map { csvCell(record[$0]!) }.joined(separator: ",") + "\r\n" }
        return out
    }

    static func organizationsJSON(_ r: CampaignResults) -> String {
        text(.array(r.organizations.map {
            .object(["rank": .int($0.rank), "name": .string($0.name), "entries": .int($0.entries), "likes": .int($0.likes), "award": optional($0.award)])
        }))
    }

    static func divisionsJSON(_ r: CampaignResults) -> String {
        text(.array(r.divisions.map {
            .object(["name": .string($0.name), "entries": .int($0.entries), "entriesRank": .int($0.entriesRank),
                     "likes": .int($0.likes), "likesRank": .int($0.likesRank), "views": .int($0.views), "viewsRank": .int($0.viewsRank)])
        }))
    }
}
