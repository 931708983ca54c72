/// Reads typed values out of a `JSONDocument`, reporting every problem with its position and
/// field instead of stopping at the first one. A value with a problem reads as nil.
final class JSONReader {
    let document: JSONDocument
    let displayPath: String
    private(set) var diagnostics = Diagnostics()

    init(document: JSONDocument, displayPath: String) {
        self.document = document
        self.displayPath = displayPath
    }

    func position(_ offset: Int) -> SourcePosition { document.position(offset) }

    /// Takes over problems found by another reader of the same document.
    func append(_ problems: Diagnostics) { diagnostics.append(contentsOf: problems) }

    func error(_ offset: Int, _ field: FieldPath, _ message: String) {
        diagnostics.error(displayPath, at: position(offset), field: document.fieldName(offset, field), message)
    }

    func warning(_ offset: Int, _ field: FieldPath, _ message: String) {
        diagnostics.warning(displayPath, at: position(offset), field: document.fieldName(offset, field), message)
    }

    /// Keys asked for by the reads of each object being read: a stack (objects nest), whose
    /// arrays are reused from object to object.
    private var asked: [[String]] = []
    private var depth = 0

    /// Reads an object with `read`: the keys `read` asks for are the keys the object accepts, so a
    /// field is declared once, where it is read (name, type, whether required). Any other key is
    /// an error with a "did you mean" hint among those, reported before the object's other problems.
    /// `read` must ask for every key it accepts whatever the values (no early return before a read).
    func object<T>(_ node: JSONNode, _ field: FieldPath, _ read: (JSONObject) -> T?) -> T? {
        guard case .object(let members) = node.value else {
            error(node.offset, field, "expected an object but found \(node.value.kindName)")
            return nil
        }
        let before = diagnostics.all.count
        if depth == asked.count { asked.append([]) } else { asked[depth].removeAll(keepingCapacity: true) }
        depth += 1
        let result = read(JSONObject(reader: self, node: node, field: field, members: members, level: depth - 1))
        depth -= 1
        var unknown = Diagnostics()
        var known: [String] = []   // the keys read, once each, in reading order (for the hint)
        for member in members where !asked[depth].contains(member.key) {
            if known.isEmpty { for key in asked[depth] where !known.contains(key) { known.append(key) } }
            var message = "unknown key \"\(member.key)\""
            if let hint = NameSuggestion.closest(to: member.key, in: known) { message += "; did you mean \"\(hint)\"?" }
            else { message += "; known keys: \(known.joined(separator: ", "))" }
            unknown.error(displayPath, at: position(member.keyOffset), field: field.key(member.key).description, message)
        }
        if !unknown.all.isEmpty { diagnostics.insert(unknown, at: before) }
        return result
    }

    /// A read of `key` in the object open at `level`: the key is accepted.
    fileprivate func ask(_ key: String, level: Int) {
        if level < depth { asked[level].append(key) }
    }

    func array(_ node: JSONNode, _ field: FieldPath) -> [JSONNode]? {
        guard case .array(let items) = node.value else {
            error(node.offset, field, "expected an array but found \(node.value.kindName)")
            return nil
        }
        return items
    }
}

/// One JSON object being read; each accessor checks the type and reports problems.
struct JSONObject {
    let reader: JSONReader
    let node: JSONNode
    let field: FieldPath
    /// In file order; looked up from the end, so a repeated key (an error already) reads as its last value.
    /// Objects have a few dozen keys at most: a scan beats hashing every key of every object.
    let members: [JSONMember]
    /// Its place in the reader's stack of open objects (where its reads are recorded).
    let level: Int

    var offset: Int { node.offset }

    /// Every read goes through here: asking for a key accepts it (`JSONReader.object`).
    func member(_ key: String) -> JSONMember? {
        reader.ask(key, level: level)
        return members.last { $0.key == key }
    }

    func has(_ key: String) -> Bool {
        guard let m = member(key) else { return false }
        if case .null = m.value.value { return false }
        return true
    }

    /// The value of a key, treating `null` as absent; reports a missing required key.
    func value(_ key: String, required: Bool = false) -> JSONNode? {
        guard let member = member(key) else {
            if required { reader.error(node.offset, field, "required key \"\(key)\" is missing") }
            return nil
        }
        if case .null = member.value.value {
            if required { reader.error(member.value.offset, field.key(key), reader.document.isSheet ? "is required: this cell may not be empty" : "is required and may not be null") }
            return nil
        }
        return member.value
    }

