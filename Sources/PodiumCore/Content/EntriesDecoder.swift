/// Reads and validates `entries.json` (contract §4), or entries.csv read as it (§13), against its campaign. Each key is declared by
/// its read (`JSONReader.object`): a new optional field is one line in `readEntry` and the model's property.
enum EntriesDecoder {
    static func read(_ reader: JSONReader, campaign: Campaign) -> [Entry] {
        guard let items = reader.array(reader.document.root, .root) else { return [] }
        let itemOffsets = items.map(\.offset)
        let read = slices(items.count, reader.document, reader.displayPath, campaign) { index in items[index] }
        return collect(read, itemOffsets, into: reader)
    }

    /// entries.json read item by item (`JSONItems`): each slice of items parsed and read on its
    /// own core, each item's tree dropped once read. The same entries and problems as the whole
    /// file's read, the file's syntax problems (duplicate keys) first; nil when the file cannot
    /// be split into items or an item does not parse, for the whole read to report where.
    static func read(bytes: [UInt8], display: String, campaign: Campaign) -> (entries: [Entry], problems: Diagnostics)? {
        guard let file = JSONItems(bytes: bytes, display: display) else { return nil }
        let failed = FailureFlag()
        nonisolated(unsafe) var duplicates: [[(key: String, offset: Int)]] = Array(repeating: [], count: file.ranges.count)
        let read = duplicates.withUnsafeMutableBufferPointer { found in
            nonisolated(unsafe) let found = found
            return slices(file.ranges.count, file.document, display, campaign) { index -> JSONNode? in
                guard let item = file.item(index) else { failed.set(); return nil }
                found[index] = item.duplicates
                return item.node
            }
        }
        guard !failed.isSet else { return nil }
        var problems = Diagnostics()
        SiteLoader.reportDuplicates(duplicates.joined(), in: file.document, into: &problems)
        let reader = JSONReader(document: file.document, displayPath: display)
        let entries = collect(read, file.offsets, into: reader)
        problems.append(contentsOf: reader.diagnostics)
        return (entries, problems)
    }

    /// Items read in slices on all cores, each slice with its own reader for problems; `node`
    /// gives an item's value (nil: it could not be had, and the item is skipped).
    private static func slices(_ count: Int, _ document: JSONDocument, _ display: String, _ campaign: Campaign,
                               _ node: @escaping @Sendable (Int) -> JSONNode?) -> [(entries: [(entry: Entry, idOffset: Int)], problems: Diagnostics)] {
        let divisions = campaign.divisions.map(Set.init)
        let groups = campaign.groups.map { Set($0.values) }
        let slice = 2048
        return Array(stride(from: 0, to: count, by: slice)).concurrentMap { start in
            let part = JSONReader(document: document, displayPath: display)
            var found: [(entry: Entry, idOffset: Int)] = []
            for index in start..<min(count, start + slice) {
                guard let item = node(index) else { continue }
                let read = part.object(item, FieldPath.root.index(index)) { o in
                    readEntry(o, index: index, campaign: campaign, divisions: divisions, groups: groups).map { (entry: $0, idOffset: o.offset(of: "id")) }
                }
                if let read { found.append(read) }
            }
            return (found, part.diagnostics)
        }
    }

    /// The slices' entries in file order, each id once: a repeated id is an error at the later item.
    private static func collect(_ parts: [(entries: [(entry: Entry, idOffset: Int)], problems: Diagnostics)], _ itemOffsets: [Int],
                                into reader: JSONReader) -> [Entry] {
        var entries: [Entry] = []
        entries.reserveCapacity(itemOffsets.count)
        var firstIndexOfId: [String: Int] = [:]
        for part in parts {
            reader.append(part.problems)
            for (entry, idOffset) in part.entries {
                if let first = firstIndexOfId[entry.id] {
                    reader.error(idOffset, FieldPath.root.index(entry.index).key("id"),
                                 "the id \"\(entry.id)\" is already used by \(reader.document.item(first, at: itemOffsets[first], noun: "entry"))")
                    continue
                }
                firstIndexOfId[entry.id] = entry.index
                entries.append(entry)
            }
        }
        return entries
    }

