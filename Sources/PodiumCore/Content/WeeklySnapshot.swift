import Foundation

/// `weeks/<YYYY-MM-DD>.json` or `.csv` (contract §6, §13): cumulative likes and views at the end of that day.
public struct WeeklySnapshot: Sendable {
    public struct Row: Sendable {
        /// Index into `Campaign.entries` (resolved from the id once, when the file is read).
        public var entry: Int
        public var likes: Int
        public var views: Int
        /// Byte offset of `likes` in the file; turned into a line and column only for a message.
        public var likesOffset: Int
        /// Byte offsets of the id's string and of `views` (-1 when absent): a cached row is
        /// checked against the file's bytes at these places (`SnapshotCache`).
        public var idOffset: Int
        public var viewsOffset: Int
    }

    /// An entry listed but not published: not ranked, but accounted for when a cached copy is checked.
    public struct Unranked: Sendable {
        public var entry: Int
        public var idOffset: Int
    }

    public var date: CalendarDate
    /// Shown in messages: `content/campaigns/x/weeks/2024-08-11.json`.
    public var displayPath: String
    /// The file, read again only to place a problem found across snapshots.
    public var source: URL
    /// Rows of published entries (others are read, checked and left out: only published entries are ranked).
    public var rows: [Row]
    public var unranked: [Unranked] = []

    /// Whether it comes from a sheet, whose offsets are cells (`CellOffset`) rather than bytes.
    var isSheet: Bool { source.pathExtension == "csv" }
}

enum SnapshotDecoder {
    /// `index` finds an entry of entries.json by id; `published` says, by index, whether it is published.
    static func read(_ reader: JSONReader, date: CalendarDate, source: URL, index: [String: Int], published: [Bool],
                     entriesFile: String = "entries.json") -> WeeklySnapshot {
        guard let items = reader.object(reader.document.root, .root, { $0.array("entries", required: true) }) else {
            return WeeklySnapshot(date: date, displayPath: reader.displayPath, source: source, rows: [])
        }
        return read(reader, offsets: items.map(\.node.offset), date: date, source: source, index: index, published: published,
                    entriesFile: entriesFile) { .node(items[$0].node) }
    }

    /// A JSON snapshot read row by row (`JSONItems`), each row's tree dropped once read: the same
    /// snapshot and problems as the whole file's read, the file's duplicate keys first; nil when
    /// the file cannot be split into rows or a row does not parse, for the whole read to report where.
    static func read(bytes: [UInt8], display: String, date: CalendarDate, source: URL, index: [String: Int], published: [Bool],
                     entriesFile: String = "entries.json") -> (WeeklySnapshot, Diagnostics)? {
        guard let file = JSONItems(bytes: bytes, display: display, member: "entries") else { return nil }
        let reader = JSONReader(document: file.document, displayPath: display)
        var duplicates: [(key: String, offset: Int)] = [], failed = false
        let snapshot = file.bytes.withUnsafeBufferPointer { bytes in
            read(reader, offsets: file.offsets, date: date, source: source, index: index, published: published,
                 entriesFile: entriesFile) { i -> Row? in
                guard !failed else { return nil }
                if let plain = SnapshotRowFields(plain: bytes, file.ranges[i]) { return .plain(plain) }
                guard let item = file.item(i) else { failed = true; return nil }
                duplicates += item.duplicates
                return .node(item.node)
            }
        }
        guard !failed else { return nil }
        var problems = Diagnostics()
        SiteLoader.reportDuplicates(duplicates, in: file.document, into: &problems)
        problems.append(contentsOf: reader.diagnostics)
        return (snapshot, problems)
    }

    /// A row as read: a JSON value to check, or a row in its usual form already read from its bytes.
    private enum Row {
        case node(JSONNode)
        case plain(SnapshotRowFields)
    }

    /// The rows at `offsets`, which `row` gives (nil: the row could not be had, and is skipped).
    private static func read(_ reader: JSONReader, offsets: [Int], date: CalendarDate, source: URL, index: [String: Int], published: [Bool],
                             entriesFile: String, row: (Int) -> Row?) -> WeeklySnapshot {
        var rows: [WeeklySnapshot.Row] = [], unranked: [WeeklySnapshot.Unranked] = []
        rows.reserveCapacity(offsets.count)
        var seenAt = [Int](repeating: -1, count: published.count)
        for position in offsets.indices {
            let field = FieldPath.root.key("entries").index(position)
            let fields: SnapshotRowFields
            switch row(position) {
            case nil: continue
            case .plain(let plain): fields = plain
            case .node(let node):
                // The row's fields, all read (and so accepted) before anything is judged.
                guard let (o, id, likes, views) = reader.object(node, field, { o -> (JSONObject, String?, Int?, Int)? in
                    (o, o.string("id", required: true), o.integer("likes", required: true), o.integer("views") ?? 0)
                }), let id, let likes else { continue }
                fields = SnapshotRowFields(id: id, likes: likes, views: views, idOffset: o.offset(of: "id"), likesOffset: o.offset(of: "likes"),
                                          viewsOffset: o.member("views")?.value.offset ?? -1)
            }
            let id = fields.id
            guard let entry = index[id] else {
                var message = "no entry has the id \"\(id)\" in \(entriesFile)"
                if let hint = NameSuggestion.closest(to: id, in: Array(index.keys)) { message += "; did you mean \"\(hint)\"?" }
                reader.error(fields.idOffset, field.key("id"), message)
                continue
            }
            if seenAt[entry] >= 0 {
                let first = seenAt[entry]
                reader.error(fields.idOffset, field.key("id"), "\"\(id)\" is already listed at \(reader.document.item(first, at: offsets[first], noun: "entries"))")
                continue
            }
            seenAt[entry] = position
            guard published[entry] else {
                unranked.append(WeeklySnapshot.Unranked(entry: entry, idOffset: fields.idOffset))
                continue
            }
            rows.append(WeeklySnapshot.Row(entry: entry, likes: fields.likes, views: fields.views, likesOffset: fields.likesOffset,
                                           idOffset: fields.idOffset, viewsOffset: fields.viewsOffset))
        }
        return WeeklySnapshot(date: date, displayPath: reader.displayPath, source: source, rows: rows, unranked: unranked)
    }

    /// Totals are cumulative: an entry's likes may not go down from one snapshot to the next.
    static func checkCumulative(_ snapshots: [WeeklySnapshot], entries: [Entry], into diagnostics: inout Diagnostics) {
        var lastLikes = [Int](repeating: -1, count: entries.count)
        var lastDate = [Int](repeating: -1, count: entries.count)
        for (s, snapshot) in snapshots.enumerated() {
            var lines: LineIndex?
            for row in snapshot.rows {
                let previous = lastLikes[row.entry]
                if previous >= 0, row.likes < previous {
                    if lines == nil, !snapshot.isSheet { lines = LineIndex((try? FileSystem.read(snapshot.source.path)) ?? []) }
                    diagnostics.error(snapshot.displayPath, at: lines?.position(of: row.likesOffset) ?? CellOffset.position(row.likesOffset), field: "likes",
                                      "\"\(entries[row.entry].id)\" has \(row.likes) likes, fewer than the \(previous) of \(snapshots[lastDate[row.entry]].date): snapshot totals are cumulative")
                }
                lastLikes[row.entry] = row.likes
                lastDate[row.entry] = s
            }
        }
    }
}
