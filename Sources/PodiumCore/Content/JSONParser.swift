/// A strict JSON (RFC 8259) parser over UTF-8 bytes that records the offset of every value.
/// Numbers are kept as their literal text; duplicate keys are reported, not silently merged.
struct JSONParser {
    struct SyntaxError: Error {
        var offset: Int
        var message: String
    }

    private let bytes: [UInt8]
    private var index = 0
    private(set) var duplicateKeys: [(key: String, offset: Int)] = []

    static func parse(_ bytes: [UInt8], path: String) throws(SyntaxError) -> (JSONDocument, duplicates: [(key: String, offset: Int)]) {
        var parser = JSONParser(bytes: bytes)
        // A UTF-8 byte-order mark is tolerated: spreadsheet exports write one.
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { parser.index = 3 }
        parser.skipWhitespace()
        let root = try parser.parseValue(depth: 0)
        parser.skipWhitespace()
        if parser.index < bytes.count {
            throw SyntaxError(offset: parser.index, message: "unexpected text after the end of the JSON value")
        }
        return (JSONDocument(path: path, root: root, lineIndex: LineIndex(bytes)), parser.duplicateKeys)
    }

    /// One item of a file's list (`JSONItems`), parsed from its bytes alone as the whole parse
    /// parses it (offsets are the file's, the depth is an item's): it must be one value, exactly.
    static func parseItem(_ bytes: [UInt8], _ range: Range<Int>) throws(SyntaxError) -> (JSONNode, duplicates: [(key: String, offset: Int)]) {
        var parser = JSONParser(bytes: bytes)
        parser.index = range.lowerBound
        let node = try parser.parseValue(depth: 1)
        guard parser.index == range.upperBound else {
            throw SyntaxError(offset: parser.index, message: "expected ',' or ']' after an item but found \(parser.describeHere())")
        }
        return (node, parser.duplicateKeys)
    }

    private init(bytes: [UInt8]) { self.bytes = bytes }

    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    private func describeHere() -> String {
        guard index < bytes.count else { return "the end of the file" }
        let b = bytes[index]
        if b >= 0x21 && b < 0x7F { return "'\(Character(Unicode.Scalar(b)))'" }
        return "byte 0x\(String(b, radix: 16))"
    }

    private mutating func parseValue(depth: Int) throws(SyntaxError) -> JSONNode {
        guard depth < 512 else { throw SyntaxError(offset: index, message: "values are nested too deeply") }
        guard index < bytes.count else { throw SyntaxError(offset: index, message: "expected a value but found the end of the file") }
        let start = index
        switch bytes[index] {
        case UInt8(ascii: "{"): return JSONNode(offset: start, value: try parseObject(depth: depth))
        case UInt8(ascii: "["): return JSONNode(offset: start, value: try parseArray(depth: depth))
        case UInt8(ascii: "\""): return JSONNode(offset: start, value: .string(try parseString()))
        case UInt8(ascii: "t"): try expectWord("true"); return JSONNode(offset: start, value: .bool(true))
        case UInt8(ascii: "f"): try expectWord("false"); return JSONNode(offset: start, value: .bool(false))
        case UInt8(ascii: "n"): try expectWord("null"); return JSONNode(offset: start, value: .null)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return JSONNode(offset: start, value: .number(try parseNumber()))
        default:
            throw SyntaxError(offset: index, message: "expected a value but found \(describeHere())")
        }
    }

    private mutating func expectWord(_ word: StaticString) throws(SyntaxError) {
        let start = index
        let text = word.withUTF8Buffer { Array($0) }
        guard index + text.count <= bytes.count, Array(bytes[index..<index + text.count]) == text else {
            throw SyntaxError(offset: start, message: "expected a value but found \(describeHere())")
        }
        index += text.count
    }

    private mutating func parseObject(depth: Int) throws(SyntaxError) -> JSONValue {
        index += 1
        var members: [JSONMember] = []
        var seen: Set<String> = []
        skipWhitespace()
        if index < bytes.count && bytes[index] == UInt8(ascii: "}") { index += 1; return .object(members) }
        while true {
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else {
                throw SyntaxError(offset: index, message: "expected a key in double quotes but found \(describeHere())")
            }
            let keyOffset = index
            let key = try parseString()
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else {
                throw SyntaxError(offset: index, message: "expected ':' after the key \"\(key)\" but found \(describeHere())")
            }
            index += 1
            skipWhitespace()
            let value = try parseValue(depth: depth + 1)
            if !seen.insert(key).inserted { duplicateKeys.append((key, keyOffset)) }
            members.append(JSONMember(key: key, keyOffset: keyOffset, value: value))
            skipWhitespace()
            guard index < bytes.count else { throw SyntaxError(offset: index, message: "the object is not closed: expected '}'") }
            if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
            if bytes[index] == UInt8(ascii: "}") { index += 1; return .object(members) }
            throw SyntaxError(offset: index, message: "expected ',' or '}' after a member but found \(describeHere())")
        }
    }

