/// The name of a field inside a file as people read it: `[12].expertScores[2]`, `scoring.likes.weight`.
public struct FieldPath: Sendable, Hashable, CustomStringConvertible {
    public private(set) var description: String

    public static let root = FieldPath(description: "")

    public func key(_ name: String) -> FieldPath {
        FieldPath(description: description.isEmpty ? name : description + "." + name)
    }

    public func index(_ i: Int) -> FieldPath { FieldPath(description: description + "[\(i)]") }
}

/// Suggests the known name closest to a misspelt one ("did you mean …").
enum NameSuggestion {
    static func closest(to name: String, in candidates: [String]) -> String? {
        let lowered = Array(name.lowercased())
        var best: (String, Int)?
        for candidate in candidates {
            let other = Array(candidate.lowercased()), limit = max(2, candidate.count / 3)
            // The distance is at least the difference in length: a name much longer or shorter is
            // no near miss, and is not compared (a key of half a million characters took seconds).
            guard abs(lowered.count - other.count) <= limit else { continue }
            let d = other == lowered ? 0 : distance(lowered, other)
            if d <= limit, best == nil || d < best!.1 { best = (candidate, d) }
        }
        return best?.0
    }

    /// Levenshtein distance.
    static func distance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = previous
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
