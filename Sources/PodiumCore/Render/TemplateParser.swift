/// Compiles Mustache text into `TemplateToken`s once, at theme load.
///
/// The whitespace rules (standalone tags, partial indentation, block definitions) follow
/// swift-mustache 2.1.1's parser step for step, so a page rendered by `TemplateRenderer` is
/// byte-identical to the same page rendered by swift-mustache (a test builds the example site
/// both ways). What a theme does not need is refused here with its position instead of being
/// rendered differently: transforms `{{f(x)}}` and dynamic partials `{{>*x}}`.
struct TemplateParser {
    struct Failure: Error {
        var position: SourcePosition
        var message: String
    }

    private struct State {
        var sectionName: String?
        var newLine = true
        var isPartialDefinition = false
        var isPartialDefinitionTopLevel = false
        var start: [Character] = ["{", "{"]
        var end: [Character] = ["}", "}"]
        var partialDefinitionIndent: [Character]?

        func withSection(_ name: String, newLine: Bool) -> State {
            var s = self
            s.sectionName = name
            s.isPartialDefinitionTopLevel = false
            if !newLine { s.newLine = false }
            return s
        }

        func withInheritancePartial(_ name: String) -> State {
            var s = self
            s.sectionName = name
            s.newLine = true
            s.isPartialDefinition = true
            s.isPartialDefinitionTopLevel = true
            return s
        }
    }

    private let chars: [Character]
    private var i = 0
    /// Sections, blocks and parents open around the current position.
    private var depth = 0
    /// More than this is refused: no theme needs it, and rendering recurses once per level.
    static let maxDepth = 100

    static func parse(_ text: String) throws(Failure) -> [TemplateToken] {
        var parser = TemplateParser(chars: Array(text))
        return try parser.parse(State())
    }

    private init(chars: [Character]) { self.chars = chars }

    private var atEnd: Bool { i >= chars.count }
    private var current: Character { atEnd ? "\0" : chars[i] }

    private func fail(_ message: String) -> Failure {
        var line = 1, column = 1
        for c in chars[..<min(i, chars.count)] {
            if c.isNewline { line += 1; column = 1 } else { column += 1 }
        }
        return Failure(position: SourcePosition(line: line, column: column), message: message)
    }