    private mutating func parseArray(depth: Int) throws(SyntaxError) -> JSONValue {
        index += 1
        var items: [JSONNode] = []
        skipWhitespace()
        if index < bytes.count && bytes[index] == UInt8(ascii: "]") { index += 1; return .array(items) }
        while true {
            skipWhitespace()
            items.append(try parseValue(depth: depth + 1))
            skipWhitespace()
            guard index < bytes.count else { throw SyntaxError(offset: index, message: "the array is not closed: expected ']'") }
            if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
            if bytes[index] == UInt8(ascii: "]") { index += 1; return .array(items) }
            throw SyntaxError(offset: index, message: "expected ',' or ']' after an item but found \(describeHere())")
        }
    }

    /// Whether `bytes` are one JSON number and nothing else (a spreadsheet's cell is checked by
    /// the grammar JSON files are read with).
    static func isNumber(_ bytes: [UInt8]) -> Bool {
        guard !bytes.isEmpty else { return false }
        var parser = JSONParser(bytes: bytes)
        return (try? parser.parseNumber()) != nil && parser.index == bytes.count
    }

    private mutating func parseNumber() throws(SyntaxError) -> String {
        let start = index
        func digits(_ index: inout Int, _ bytes: [UInt8]) -> Int {
            let s = index
            while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 { index += 1 }
            return index - s
        }
        if bytes[index] == UInt8(ascii: "-") { index += 1 }
        let intStart = index
        let intDigits = digits(&index, bytes)
        guard intDigits > 0 else { throw SyntaxError(offset: start, message: "a number needs digits") }
        if intDigits > 1 && bytes[intStart] == UInt8(ascii: "0") {
            throw SyntaxError(offset: start, message: "a number may not start with 0")
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard digits(&index, bytes) > 0 else { throw SyntaxError(offset: index, message: "a number needs digits after '.'") }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard digits(&index, bytes) > 0 else { throw SyntaxError(offset: index, message: "a number needs digits in its exponent") }
        }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    private mutating func parseString() throws(SyntaxError) -> String {
        let start = index
        index += 1
        var runStart = index
        var result: [UInt8] = []
        var escaped = false
        while index < bytes.count {
            let b = bytes[index]
            if b == UInt8(ascii: "\"") {
                let text: String
                if escaped {
                    result.append(contentsOf: bytes[runStart..<index])
                    text = String(decoding: result, as: UTF8.self)
                } else {
                    text = String(decoding: bytes[runStart..<index], as: UTF8.self)
                }
                index += 1
                return text
            }
            if b < 0x20 {
                throw SyntaxError(offset: index, message: b == 0x0A ? "the string is not closed before the end of the line" : "control characters must be escaped inside strings")
            }
            if b == UInt8(ascii: "\\") {
                escaped = true
                result.append(contentsOf: bytes[runStart..<index])
                index += 1
                guard index < bytes.count else { break }
                switch bytes[index] {
                case UInt8(ascii: "\""): result.append(0x22)
                case UInt8(ascii: "\\"): result.append(0x5C)
                case UInt8(ascii: "/"): result.append(0x2F)
                case UInt8(ascii: "b"): result.append(0x08)
                case UInt8(ascii: "f"): result.append(0x0C)
                case UInt8(ascii: "n"): result.append(0x0A)
                case UInt8(ascii: "r"): result.append(0x0D)
                case UInt8(ascii: "t"): result.append(0x09)
                case UInt8(ascii: "u"):
                    let escapeStart = index - 1
                    var scalar = try hex4(at: index + 1)
                    index += 4
                    if (0xD800...0xDBFF).contains(scalar) {
                        guard index + 6 < bytes.count, bytes[index + 1] == UInt8(ascii: "\\"), bytes[index + 2] == UInt8(ascii: "u") else {
                            throw SyntaxError(offset: escapeStart, message: "a \\u escape names half of a surrogate pair")
                        }
                        let low = try hex4(at: index + 3)
                        guard (0xDC00...0xDFFF).contains(low) else {
                            throw SyntaxError(offset: escapeStart, message: "a \\u escape names half of a surrogate pair")
                        }
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        index += 6
                    }
                    guard let u = Unicode.Scalar(scalar) else {
                        throw SyntaxError(offset: escapeStart, message: "a \\u escape names half of a surrogate pair")
                    }
                    result.append(contentsOf: Array(String(Character(u)).utf8))
                default:
                    throw SyntaxError(offset: index - 1, message: "unknown escape '\\\(describeHere())' in a string")
                }
                index += 1
                runStart = index
                continue
            }
            index += 1
        }
        throw SyntaxError(offset: start, message: "the string is not closed")
    }

    private func hex4(at position: Int) throws(SyntaxError) -> UInt32 {
        guard position + 4 <= bytes.count else { throw SyntaxError(offset: position, message: "a \\u escape needs four hex digits") }
        var value: UInt32 = 0
        for b in bytes[position..<position + 4] {
            let digit: UInt32
            switch b {
            case 0x30...0x39: digit = UInt32(b - 0x30)
            case 0x41...0x46: digit = UInt32(b - 0x41 + 10)
            case 0x61...0x66: digit = UInt32(b - 0x61 + 10)
            default: throw SyntaxError(offset: position, message: "a \\u escape needs four hex digits")
            }
            value = value * 16 + digit
        }
        return value
    }
}
