
/// Renders compiled templates (`TemplateParser`, laid out flat by `TemplateProgram`) into bytes.
///
/// Values are looked up as swift-mustache looks them up (innermost section first, then outwards,
/// `a.b` descending, `.` the current value), sections treat `false`, nothing and empty lists as
/// false, and escaping replaces `& < > " '`. What makes it fast: values are `TemplateValue`s, so a
/// lookup switches on a tag instead of casting; the templates are flat instructions walked by
/// index, with no reference counting per tag; text is copied as bytes, and escaping scans bytes
/// and copies the runs between special ones.
struct TemplateRenderer: Sendable {
    private let program: TemplateProgram

    init(templates: [String: [TemplateToken]]) { program = TemplateProgram(templates) }

    /// - Parameter top: a value above the page's own (the Mustache specification's cases render
    ///   any JSON value, a string or a list too).
    func render(_ name: String, _ context: PageContext, top: TemplateValue? = nil) -> [UInt8]? {
        guard let number = program.numbers[name] else { return nil }
        var state = State(root: context)
        if let top { state.stack.append(.value(top)) }
        state.out.reserveCapacity(16 << 10)
        program.ops.withUnsafeBufferPointer { ops in
            program.bytes.withUnsafeBufferPointer { bytes in
                Run(program: program, ops: ops, bytes: bytes).render(program.templates[number], &state)
            }
        }
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
        func child(_ name: String, key: UInt64) -> TemplateValue? {
            switch self {
            case .root(let p): p.child(named: name, key: key)
            case .value(let v): v.child(name, key: key)
            }
        }
    }

    struct State {
        var stack: [Frame]
        var out: [UInt8] = []
        var escapes = true
        var indentation: [UInt8] = []
        /// The block definitions in force (a parent's, merged outward in): name → instructions.
        var blocks: [String: Range<Int>]? = nil

        init(root: PageContext) { stack = [.root(root)] }
    }

    /// One render's walk over the program's instructions and bytes.
    private struct Run {
        let program: TemplateProgram
        let ops: UnsafeBufferPointer<TemplateProgram.Op>
        let bytes: UnsafeBufferPointer<UInt8>

        func render(_ range: Range<Int>, _ s: inout State) {
            let escapes = s.escapes
            defer { s.escapes = escapes }
            var i = range.lowerBound
            if s.indentation.isEmpty {
                while i < range.upperBound { i = step(i, &s) }
                return
            }
            // Inside an indented partial: indent what follows a newline this call wrote.
            let start = s.out.count
            while i < range.upperBound {
                let before = s.out.count
                i = step(i, &s)
                if s.out.count > before, before > start, s.out[before - 1] == 0x0A, !(before - 1 > start && s.out[before - 2] == 0x0D) {
                    s.out.insert(contentsOf: s.indentation, at: before)
                }
            }
        }

        private func text(_ start: Int32, _ count: Int32) -> UnsafeBufferPointer<UInt8> {
            UnsafeBufferPointer(rebasing: bytes[Int(start)..<Int(start + count)])
        }

        /// Runs the instruction at `i`; returns the index of the next one at the same level.
        private func step(_ i: Int, _ s: inout State) -> Int {
            let op = ops[i]
            switch op.kind {
            case .text:
                s.out.append(contentsOf: text(op.a, op.b))
                return i + 1
            case .variable:
                if let value = lookup(op.a, s) { TemplateRenderer.append(value, escaped: op.flag && s.escapes, &s.out) }
                return i + 1
            case .section:
                let body = i + 1..<Int(op.b)
                switch lookup(op.a, s) {
                case nil: break
                case .bool(let b)?: if b { render(body, &s) }
                case .list(let items)?:
                    for item in items { s.stack.append(.value(item)); render(body, &s); s.stack.removeLast() }
                case let value?:
                    s.stack.append(.value(value)); render(body, &s); s.stack.removeLast()
                }
                return Int(op.b)
            case .inverted:
                let body = i + 1..<Int(op.b)
                switch lookup(op.a, s) {
                case nil: render(body, &s)
                case .bool(let b)?: if !b { render(body, &s) }
                case .list(let items)?:
                    if items.isEmpty { s.stack.append(.value(.list(items))); render(body, &s); s.stack.removeLast() }
                default: break
                }
                return Int(op.b)
            case .block:
                let saved = s.indentation
                s.indentation.append(contentsOf: text(op.indentation, op.indentationCount))
                render(s.blocks?[program.blockNames[Int(op.a)]] ?? i + 1..<Int(op.b), &s)
                s.indentation = saved
                return Int(op.b)
            case .partial:
                guard op.a >= 0 else { return Int(op.b) }
                let (savedIndentation, savedBlocks, savedEscapes) = (s.indentation, s.blocks, s.escapes)
                if op.indentation >= 0 { s.indentation.append(contentsOf: text(op.indentation, op.indentationCount)) }
                if op.blocks >= 0 {
                    // The outer template's blocks win over the ones this partial names.
                    s.blocks = (s.blocks ?? [:]).merging(program.blockMaps[Int(op.blocks)]) { outer, _ in outer }
                }
                s.escapes = true
                render(program.templates[Int(op.a)], &s)
                (s.indentation, s.blocks, s.escapes) = (savedIndentation, savedBlocks, savedEscapes)
                return Int(op.b)
            case .contentType:
                s.escapes = op.flag
                return i + 1
            }
        }

        /// The value a name stands for; nil when nothing by that name has a value (a nil optional
        /// counts as none, as JSON's null does in the specification).
        private func lookup(_ index: Int32, _ s: State) -> TemplateValue? {
            let name = program.names[Int(index)]
            var part = Int(name.start)
            var value: TemplateValue
            if name.innermostOnly || name.start == name.end {
                value = s.stack[s.stack.count - 1].value
            } else {
                let first = program.nameParts[part], key = program.namePartKeys[part]
                part += 1
                var found: TemplateValue?
                var k = s.stack.count - 1
                while k >= 0 {
                    if let v = s.stack[k].child(first, key: key) { found = v; break }
                    k -= 1
                }
                guard let found, !found.isNone else { return nil }
                value = found
            }
            while part < Int(name.end) {
                guard let next = value.child(program.nameParts[part], key: program.namePartKeys[part]), !next.isNone else { return nil }
                value = next
                part += 1
            }
            return value.isNone ? nil : value
        }
    }

    fileprivate static func append(_ value: TemplateValue, escaped: Bool, _ out: inout [UInt8]) {
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