    static func isValidId(_ id: String) -> Bool {
        guard (1...64).contains(id.utf8.count) else { return false }
        return id.utf8.allSatisfy { b in
            (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x2D || b == 0x5F
        }
    }

    /// A path inside the campaign folder: relative, no `..`, no backslashes.
    static func isSafeRelativePath(_ path: String) -> Bool {
        !path.hasPrefix("/") && !path.contains("\\") && !path.split(separator: "/").contains("..") && !path.contains(":")
    }

    static func isWebURL(_ s: String) -> Bool {
        (s.hasPrefix("https://") || s.hasPrefix("http://")) && !s.contains(where: { $0.isWhitespace || $0 == "\"" || $0 == "<" || $0 == ">" })
    }

    private static func readEntry(_ o: JSONObject, index: Int, campaign: Campaign,
                                  divisions: Set<String>?, groups: Set<String>?) -> Entry? {
        let r = o.reader
        let f = o.field
        var ok = true
        let id = o.string("id", required: true)
        if let id, !isValidId(id) {
            r.error(o.offset(of: "id"), f.key("id"), "\"\(id)\" is not a valid id: use 1 to 64 letters, digits, '-' or '_'")
            ok = false
        }
        let title = o.string("title", required: true)
        var kind = Entry.Kind.individual
        if let k = o.string("kind") {
            if let parsed = Entry.Kind(rawValue: k) { kind = parsed } else {
                r.error(o.offset(of: "kind"), f.key("kind"), "must be \"individual\" or \"unit\", found \"\(k)\"")
            }
        }
        var status = Entry.Status.published
        if let s = o.string("status") {
            if let parsed = Entry.Status(rawValue: s) { status = parsed } else {
                r.error(o.offset(of: "status"), f.key("status"), "must be \"published\", \"pending\" or \"rejected\", found \"\(s)\"")
            }
        }
        let division = o.string("division")
        if let division, let divisions, !divisions.contains(division) {
            var message = "\"\(division)\" is not one of the campaign's divisions"
            if let hint = NameSuggestion.closest(to: division, in: campaign.divisions ?? []) { message += "; did you mean \"\(hint)\"?" }
            r.error(o.offset(of: "division"), f.key("division"), message)
        }
        let group = o.string("group")
        if let group {
            if let groups, !groups.contains(group) {
                r.error(o.offset(of: "group"), f.key("group"), "\"\(group)\" is not one of the groups: \(campaign.groups!.values.joined(separator: ", "))")
            } else if groups == nil {
                r.error(o.offset(of: "group"), f.key("group"), "the campaign defines no \"groups\"")
            }
        }
        var submitted: Instant?
        let submittedText = o.string("submitted")
        if let text = submittedText {
            if let date = CalendarDate(text) {
                submitted = Instant(startOf: date, in: campaign.timezone)
            } else {
                var bytes = text
                switch bytes.withUTF8({ TimeParser.parse($0) }) {
                case .success(let instant): submitted = instant
                case .failure(let failure):
                    let problem = failure == .format ? "is neither a date (YYYY-MM-DD) nor a time with an offset (2024-08-05T09:30:00+08:00)" : failure.message
                    r.error(o.offset(of: "submitted"), f.key("submitted"), "\"\(text)\" \(problem)")
                }
            }
        }
        var scores: [ExactDecimal] = []
        for (node, field) in o.array("expertScores") ?? [] {
            guard let score = JSONObject.decimal(node, field, r, min: ExactDecimal(0)) else { continue }
            if let scale = campaign.scoring?.scale, score > scale {
                r.error(node.offset, field, "the score \(score) is above the scale \(scale)")
                continue
            }
            scores.append(score)
        }
        let images = o.stringArray("images") ?? []
        for (i, path) in images.enumerated() where !isSafeRelativePath(path) {
            r.error(o.offset(of: "images"), f.key("images").index(i), "\"\(path)\" must be a path inside the campaign folder")
        }
        let cover = o.string("cover")
        if let cover, !isWebURL(cover), !isSafeRelativePath(cover) {
            r.error(o.offset(of: "cover"), f.key("cover"), "\"\(cover)\" must be an http(s) URL or a path inside the campaign folder")
        }
        var video = o.string("video")
        if let v = video, !isWebURL(v) {
            r.error(o.offset(of: "video"), f.key("video"), "\"\(v)\" must be an http or https URL")
            video = nil
        }
        var organizations = o.stringArray("organizations") ?? []
        var seen: Set<String> = []
        organizations = organizations.filter { seen.insert($0).inserted }

        let author = o.string("author")
        let declaredLikes = o.integer("likes")   // read once: a bad value is one error
        let summary = o.string("summary")
        if let summary, let line = MarkdownDepth.tooDeep(summary) {
            r.error(o.offset(of: "summary"), f.key("summary"), "block quotes and lists nest more than \(MarkdownDepth.limit) levels deep (line \(line) of the summary)")
        }
        // Only a hash of who it is: the key may come from a phone number, which no model holds.
        let named = o.string("person"), phone = o.string("phone")
        let person = (named ?? phone ?? author).map(Hashing.sha256Hex)
        let entry = Entry(.init(
            index: index, position: r.position(o.offset), id: id ?? "", title: title ?? "",
            author: author, personKey: person, kind: kind, union: o.string("union"), region: o.string("region"),
            division: division, organizations: organizations, group: group, category: o.string("category"),
            submitted: submitted, submittedText: submittedText, status: status,
            durationSeconds: o.decimal("durationSeconds", min: ExactDecimal(0)),
            videoMB: o.decimal("videoMB", min: ExactDecimal(0)),
            textChars: o.integer("textChars"), images: images, cover: cover, coverPosition: cover == nil ? nil : r.position(o.offset(of: "cover")), video: video,
            likes: declaredLikes ?? 0, declaredLikes: declaredLikes, views: o.integer("views") ?? 0, favorites: o.integer("favorites") ?? 0,
            expertScores: scores, badges: o.stringArray("badges") ?? [], summary: summary))
        return ok && id != nil && title != nil ? entry : nil
    }
}

/// Reads `winners.json`: the official decision, `[{ "id", "award" }]`.
enum WinnersDecoder {
    /// `awards`: the names of the campaign's `awards` and `organizationAwards`; any other award is
    /// an error (contract §5: a typo must never reach the public site).
    static func read(_ reader: JSONReader, entries: [Entry], awards: [String]) -> [Winner] {
        guard let items = reader.array(reader.document.root, .root) else { return [] }
        let byId = Dictionary(entries.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var winners: [Winner] = []
        var seen: [String: Int] = [:]
        for (index, node) in items.enumerated() {
            let field = FieldPath.root.index(index)
            // Both fields read (and so accepted) before either is judged.
            guard let (o, id, award) = reader.object(node, field, { o in (o, o.string("id", required: true), o.string("award", required: true)) }),
                  let id, let award else { continue }
            let known = awards.contains(award)
            if !known {
                var message = "\"\(award)\" is not one of the campaign's awards"
                if let hint = NameSuggestion.closest(to: award, in: awards) { message += "; did you mean \"\(hint)\"?" }
                else { message += " (\(awards.joined(separator: ", ")))" }
                reader.error(o.offset(of: "award"), field.key("award"), message)
            }
            guard let entry = byId[id] else {
                var message = "no entry has the id \"\(id)\""
                if let hint = NameSuggestion.closest(to: id, in: Array(byId.keys)) { message += "; did you mean \"\(hint)\"?" }
                reader.error(o.offset(of: "id"), field.key("id"), message)
                continue
            }
            if !entry.isPublished {
                reader.error(o.offset(of: "id"), field.key("id"), "the entry \"\(id)\" is \(entry.status.rawValue), not published")
                continue
            }
            if let first = seen[id] {
                reader.error(o.offset(of: "id"), field.key("id"), "the entry \"\(id)\" already has an award at [\(first)]")
                continue
            }
            seen[id] = index
            guard known else { continue }
            winners.append(Winner(id: id, award: award, position: reader.position(o.offset)))
        }
        return winners
    }
}
