/// The machine-readable files of contract §9: JSON with sorted keys, CSV in UTF-8 with a BOM.
/// Points are written from exact hundredths, never through floating point.
enum Downloads {
    /// A JSON value; objects are written with their keys sorted, so output is byte-stable.
    enum JSON {
        case string(String), int(Int), points(Points), bool(Bool), null
        case object([String: JSON]), array([JSON])

        func write(into out: inout String) {
            switch self {
            case .string(let s): Downloads.quote(s, into: &out)
            case .int(let i): out += String(i)
            case .points(let p): out += p.description
            case .bool(let b): out += b ? "true" : "false"
            case .null: out += "null"
            case .object(let members):
                out += "{"
                for (i, key) in members.keys.sorted().enumerated() {
                    if i > 0 { out += "," }
                    Downloads.quote(key, into: &out)
                    out += ":"
                    members[key]!.write(into: &out)
                }
                out += "}"
            case .array(let items):
                out += "[\n"
                for (i, item) in items.enumerated() {
                    if i > 0 { out += ",\n" }
                    item.write(into: &out)
                }
                out += "\n]"
            }
        }
    }

    static func quote(_ s: String, into out: inout String) {
        out += "\""
        if !needsEscapes(s) {
            out += s
        } else {
            for u in s.unicodeScalars {
                switch u {
                case "\"": out += "\\\""
                case "\\": out += "\\\\"
                case "\n": out += "\\n"
                case "\r": out += "\\r"
                case "\t": out += "\\t"
                case "\u{2028}": out += "\\u2028"
                case "\u{2029}": out += "\\u2029"
                default:
                    if u.value < 0x20 {
                        let hex = String(u.value, radix: 16)
                        out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                    } else { out.unicodeScalars.append(u) }
                }
            }
        }
        out += "\""
    }

    /// Whether a string holds anything `quote` must escape (most do not: one pass over the bytes).
    private static func needsEscapes(_ s: String) -> Bool {
        var s = s
        return s.withUTF8 { b in
            for i in 0..<b.count {
                let c = b[i]
                if c < 0x20 || c == 0x22 || c == 0x5C { return true }
                // U+2028 and U+2029 are E2 80 A8 and E2 80 A9.
                if c == 0xE2, i + 2 < b.count, b[i + 1] == 0x80, b[i + 2] == 0xA8 || b[i + 2] == 0xA9 { return true }
            }
            return false
        }
    }

    static func text(_ json: JSON) -> String {
        var out = ""
        json.write(into: &out)
        return out + "\n"
    }

    static func optional(_ s: String?) -> JSON { s.map(JSON.string) ?? .null }

    static func leaderboardRecord(_ row: LeaderboardRow, scoring: Bool) -> [String: JSON] {
        let e = row.entry
        return [
            "rank": .int(row.rank), "id": .string(e.id), "title": .string(e.title), "author": optional(e.author),
            "union": optional(e.union), "division": optional(e.division), "group": optional(e.group),
            "likes": .int(e.likes), "views": .int(e.views),
            "likesPoints": scoring ? row.score.likesPoints.map(JSON.points) ?? .null : .null,
            // No judge's score yet (未评 on the pages): no value, not 0.00.
            "expertPoints": scoring && !row.score.unreviewed ? row.score.expertPoints.map(JSON.points) ?? .null : .null,
            "composite": scoring ? .points(row.score.composite) : .int(e.likes),
            "eligible": .bool(row.eligible), "award": optional(row.award),
        ]
    }

    /// As `text(.array(…))` would write it, one record at a time: the whole array of records
    /// (a dictionary each) is never held at once.
    static func leaderboardJSON(_ r: CampaignResults) -> String {
        var out = "[\n"
        out.reserveCapacity(r.rows.count * 320)
        for (i, row) in r.rows.enumerated() {
            if i > 0 { out += ",\n" }
            JSON.object(leaderboardRecord(row, scoring: r.campaign.scoring != nil)).write(into: &out)
        }
        return out + "\n]\n"
    }

    static let csvColumns = ["rank", "id", "title", "author", "union", "division", "group", "likes", "views",
                             "likesPoints", "expertPoints", "composite", "eligible", "award"]

    static func leaderboardCSV(_ r: CampaignResults) -> String {
        var out = "\u{FEFF}" + csvColumns.joined(separator: ",") + "\r\n"
        for row in r.rows {
            let record = leaderboardRecord(row, scoring: r.campaign.scoring != nil)
            out += csvColumns.map { csvCell(record[$0]!) }.joined(separator: ",") + "\r\n"
        }
        return out
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
            if s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "'" }) {
                return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            }
            return s
        case .object, .array: return ""
        }
    }

    /// A week's full ranking. Written directly, row by row (a week of 20,000 rows through the
    /// `JSON` values took 0.1 s), in the same form: keys sorted, one record a line.
    static func weekJSON(_ t: WeeklyTable, _ entries: [Entry]) -> String {
        var out = "[\n"
        out.reserveCapacity(t.rows.count * 96)
        for (i, row) in t.rows.enumerated() {
            if i > 0 { out += ",\n" }
            out += "{\"id\":"
            quote(entries[row.entryIndex].id, into: &out)
            out += ",\"likes\":"
            out += String(row.likes)
            out += ",\"likesDelta\":"
            out += String(row.likesDelta)
            out += ",\"previousRank\":"
            out += row.previousRank.map { String($0) } ?? "null"
            out += ",\"rank\":"
            out += String(row.rank)
            out += ",\"views\":"
            out += String(row.views)
            out += "}"
        }
        out += "\n]\n"
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
