/// Names of a campaign's published entries (divisions, regions, organizations) numbered once, so
/// the totals, the weekly tables and the member lists group entries by number instead of hashing
/// each entry's names again (a string of non-ASCII text is checked for Unicode normal form every
/// time it is hashed).
/// A name is numbered where a published entry first gives it, in the entries' order.
struct NameTable: Sendable {
    private(set) var names: [String] = []
    /// Per entry, the numbers of its names: `numbers[starts[e]..<starts[e + 1]]` (one flat array:
    /// a week's totals read it for every row).
    private var starts: [Int] = [0], numbers: [Int] = []

    init(_ namesOfEntries: [[String]]) {
        var known: [String: Int] = [:]
        starts.reserveCapacity(namesOfEntries.count + 1)
        for list in namesOfEntries {
            for name in list {
                if let n = known[name] { numbers.append(n); continue }
                known[name] = names.count
                numbers.append(names.count)
                names.append(name)
            }
            starts.append(numbers.count)
        }
    }

    /// The table as stored (`StandingsCache`), for `entries` entries; nil unless every part is in range.
    init?(names: [String], starts: [Int], numbers: [Int], entries: Int) {
        guard starts.count == entries + 1, starts.first == 0, starts.last == numbers.count,
              zip(starts, starts.dropFirst()).allSatisfy({ $0 <= $1 }), numbers.allSatisfy({ $0 >= 0 && $0 < names.count }) else { return nil }
        (self.names, self.starts, self.numbers) = (names, starts, numbers)
    }

    /// Where each entry's numbers start, and the numbers (as `StandingsCache` stores them).
    var parts: (starts: [Int], numbers: [Int]) { (starts, numbers) }

    /// The numbers of entry `entry`'s names (an entry naming one twice counts twice, as it always has).
    func numbers(of entry: Int) -> ArraySlice<Int> { numbers[starts[entry]..<starts[entry + 1]] }

    /// Adds an entry's likes to the totals of each of its names.
    func add(entry: Int, likes: Int, to totals: inout [(entries: Int, likes: Int)]) {
        for k in starts[entry]..<starts[entry + 1] {
            totals[numbers[k]].entries += 1
            totals[numbers[k]].likes += likes
        }
    }

    /// Numbers in the names' code point order.
    var byName: [Int] { names.indices.sorted { names[$0].precedesInCodePoints(names[$1]) } }
}

/// The three kinds of names of a campaign's published entries, by index in `Campaign.entries`.
struct CampaignNames: Sendable {
    let divisions: NameTable, regions: NameTable, organizations: NameTable

    init(divisions: NameTable, regions: NameTable, organizations: NameTable) {
        (self.divisions, self.regions, self.organizations) = (divisions, regions, organizations)
    }

    init(_ entries: [Entry]) {
        func one(_ name: String?) -> [String] { name.map { [$0] } ?? [] }
        divisions = NameTable(entries.map { $0.isPublished ? one($0.division) : [] })
        regions = NameTable(entries.map { $0.isPublished ? one($0.region) : [] })
        organizations = NameTable(entries.map { $0.isPublished ? $0.organizations : [] })
    }
}