    private mutating func parse(_ initial: State) throws(Failure) -> [TemplateToken] {
        if depth > Self.maxDepth { throw fail("sections nest more than \(Self.maxDepth) levels deep") }
        depth += 1
        defer { depth -= 1 }
        var tokens: [TemplateToken] = []
        var state = initial
        var whiteSpaceBefore: [Character] = []
        while !atEnd {
            if state.newLine {
                let whiteSpace = read { $0 == " " || $0 == "\t" }
                if state.isPartialDefinition, !state.isPartialDefinitionTopLevel {
                    if let indent = state.partialDefinitionIndent {
                        whiteSpaceBefore = Array(whiteSpace.dropFirst(indent.count))
                    } else {
                        state.partialDefinitionIndent = whiteSpace
                    }
                } else {
                    whiteSpaceBefore = whiteSpace
                }
            }
            let text = readUntilDelimiterOrNewline(state)
            if current.isNewline {
                tokens.append(.text(String(whiteSpaceBefore + text + [current])))
                state.newLine = true
                i += 1
                continue
            }
            if !text.isEmpty {
                tokens.append(.text(String(whiteSpaceBefore + text)))
                whiteSpaceBefore = []
                state.newLine = false
            }
            if atEnd { break }
            func flushWhiteSpace() {
                if !whiteSpaceBefore.isEmpty { tokens.append(.text(String(whiteSpaceBefore))); whiteSpaceBefore = [] }
            }
            var setNewLine = false
            switch current {
            case "#", "^":
                let inverted = current == "^"
                i += 1
                let name = try parseName(state)
                if isStandalone(state) { setNewLine = true } else { flushWhiteSpace() }
                let inner = try parse(state.withSection(name.text, newLine: setNewLine))
                tokens.append(inverted ? .inverted(name, inner) : .section(name, inner))
            case "/":
                i += 1
                let position = i
                let name = try parseName(state)
                guard name.text == state.sectionName else {
                    i = position
                    throw fail(state.sectionName.map { "{{/\(name.text)}} closes a section, but the open one is \"\($0)\"" }
                               ?? "{{/\(name.text)}} closes a section that is not open")
                }
                if isStandalone(state) { setNewLine = true } else { flushWhiteSpace() }
                _ = setNewLine
                return tokens
            case "!":
                i += 1
                try skipComment(state)
                setNewLine = isStandalone(state)
            case "{":
                flushWhiteSpace()
                i += 1
                let name = try parseName(state)
                guard current == "}" else { throw fail("a {{{ variable must end with }}}") }
                i += 1
                tokens.append(.variable(name, escaped: false))
            case "&":
                flushWhiteSpace()
                i += 1
                tokens.append(.variable(try parseName(state), escaped: false))
            case ">":
                i += 1
                _ = read { $0.isWhitespace }
                if current == "*" { throw fail("dynamic partials ({{>*name}}) are not supported: name the partial") }
                let name = try parsePartialName(state)
                if !whiteSpaceBefore.isEmpty { tokens.append(.text(String(whiteSpaceBefore))) }
                if isStandalone(state) {
                    setNewLine = true
                    tokens.append(.partial(name, indentation: String(whiteSpaceBefore), blocks: nil))
                } else {
                    tokens.append(.partial(name, indentation: nil, blocks: nil))
                }
                whiteSpaceBefore = []
            case "<":
                i += 1
                _ = read { $0.isWhitespace }
                let name = try parsePartialName(state)
                if name.first == "*" { throw fail("dynamic partials ({{<*name}}) are not supported: name the partial") }
                if !whiteSpaceBefore.isEmpty { tokens.append(.text(String(whiteSpaceBefore))) }
                if isStandalone(state) { setNewLine = true }
                let inner = try parse(state.withInheritancePartial(name))
                var blocks: [String: [TemplateToken]] = [:]
                for token in inner {
                    switch token {
                    case .blockDefinition(let block, let content): blocks[block] = content
                    case .text: break
                    default: throw fail("inside {{<\(name)}} only {{$block}} definitions may appear")
                    }
                }
                tokens.append(.partial(name, indentation: String(whiteSpaceBefore), blocks: blocks))
                whiteSpaceBefore = []
            case "$":
                i += 1
                let name = try parseName(state)
                if state.isPartialDefinitionTopLevel {
                    if isStandalone(state) { setNewLine = true }
                    let inner = try parse(state.withSection(name.text, newLine: setNewLine))
                    tokens.append(.blockDefinition(name.text, inner))
                } else {
                    if !whiteSpaceBefore.isEmpty { tokens.append(.text(String(whiteSpaceBefore))) }
                    if isStandalone(state) { setNewLine = true }
                    let inner = try parse(state.withSection(name.text, newLine: setNewLine))
                    tokens.append(.block(name.text, inner, indentation: String(whiteSpaceBefore)))
                    whiteSpaceBefore = []
                }
            case "=":
                i += 1
                state = try setDelimiters(state)
                setNewLine = isStandalone(state)
            case "%":
                i += 1
                tokens.append(try configVariable(state))
                setNewLine = isStandalone(state)
            default:
                flushWhiteSpace()
                tokens.append(.variable(try parseName(state), escaped: true))
            }
            state.newLine = setNewLine
        }
        if let open = state.sectionName { throw fail("the section \"\(open)\" is never closed") }
        return tokens
    }

    private mutating func read(while test: (Character) -> Bool) -> [Character] {
        let start = i
        while !atEnd, test(chars[i]) { i += 1 }
        return Array(chars[start..<i])
    }

    private mutating func readString(_ s: [Character]) -> Bool {
        guard i + s.count <= chars.count, Array(chars[i..<(i + s.count)]) == s else { return false }
        i += s.count
        return true
    }

    private mutating func readUntilDelimiterOrNewline(_ state: State) -> [Character] {
        var text: [Character] = []
        let first = state.start[0]
        while !atEnd {
            while !atEnd, chars[i] != "\n", chars[i] != "\r\n", chars[i] != first { text.append(chars[i]); i += 1 }
            if current.isNewline { break }
            if current == first {
                if readString(state.start) { break }
                text.append(first)
                i += 1
            }
        }
        return text
    }

    private static let nameCharacters = Set("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-_?()*")
    private static let partialCharacters = nameCharacters.union(["/"])

