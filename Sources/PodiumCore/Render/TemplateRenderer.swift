
/// Renders compiled templates (`TemplateParser`) into bytes.
///
/// Values are looked up as swift-mustache looks them up (innermost section first, then outwards,
/// `a.b` descending, `.` the current value), sections treat `false`, nothing and empty lists as
/// false, and escaping replaces `& < > " '`. What makes it fast: values are `TemplateValue`s, so a
/// lookup switches on a tag instead of casting, text is copied as bytes, and escaping scans bytes
/// and copies the runs between special ones.
struct TemplateRenderer {
    let templates: [String: [TemplateToken]]

    /// - Parameter top: a value above the page's own (the Mustache specification's cases render
    ///   any JSON value, a string or a list too).
    func render(_ name: String, _ context: PageContext, top: TemplateValue? = nil) -> [UInt8]? {
        guard let tokens = templates[name] else { return nil }
        var state = State(root: context)
        if let top { state.stack.append(.value(top)) }
        state.out.reserveCapacity(16 << 10)
        render(tokens, &state)
        return state.out
    }

    /// A value on the context stack: the page's root, whose misses are recorded, or a value in it.
    enum Frame {
        case root(PageContext)
        case value(TemplateValue)

        var value: TemplateValue {
            switch self {
            case .root(let p): .object(p.values)
            case .value(let v): v
            }
        }

        @inline(__always)
        func child(_ name: String) -> TemplateValue? {
            switch self {
            case .root(let p): p.child(named: name)
            case .value(let v): v.child(name)
            }
        }
    }

    struct State {
        var stack: [Frame]
        var out: [UInt8] = []
        var escapes = true
        var indentation: [UInt8] = []
        var blocks: [String: [TemplateToken]]? = nil

        init(root: PageContext) { stack = [.root(root)] }
    }

    private func render(_ tokens: [TemplateToken], _ s: inout State) {
        let escapes = s.escapes
        defer { s.escapes = escapes }
        if s.indentation.isEmpty {
            for token in tokens { render(token, &s) }
            return
        }
        // Inside an indented partial: indent what follows a newline this call wrote.
        let start = s.out.count
        for token in tokens {
            let before = s.out.count
            render(token, &s)
            if s.out.count > before, before > start, s.out[before - 1] == 0x0A, !(before - 1 > start && s.out[before - 2] == 0x0D) {
                s.out.insert(contentsOf: s.indentation, at: before)
            }
        }
    }

    private func render(_ token: TemplateToken, _ s: inout State) {
        switch token {
        case .text(let text):
            s.out.append(contentsOf: text.utf8)
        case .variable(let name, let escaped):
            guard let value = lookup(name, s) else { return }
            append(value, escaped: escaped && s.escapes, &s.out)
        case .section(let name, let tokens):
            switch lookup(name, s) {
            case nil: return
            case .bool(let b)?: if b { render(tokens, &s) }
            case .list(let items)?:
                for item in items { s.stack.append(.value(item)); render(tokens, &s); s.stack.removeLast() }
            case let value?:
                s.stack.append(.value(value)); render(tokens, &s); s.stack.removeLast()
            }
        case .inverted(let name, let tokens):
            switch lookup(name, s) {
            case nil: render(tokens, &s)
            case .bool(let b)?: if !b { render(tokens, &s) }
            case .list(let items)?:
                if items.isEmpty { s.stack.append(.value(.list(items))); render(tokens, &s); s.stack.removeLast() }
            default: return
            }
        case .block(let name, let fallback, let indentation):
            let saved = s.indentation
            s.indentation += indentation.utf8
            render(s.blocks?[name] ?? fallback, &s)
            s.indentation = saved
        case .blockDefinition:
            return
        case .partial(let name, let indentation, let blocks):
            guard let tokens = templates[name] else { return }
            let (savedIndentation, savedBlocks, savedEscapes) = (s.indentation, s.blocks, s.escapes)
            if let indentation { s.indentation += indentation.utf8 }
            if let blocks {
                // The outer template's blocks win over the ones this partial names.
                s.blocks = (s.blocks ?? [:]).merging(blocks) { outer, _ in outer }
            }
            s.escapes = true
            render(tokens, &s)
            (s.indentation, s.blocks, s.escapes) = (savedIndentation, savedBlocks, savedEscapes)
        case .contentType(let escapes):
            s.escapes = escapes
        }
    }

    /// The value a name stands for; nil when nothing by that name has a value (a nil optional
    /// counts as none, as JSON's null does in the specification).
    private func lookup(_ name: TemplateName, _ s: State) -> TemplateValue? {
        var value: TemplateValue
        var rest = name.parts[...]
        if name.innermostOnly || name.parts.isEmpty {
            value = s.stack[s.stack.count - 1].value
        } else {
            let first = rest.removeFirst()
            var found: TemplateValue?
            for frame in s.stack.reversed() {
                if let v = frame.child(first) { found = v; break }
            }
            guard let found, !found.isNone else { return nil }
            value = found
        }
        for part in rest {
            guard let next = value.child(part), !next.isNone else { return nil }
            value = next
        }
        return value.isNone ? nil : value
    }

    private func append(_ value: TemplateValue, escaped: Bool, _ out: inout [UInt8]) {
        let text: String
        switch value {
        case .string(let s): text = s
        case .html(let h):
            if escaped { HTMLEscape.append(h.description, to: &out) } else { h.withUnsafeBytes { out.append(contentsOf: $0) } }
            return
        case .int(let n): text = String(n)
        case .double(let d): text = String(d)
        case .bool(let b): text = b ? "true" : "false"
        case .none, .object, .list: return
        }
        if escaped { HTMLEscape.append(text, to: &out) } else { out.append(contentsOf: text.utf8) }
    }
}

/// `& < > " '` as entities, scanning bytes and copying the runs between them.
enum HTMLEscape {
    static func append(_ text: String, to out: inout [UInt8]) {
        var text = text
        text.withUTF8 { bytes in
            var run = 0
            for i in 0..<bytes.count {
                let entity: StaticString
                switch bytes[i] {
                case 0x26: entity = "&amp;"
                case 0x3C: entity = "&lt;"
                case 0x3E: entity = "&gt;"
                case 0x22: entity = "&quot;"
                case 0x27: entity = "&#39;"
                default: continue
                }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<i]))
                out.append(contentsOf: UnsafeBufferPointer(start: entity.utf8Start, count: entity.utf8CodeUnitCount))
                run = i + 1
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run...]))
        }
    }
}
