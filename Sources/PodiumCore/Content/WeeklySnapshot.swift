/// `weeks/<YYYY-MM-DD>.json` (contract §6): cumulative likes and views at the end of that day.
public struct WeeklySnapshot: Sendable {
    public struct Row: Sendable {
        public var id: String
        public var likes: Int
        public var views: Int
        public var position: SourcePosition
    }

    public var date: CalendarDate
    /// Shown in messages: `content/campaigns/x/weeks/2024-08-11.json`.
    public var displayPath: String
    /// Rows of published entries (others are read, checked and left out: only published entries are ranked).
    public var rows: [Row]
}

enum SnapshotDecoder {
    /// `published` says, for every id of entries.json, whether that entry is published.
    static func read(_ reader: JSONReader, date: CalendarDate, published: [String: Bool]) -> WeeklySnapshot {
        var rows: [WeeklySnapshot.Row] = []
        guard let root = reader.object(reader.document.root, .root, keys: ["entries"]),
              let items = root.array("entries", required: true) else {
            return WeeklySnapshot(date: date, displayPath: reader.displayPath, rows: [])
        }
        var seen: [String: Int] = [:]
        for (index, (node, field)) in items.enumerated() {
            guard let o = reader.object(node, field, keys: ["id", "likes", "views"]),
                  let id = o.string("id", required: true), let likes = o.integer("likes", required: true) else { continue }
            let views = o.integer("views") ?? 0
            guard let isPublished = published[id] else {
                var message = "no entry has the id \"\(id)\" in entries.json"
                if let hint = NameSuggestion.closest(to: id, in: Array(published.keys)) { message += "; did you mean \"\(hint)\"?" }
                reader.error(o.offset(of: "id"), field.key("id"), message)
                continue
            }
            if let first = seen[id] {
                reader.error(o.offset(of: "id"), field.key("id"), "\"\(id)\" is already listed at [\(first)]")
                continue
            }
            seen[id] = index
            guard isPublished else { continue }
            rows.append(WeeklySnapshot.Row(id: id, likes: likes, views: views, position: reader.position(o.offset(of: "likes"))))
        }
        return WeeklySnapshot(date: date, displayPath: reader.displayPath, rows: rows)
    }

    /// Totals are cumulative: an entry's likes may not go down from one snapshot to the next.
    static func checkCumulative(_ snapshots: [WeeklySnapshot], into diagnostics: inout Diagnostics) {
        var last: [String: (likes: Int, date: CalendarDate)] = [:]
        for snapshot in snapshots {
            for row in snapshot.rows {
                if let previous = last[row.id], row.likes < previous.likes {
                    diagnostics.error(snapshot.displayPath, at: row.position, field: "likes",
                                      "\"\(row.id)\" has \(row.likes) likes, fewer than the \(previous.likes) of \(previous.date): snapshot totals are cumulative")
                }
                last[row.id] = (row.likes, snapshot.date)
            }
        }
    }
}