    private mutating func parseName(_ state: State) throws(Failure) -> TemplateName {
        _ = read { $0.isWhitespace }
        let text = String(read { Self.nameCharacters.contains($0) })
        _ = read { $0.isWhitespace }
        guard readString(state.end) else { throw fail("a tag is not closed with \(String(state.end)), or its name has a character names cannot have") }
        if text.contains("(") || text.contains(")") {
            throw fail("transforms such as \"\(text)\" are not supported: give the page a value that is already what it should show")
        }
        return TemplateName(text)
    }

    private mutating func parsePartialName(_ state: State) throws(Failure) -> String {
        _ = read { $0.isWhitespace }
        let text = String(read { Self.partialCharacters.contains($0) })
        _ = read { $0.isWhitespace }
        guard readString(state.end) else { throw fail("a partial tag is not closed with \(String(state.end))") }
        return text
    }

    private mutating func skipComment(_ state: State) throws(Failure) {
        while !atEnd {
            if readString(state.end) { return }
            i += 1
        }
        throw fail("a comment is never closed")
    }

    private mutating func setDelimiters(_ state: State) throws(Failure) -> State {
        _ = read { $0.isWhitespace }
        let start = read { !$0.isWhitespace }
        _ = read { $0.isWhitespace }
        let end = read { $0 != "=" && !$0.isWhitespace }
        _ = read { $0.isWhitespace }
        guard current == "=" else { throw fail("a delimiter change must read {{=<% %>=}}") }
        i += 1
        guard readString(state.end), !start.isEmpty, !end.isEmpty else { throw fail("a delimiter change must read {{=<% %>=}}") }
        var s = state
        s.start = start
        s.end = end
        s.isPartialDefinitionTopLevel = false
        return s
    }

    private mutating func configVariable(_ state: State) throws(Failure) -> TemplateToken {
        let plain = Self.nameCharacters.subtracting(["(", ")"])
        _ = read { $0.isWhitespace }
        let variable = String(read { plain.contains($0) })
        _ = read { $0.isWhitespace }
        guard current == ":" else { throw fail("a configuration tag must read {{% CONTENT_TYPE: HTML }}") }
        i += 1
        _ = read { $0.isWhitespace }
        let value = String(read { plain.contains($0) })
        _ = read { $0.isWhitespace }
        guard readString(state.end), variable == "CONTENT_TYPE", value == "HTML" || value == "TEXT" else {
            throw fail("the only configuration tags are {{% CONTENT_TYPE: HTML }} and {{% CONTENT_TYPE: TEXT }}")
        }
        return .contentType(escapes: value == "HTML")
    }

    private func hasLineFinished(_ at: Int) -> Int? {
        if at >= chars.count { return at }
        var j = at
        while j < chars.count, chars[j] == " " || chars[j] == "\t" { j += 1 }
        if j < chars.count, chars[j].isNewline { return j + 1 }
        return nil
    }

    /// A tag alone on its line: the line's whitespace and newline are not output.
    private mutating func isStandalone(_ state: State) -> Bool {
        guard state.newLine, let next = hasLineFinished(i) else { return false }
        i = next
        return true
    }
}

/// A name as written in a tag: `title`, `.`, `a.b`, or `.b` (the innermost value only).
struct TemplateName: Sendable {
    let text: String
    let parts: [String]
    /// `.` or `.b`: looked up in the innermost value, not searched outwards.
    let innermostOnly: Bool

    init(_ text: String) {
        self.text = text
        innermostOnly = text.first == "."
        parts = text == "." ? [] : text.split(separator: ".").map(String.init)
    }
}

/// A compiled piece of template.
indirect enum TemplateToken: Sendable {
    case text(String)
    case variable(TemplateName, escaped: Bool)
    case section(TemplateName, [TemplateToken])
    case inverted(TemplateName, [TemplateToken])
    /// `{{$name}}…{{/name}}` where a parent's child may replace it.
    case block(String, [TemplateToken], indentation: String)
    /// `{{$name}}…{{/name}}` inside `{{<parent}}`: the replacement.
    case blockDefinition(String, [TemplateToken])
    /// `{{>name}}`, or `{{<name}}…{{/name}}` with the blocks it replaces.
    case partial(String, indentation: String?, blocks: [String: [TemplateToken]]?)
    case contentType(escapes: Bool)
}
