
/// Renders compiled templates (`TemplateParser`) into bytes.
///
/// Values are looked up as swift-mustache looks them up (innermost section first, then outwards,
/// `a.b` descending, `.` the current value), sections treat `false`, nothing and empty lists as
/// false, and escaping replaces `& < > " '`. What makes it fast: each value pushed on the stack is
/// classified once (`Frame`) instead of being cast against several protocols at every lookup,
/// text is copied as bytes, and escaping scans bytes and copies the runs between special ones.
struct TemplateRenderer {
    let templates: [String: [TemplateToken]]

    /// - Parameter top: a value above the page's own (the Mustache specification's cases render
    ///   any JSON value, a string or a list too).
    func render(_ name: String, _ context: PageContext, top: Any? = nil) -> [UInt8]? {
        guard let tokens = templates[name] else { return nil }
        var state = State(root: context)
        if let top { state.stack.append(Frame(top)) }
        state.out.reserveCapacity(16 << 10)
        render(tokens, &state)
        return state.out
    }

    /// A value on the context stack, classified when pushed.
    enum Frame {
        case root(PageContext)
        case dictionary([String: Any])
        case strings([String: String])
        /// Strings, numbers, booleans and lists: they have no named children.
        case leaf(Any)
        case other(Any)

        init(_ value: Any) {
            switch value {
            case let d as [String: Any]: self = .dictionary(d)
            case let d as [String: String]: self = .strings(d)
            case is String, is Int, is Bool, is [Any]: self = .leaf(value)
            case let p as PageContext: self = .root(p)
            default: self = .other(value)
            }
        }

        var value: Any {
            switch self {
            case .root(let p): p
            case .dictionary(let d): d
            case .strings(let d): d
            case .leaf(let v), .other(let v): v
            }
        }

        func child(_ name: String) -> Any? {
            switch self {
            case .root(let p): p.child(named: name)
            case .dictionary(let d): d[name]
            case .strings(let d): d[name]
            case .leaf: nil
            case .other(let v): Self.child(name, of: v)
            }
        }

        /// Any other value: a `TemplateParent` (a dictionary keyed by strings), else its stored properties (found by Mirror).
        static func child(_ name: String, of value: Any) -> Any? {
            if let parent = value as? TemplateParent { return parent.child(named: name) }
            guard let found = Mirror(reflecting: value).children.first(where: { $0.label == name })?.value else { return nil }
            let mirror = Mirror(reflecting: found)
            guard mirror.displayStyle == .optional else { return found }
            return mirror.children.first?.value
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
            let value = lookup(name, s)
            switch value {
            case nil: return
            case let b as Bool: if b { render(tokens, &s) }
            case let list as [[String: Any]]:
                for item in list { s.stack.append(.dictionary(item)); render(tokens, &s); s.stack.removeLast() }
            case let list as [[String: String]]:
                for item in list { s.stack.append(.strings(item)); render(tokens, &s); s.stack.removeLast() }
            case let list as [String]:
                for item in list { s.stack.append(.leaf(item)); render(tokens, &s); s.stack.removeLast() }
            case let list as [Any]:
                for item in list { s.stack.append(Frame(item)); render(tokens, &s); s.stack.removeLast() }
            case let value?:
                s.stack.append(Frame(value)); render(tokens, &s); s.stack.removeLast()
            }
        case .inverted(let name, let tokens):
            let value = lookup(name, s)
            switch value {
            case nil: render(tokens, &s)
            case let b as Bool: if !b { render(tokens, &s) }
            case let list as [Any]:
                if list.isEmpty { s.stack.append(.leaf(list)); render(tokens, &s); s.stack.removeLast() }
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

    private func lookup(_ name: TemplateName, _ s: State) -> Any? {
        var value: Any
        var rest = name.parts[...]
        if name.innermostOnly || name.parts.isEmpty {
            value = s.stack[s.stack.count - 1].value
        } else {
            let first = rest.removeFirst()
            var found: Any?
            for frame in s.stack.reversed() {
                if let v = frame.child(first) { found = v; break }
            }
            guard let found, !Self.isNull(found) else { return nil }
            value = found
        }
        for part in rest {
            guard let next = Frame(value).child(part), !Self.isNull(next) else { return nil }
            value = next
        }
        return value
    }

    private func append(_ value: Any, escaped: Bool, _ out: inout [UInt8]) {
        let text: String
        switch value {
        case let s as String: text = s
        case let h as HTMLFragment:
            if escaped { HTMLEscape.append(h.description, to: &out) } else { h.withUnsafeBytes { out.append(contentsOf: $0) } }
            return
        case let n as Int: text = String(n)
        default: text = String(describing: unwrapped(value))
        }
        if escaped { HTMLEscape.append(text, to: &out) } else { out.append(contentsOf: text.utf8) }
    }

    /// A nil optional (JSON's null) is no value: it prints nothing and is false, as in the specification.
    private static func isNull(_ value: Any) -> Bool {
        (value as? OptionalValue).map { $0.wrappedAny == nil } ?? false
    }

    private func unwrapped(_ value: Any) -> Any {
        guard let optional = value as? OptionalValue else { return value }
        return optional.wrappedAny ?? value
    }
}

private protocol OptionalValue { var wrappedAny: Any? { get } }
extension Optional: OptionalValue { fileprivate var wrappedAny: Any? { self } }

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

/// A value that looks its names up itself (a page's root context).
public protocol TemplateParent {
    func child(named name: String) -> Any?
}
