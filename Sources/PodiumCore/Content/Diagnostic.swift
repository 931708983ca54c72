/// One problem found in a site: where it is (file, line, column, field) and what a person
/// should know about it. Errors stop a build; warnings are reported by `podium check`.
public struct Diagnostic: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Severity: String, Sendable, Hashable { case error, warning }

    public var severity: Severity
    /// Path as shown to people: relative to the site folder (`content/campaigns/x/entries.json`).
    public var path: String
    public var line: Int?
    public var column: Int?
    /// The field inside the file, e.g. `[12].expertScores[2]`; empty when the problem is the file.
    public var field: String
    public var message: String
    /// What kind of warning this is, for the grouped report of `podium check` (empty for errors).
    public var category: String = ""

    public init(_ severity: Severity, path: String, line: Int? = nil, column: Int? = nil,
                field: String = "", message: String, category: String = "") {
        self.category = category
        self.severity = severity
        self.path = path
        self.line = line
        self.column = column
        self.field = field
        self.message = message
    }

    /// `path:line:column: error: field: message` (position and field only when known).
    public var description: String {
        var text = path
        if let line { text += ":\(line)" }
        if let column { text += ":\(column)" }
        text += ": \(severity.rawValue): "
        if !field.isEmpty { text += "\(field): " }
        text += message
        return text
    }
}

/// Collects every problem of a run, so that people see all of them at once.
public struct Diagnostics: Sendable {
    public private(set) var all: [Diagnostic] = []

    public init() {}

    public mutating func append(_ diagnostic: Diagnostic) { all.append(diagnostic) }
    public mutating func append(contentsOf other: Diagnostics) { all.append(contentsOf: other.all) }
    mutating func insert(_ other: Diagnostics, at index: Int) { all.insert(contentsOf: other.all, at: index) }

    public mutating func error(_ path: String, at position: SourcePosition? = nil, field: String = "", _ message: String) {
        all.append(Diagnostic(.error, path: path, line: position?.line, column: position?.column, field: field, message: message))
    }

    public mutating func warning(_ path: String, at position: SourcePosition? = nil, field: String = "", _ message: String,
                                 category: String = "other") {
        all.append(Diagnostic(.warning, path: path, line: position?.line, column: position?.column, field: field, message: message, category: category))
    }

    public var errors: [Diagnostic] { all.filter { $0.severity == .error } }
    public var warnings: [Diagnostic] { all.filter { $0.severity == .warning } }
    public var hasErrors: Bool { all.contains { $0.severity == .error } }
}

/// A 1-based line and column (columns count Unicode scalars, as editors do).
public struct SourcePosition: Sendable, Hashable {
    public var line: Int
    public var column: Int
    public init(line: Int, column: Int) { self.line = line; self.column = column }
}

/// The error thrown when a run has problems; it carries all of them.
public struct BuildFailure: Error, CustomStringConvertible {
    public var diagnostics: [Diagnostic]
    public init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }
    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}