    func string(_ key: String, required: Bool = false, nonEmpty: Bool = true) -> String? {
        guard let v = value(key, required: required) else { return nil }
        guard case .string(let s) = v.value else {
            reader.error(v.offset, field.key(key), "expected a string but found \(v.value.kindName)")
            return nil
        }
        if nonEmpty && s.allSatisfy(\.isWhitespace) {
            reader.error(v.offset, field.key(key), "may not be empty")
            return nil
        }
        return s
    }

    func bool(_ key: String) -> Bool? {
        guard let v = value(key) else { return nil }
        guard case .bool(let b) = v.value else {
            reader.error(v.offset, field.key(key), "expected true or false but found \(v.value.kindName)")
            return nil
        }
        return b
    }

    func decimal(_ key: String, required: Bool = false, min: ExactDecimal? = nil) -> ExactDecimal? {
        guard let v = value(key, required: required) else { return nil }
        return JSONObject.decimal(v, field.key(key), reader, min: min)
    }

    static func decimal(_ v: JSONNode, _ field: FieldPath, _ reader: JSONReader, min: ExactDecimal? = nil) -> ExactDecimal? {
        guard case .number(let text) = v.value else {
            reader.error(v.offset, field, "expected a number but found \(v.value.kindName)")
            return nil
        }
        // Four decimal places below a billion keep every score computation inside Int128.
        guard let d = ExactDecimal(literal: text), d.scale <= 4,
              d.units < ExactDecimal.power(9 + d.scale), -d.units < ExactDecimal.power(9 + d.scale) else {
            reader.error(v.offset, field, "the number \(text) is too large or too precise: use at most 4 decimal places and less than 1000000000")
            return nil
        }
        if let min, d < min {
            reader.error(v.offset, field, "must be at least \(min), found \(text)")
            return nil
        }
        return d
    }

    /// The largest count Podium reads (likes, views, sizes…): sums of a million of them stay far
    /// inside 64 bits, so totals, points and charts never overflow.
    static let maxCount = 1_000_000_000_000

    /// A whole number from `min` to `maxCount`.
    func integer(_ key: String, required: Bool = false, min: Int = 0) -> Int? {
        guard let v = value(key, required: required) else { return nil }
        guard case .number(let text) = v.value else {
            reader.error(v.offset, field.key(key), "expected a whole number but found \(v.value.kindName)")
            return nil
        }
        // Plain digits (nearly every count) need no decimal parsing.
        if text.utf8.count <= 12, text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let i = Int(text), i >= min { return i }
        guard let d = ExactDecimal(literal: text) else {
            reader.error(v.offset, field.key(key), "expected a whole number but found \(v.value.kindName)")
            return nil
        }
        guard let i = d.integerValue else {
            reader.error(v.offset, field.key(key), "expected a whole number but found \(text)")
            return nil
        }
        guard i >= min else {
            reader.error(v.offset, field.key(key), "must be at least \(min), found \(text)")
            return nil
        }
        guard i <= Self.maxCount else {
            reader.error(v.offset, field.key(key), "must be at most 1000000000000 (10¹²), found \(text)")
            return nil
        }
        return i
    }

    func date(_ key: String, required: Bool = false) -> CalendarDate? {
        guard let s = string(key, required: required), let v = value(key) else { return nil }
        guard let d = CalendarDate(s) else {
            reader.error(v.offset, field.key(key), "\"\(s)\" is not a real date in the form YYYY-MM-DD")
            return nil
        }
        return d
    }

    func array(_ key: String, required: Bool = false) -> [(node: JSONNode, field: FieldPath)]? {
        guard let v = value(key, required: required) else { return nil }
        guard let items = reader.array(v, field.key(key)) else { return nil }
        return items.enumerated().map { ($0.element, field.key(key).index($0.offset)) }
    }

    func stringArray(_ key: String) -> [String]? {
        guard let items = array(key) else { return nil }
        var result: [String] = []
        for (node, f) in items {
            guard case .string(let s) = node.value, !s.allSatisfy(\.isWhitespace) else {
                reader.error(node.offset, f, "expected a non-empty string but found \(node.value.kindName)")
                continue
            }
            result.append(s)
        }
        return result
    }

    func object<T>(_ key: String, _ read: (JSONObject) -> T?) -> T? {
        guard let v = value(key) else { return nil }
        return reader.object(v, field.key(key), read)
    }

    /// Offset of a key's value (or of the object when absent), for later messages.
    func offset(of key: String) -> Int { member(key)?.value.offset ?? node.offset }
}
