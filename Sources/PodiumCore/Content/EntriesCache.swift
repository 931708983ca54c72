import Foundation

/// A campaign's entries as read and validated before, kept beside the output (in the same folder
/// as `SnapshotCache`, never inside the output) so a rebuild whose entries file and campaign.json
/// did not change does not parse and check them again: at 20,000 entries that is most of a
/// weekly rebuild's loading.
///
/// A cache file is named by its key: the fingerprint of this Podium executable (`Fingerprint.program`),
/// of campaign.json's bytes and of the entries file's name and bytes, everything the decoder reads.
/// It is trusted only when it carries that same key, its length and a fingerprint of its contents;
/// anything else (a torn, truncated, edited or foreign file) is a miss, and the entries are read
/// from their file as if there were no cache. Only entries read without any problem are stored, so a
/// cached load has nothing to report.
struct EntriesCache: Sendable {
    let folder: URL
    private static let magic = "PODENTRIES2"

    static func key(campaign: [UInt8], file: String, bytes: [UInt8]) -> Fingerprint {
        var h = FingerprintHasher()
        h.add(Fingerprint.program)
        h.add(campaign)
        h.add(file)
        h.add(bytes)
        return h.finish()
    }

    static let suffix = ".entries"
    static func fileName(_ key: Fingerprint) -> String { "\(key)" + suffix }
    private func path(_ key: Fingerprint) -> String { folder.appendingPathComponent(Self.fileName(key)).path }

    /// The entries stored under `key`, if the file is whole and is the one for this key.
    func load(_ key: Fingerprint) -> [Entry]? {
        guard let (bytes, start) = KeyedFile.read(path(key), magic: Self.magic, key: key) else { return nil }
        return Self.entries(bytes, from: start)
    }

    /// The entries written from `start` to the end of `bytes`; nil for anything malformed (never a trap).
    static func entries(_ bytes: [UInt8], from start: Int = 0) -> [Entry]? {
        var r = ByteReader(bytes, from: start)
        let shared = SharedValues(reading: &r)
        let entries = r.list { Entry(reading: &$0, shared) }
        guard !r.failed, r.isAtEnd else { return nil }
        return entries
    }

    /// The bytes `entries(_:)` reads back: the values many entries share, then the entries.
    static func body(_ entries: [Entry]) -> [UInt8] {
        var shared = SharedValues()
        for e in entries { shared.collect(e) }
        var body = ByteWriter(capacity: entries.count * 256)
        shared.write(to: &body)
        body.list(entries) { $1.write(to: &$0, shared) }
        return body.bytes
    }

    /// Written under a temporary name and renamed: a reader never sees half a file.
    func store(_ entries: [Entry], for key: Fingerprint) {
        KeyedFile.write(Self.body(entries), to: path(key), magic: Self.magic, key: key)
    }
}

extension Entry {
    /// Every stored property, in declaration order (a new property is one line here and one below).
    fileprivate func write(to w: inout ByteWriter, _ shared: SharedValues) {
        w.int(index)
        w.int(position.line); w.int(position.column)
        w.string(id)
        w.string(title)
        w.optionalString(author)
        w.optionalString(personKey)
        w.bool(kind == .unit)
        shared.write(union, to: &w)
        shared.write(region, to: &w)
        shared.write(division, to: &w)
        shared.write(organizations, to: &w)
        shared.write(group, to: &w)
        shared.write(category, to: &w)
        w.optional(submitted) { $0.int(Int($1.seconds)) }
        shared.write(submittedText, to: &w)
        w.int(status == .published ? 0 : status == .pending ? 1 : 2)
        w.optional(durationSeconds) { $0.decimal($1) }
        w.optional(videoMB) { $0.decimal($1) }
        w.optionalInt(textChars)
        w.strings(images)
        w.optionalString(cover)
        w.optional(coverPosition) { $0.int($1.line); $0.int($1.column) }
        w.optionalString(video)
        w.int(likes)
        w.optionalInt(declaredLikes)
        w.int(views)
        w.int(favorites)
        w.list(expertScores) { $0.decimal($1) }
        shared.write(badges, to: &w)
        w.optionalString(summary)
    }

