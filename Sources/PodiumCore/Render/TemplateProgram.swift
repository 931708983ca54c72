/// Compiled templates as flat instructions (`TemplateRenderer` runs them): every template's
/// tokens (`TemplateParser`) laid out in one array, a section's body right after it and the index
/// where it ends in the instruction, text and indentation in one byte buffer, names split once.
/// Walking it touches no reference counts: a tree of tokens retains and releases each token it
/// visits, on every page.
struct TemplateProgram: Sendable {
    enum Kind: UInt8, Sendable { case text, variable, section, inverted, block, partial, contentType }

    /// One instruction. `end`: where a section's, inverted section's or block's body ends (the
    /// body starts at the next instruction), or where a partial's block definitions end.
    struct Op: Sendable {
        var kind: Kind
        /// variable: escaped; contentType: escapes.
        var flag = false
        /// text: its first byte; variable, section, inverted: the name; block: the block's name;
        /// partial: the template (-1: none of that name).
        var a: Int32 = 0
        /// text: its length; section, inverted, block, partial: `end`.
        var b: Int32 = 0
        /// block, partial: the indentation's first byte (-1: none) and its length.
        var indentation: Int32 = -1, indentationCount: Int32 = 0
        /// partial: its block definitions (`blockMaps`), -1 when it has none.
        var blocks: Int32 = -1
    }

    /// A name as looked up: parts `parts` of `nameParts`; `.`-names are looked up in the innermost value.
    struct Name: Sendable {
        var start: Int32, end: Int32
        var innermostOnly: Bool
    }

    private(set) var ops: [Op] = []
    private(set) var bytes: [UInt8] = []
    private(set) var names: [Name] = []
    private(set) var nameParts: [String] = []
    /// Each part's `TemplateObject.key`, made once.
    private(set) var namePartKeys: [UInt64] = []
    private(set) var blockNames: [String] = []
    /// A partial's block definitions: block name → its instructions.
    private(set) var blockMaps: [[String: Range<Int>]] = []
    /// Each template's instructions, by template number, and the numbers by name.
    private(set) var templates: [Range<Int>] = []
    private(set) var numbers: [String: Int] = [:]

    init(_ compiled: [String: [TemplateToken]]) {
        for (number, name) in compiled.keys.sorted().enumerated() { numbers[name] = number }
        for name in compiled.keys.sorted() {
            let start = ops.count
            emit(compiled[name]!)
            templates.append(start..<ops.count)
        }
    }

    private mutating func emit(_ tokens: [TemplateToken]) {
        for token in tokens {
            switch token {
            case .text(let text):
                let start = bytes.count
                bytes.append(contentsOf: text.utf8)
                ops.append(Op(kind: .text, a: Int32(start), b: Int32(bytes.count - start)))
            case .variable(let name, let escaped):
                ops.append(Op(kind: .variable, flag: escaped, a: number(name)))
            case .section(let name, let body), .inverted(let name, let body):
                let at = ops.count
                if case .section = token { ops.append(Op(kind: .section, a: number(name))) } else { ops.append(Op(kind: .inverted, a: number(name))) }
                emit(body)
                ops[at].b = Int32(ops.count)
            case .block(let name, let fallback, let indentation):
                let at = ops.count
                var op = Op(kind: .block, a: Int32(blockNames.count))
                blockNames.append(name)
                (op.indentation, op.indentationCount) = text(indentation)
                ops.append(op)
                emit(fallback)
                ops[at].b = Int32(ops.count)
            case .blockDefinition:
                // Only a parent's block definitions matter (`partial`'s); one anywhere else renders nothing.
                continue
            case .partial(let name, let indentation, let blocks):
                let at = ops.count
                var op = Op(kind: .partial, a: Int32(numbers[name] ?? -1))
                if let indentation { (op.indentation, op.indentationCount) = text(indentation) }
                ops.append(op)
                if let blocks {
                    var map: [String: Range<Int>] = [:]
                    for (block, body) in blocks.sorted(by: { $0.key < $1.key }) {
                        let start = ops.count
                        emit(body)
                        map[block] = start..<ops.count
                    }
                    ops[at].blocks = Int32(blockMaps.count)
                    blockMaps.append(map)
                }
                ops[at].b = Int32(ops.count)
            case .contentType(let escapes):
                ops.append(Op(kind: .contentType, flag: escapes))
            }
        }
    }

    private mutating func number(_ name: TemplateName) -> Int32 {
        let start = nameParts.count
        nameParts.append(contentsOf: name.parts)
        namePartKeys.append(contentsOf: name.parts.map(TemplateObject.key))
        names.append(Name(start: Int32(start), end: Int32(nameParts.count), innermostOnly: name.innermostOnly))
        return Int32(names.count - 1)
    }

    private mutating func text(_ text: String) -> (Int32, Int32) {
        let start = bytes.count
        bytes.append(contentsOf: text.utf8)
        return (Int32(start), Int32(bytes.count - start))
    }
}