    fileprivate init(reading r: inout ByteReader, _ shared: SharedValues) {
        self.init(Fields(index: r.int(), position: SourcePosition(line: r.int(), column: r.int()), id: r.string(), title: r.string(),
                  author: r.optionalString(), personKey: r.optionalString(), kind: r.bool() ? .unit : .individual,
                  union: shared.string(&r), region: shared.string(&r), division: shared.string(&r),
                  organizations: shared.list(&r), group: shared.string(&r), category: shared.string(&r),
                  submitted: r.optional { Instant(seconds: Int64($0.int())) }, submittedText: shared.string(&r),
                  status: [Status.published, .pending, .rejected][min(2, max(0, r.int()))],
                  durationSeconds: r.optional { $0.decimal() }, videoMB: r.optional { $0.decimal() }, textChars: r.optionalInt(),
                  images: r.strings(), cover: r.optionalString(),
                  coverPosition: r.optional { SourcePosition(line: $0.int(), column: $0.int()) }, video: r.optionalString(),
                  likes: r.int(), declaredLikes: r.optionalInt(), views: r.int(), favorites: r.int(),
                  expertScores: r.list { $0.decimal() }, badges: shared.list(&r), summary: r.optionalString()))
    }
}

/// The values many entries repeat (a union, a division, an organization list, a day), written
/// once before the entries, which give their number: reading them back makes each string once,
/// and the entries share it.
private struct SharedValues {
    private var strings: [String] = []
    private var lists: [[String]] = []
    private var stringNumbers: [String: Int] = [:]
    private var listNumbers: [[String]: Int] = [:]

    init() {}

    mutating func collect(_ e: Entry) {
        for s in [e.union, e.region, e.division, e.group, e.category, e.submittedText] {
            if let s, stringNumbers[s] == nil { stringNumbers[s] = strings.count; strings.append(s) }
        }
        for l in [e.organizations, e.badges] where listNumbers[l] == nil {
            listNumbers[l] = lists.count
            lists.append(l)
        }
    }

    func write(to w: inout ByteWriter) {
        w.strings(strings)
        w.list(lists) { $0.strings($1) }
    }

    /// A string by its number (0 for none, else number + 1), a list by its number. `body` collects
    /// every entry's values before it writes any entry, so each value has its number.
    func write(_ value: String?, to w: inout ByteWriter) { w.int(value.map { stringNumbers[$0]! + 1 } ?? 0) }
    func write(_ value: [String], to w: inout ByteWriter) { w.int(listNumbers[value]!) }

    init(reading r: inout ByteReader) {
        strings = r.strings()
        lists = r.list { $0.strings() }
    }

    /// A number out of range fails the reader (the file is then a miss).
    func string(_ r: inout ByteReader) -> String? {
        let n = r.int()
        guard n != 0 else { return nil }
        guard n > 0, n <= strings.count else { r.fail(); return nil }
        return strings[n - 1]
    }

    func list(_ r: inout ByteReader) -> [String] {
        let n = r.int()
        guard n >= 0, n < lists.count else { r.fail(); return [] }
        return lists[n]
    }
}

/// Exact decimals in the caches (`StandingsCache` too): units in two words, then the scale.
extension ByteWriter {
    mutating func decimal(_ value: ExactDecimal) {
        int(Int(truncatingIfNeeded: value.units >> 64))
        int(Int(bitPattern: UInt(truncatingIfNeeded: value.units)))
        int(value.scale)
    }
}

extension ByteReader {
    mutating func decimal() -> ExactDecimal {
        let high = Int128(int()), low = UInt64(UInt(bitPattern: int()))
        return ExactDecimal(units: high << 64 | Int128(low), scale: int())
    }
}
