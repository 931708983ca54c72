import Foundation

/// A spreadsheet export (contract §13) read as the JSON document that says the same thing, so
/// that entries.csv and weeks/<date>.csv go through the very decoders, and so the very checks,
/// of entries.json and weeks/<date>.json. Each value remembers its cell (`CellOffset`): a problem
/// is reported at `path:row:column`, named by its column's header.
///
/// Empty cells are absent fields. Numbers are kept as written, checked to be JSON numbers (exact
/// decimals, never floating point). Problems of the sheet itself (encoding, quoting, headers,
/// cells that are not numbers) are reported here; the rest by the decoder, as for JSON.
enum SheetDocument {
    enum Shape {
        /// entries.csv: a list of entries.
        case list
        /// weeks/<date>.csv: `{ "entries": [...] }`.
        case snapshot
    }

    static func read(bytes: [UInt8], display: String, columns: [SheetColumn], notRead: [SheetColumn] = [],
                     shape: Shape, timezone: UTCOffset, into diagnostics: inout Diagnostics) -> JSONReader? {
        let text: [UInt8]
        switch SheetEncoding.decode(bytes) {
        case .success(let decoded): text = decoded.text
        case .failure(let failure):
            diagnostics.error(display, at: SourcePosition(line: failure.row, column: 1), failure.message)
            return nil
        }
        return text.withUnsafeBufferPointer { buffer -> JSONReader? in
            var records = CSVRecords(buffer)
            var fields: [String] = []
            var problems = Diagnostics()
            defer { diagnostics.append(contentsOf: problems) }
            do throws(CSVRecords.SyntaxError) {
                guard try records.next(into: &fields) else {
                    problems.error(display, at: SourcePosition(line: 1, column: 1), "the file is empty: its first row names the columns")
                    return nil
                }
                guard let header = SheetHeader(fields, columns: columns, notRead: notRead, display: display, into: &problems) else { return nil }
                // Records are split sequentially (quotes decide where a row ends); their cells are
                // converted in slices on all cores, problems kept in row order.
                var rowsRead: [(row: Int, fields: [String])] = []
                while try records.next(into: &fields) { rowsRead.append((records.row, fields)) }
                let slice = 2048, read = rowsRead
                let converted = Array(stride(from: 0, to: read.count, by: slice)).concurrentMap { start -> ([JSONNode], Diagnostics) in
                    var nodes: [JSONNode] = [], found = Diagnostics()
                    nodes.reserveCapacity(slice)
                    for (row, cells) in read[start..<min(read.count, start + slice)] {
                        if let node = header.row(cells, at: row, timezone: timezone, display: display, into: &found) { nodes.append(node) }
                    }
                    return (nodes, found)
                }
                var rows: [JSONNode] = []
                rows.reserveCapacity(rowsRead.count)
                for (nodes, found) in converted {
                    rows.append(contentsOf: nodes)
                    problems.append(contentsOf: found)
                }
                let list = JSONNode(offset: CellOffset.make(row: 1, column: 1), value: .array(rows))
                let root = switch shape {
                case .list: list
                case .snapshot: JSONNode(offset: list.offset, value: .object([JSONMember(key: "entries", keyOffset: list.offset, value: list)]))
                }
                return JSONReader(document: JSONDocument(path: display, root: root, places: .cells(headers: header.names)), displayPath: display)
            } catch {
                problems.error(display, at: SourcePosition(line: error.row, column: error.column), error.message)
                return nil
            }
        }
    }
}

/// The first row of a sheet: which column fills which field.
struct SheetHeader {
    /// By column (from 1; 0 is unused): the column that fills it, or nil for a column not read.
    private var fills: [SheetColumn?] = [nil]
    /// By column: the judge's number of a per-judge score column.
    private var judges: [Int?] = [nil]
    /// By column: the header as people read it in messages, `点赞数 (likes)`.
    private(set) var names: [String] = [""]

    init?(_ fields: [String], columns: [SheetColumn], notRead: [SheetColumn], display: String, into problems: inout Diagnostics) {
        guard fields.count <= CellOffset.maxColumns else {
            problems.error(display, at: SourcePosition(line: 1, column: 1), "the sheet has \(fields.count) columns: at most \(CellOffset.maxColumns) are read")
            return nil
        }
        var byHeader: [String: SheetColumn] = [:]
        for column in columns { for name in column.headers { byHeader[name] = column } }
        let ignored = Set(notRead.flatMap(\.headers)).subtracting(byHeader.keys)
        let scores = columns.first { if case .scores = $0.kind { true } else { false } }
        var firstColumn: [String: Int] = [:]   // field → the column that named it first
        var ok = true
        for (i, raw) in fields.enumerated() {
            let c = i + 1, header = SheetColumns.normalized(raw)
            let at = SourcePosition(line: 1, column: c)
            var column = byHeader[header], judge: Int?
            if column == nil, let scores, let n = SheetColumns.judge(header) { column = scores; judge = n }
            fills.append(nil); judges.append(nil); names.append(header)
            guard let column else {
                if header.isEmpty || ignored.contains(header) { continue }
                var message = "unknown column \"\(header)\""
                let known = columns.flatMap(\.headers) + (scores == nil ? [] : ["评委1"])
                if let hint = NameSuggestion.closest(to: header, in: known) { message += "; did you mean \"\(hint)\"?" }
                else { message += "; the columns are named \(columns.map { $0.headers.joined(separator: "/") }.joined(separator: ", "))" }
                problems.error(display, at: at, field: header, message)
                ok = false
                continue
            }
            let key = judge.map { "\(column.field)#\($0)" } ?? column.field
            // One column per field: a second one (编号 beside 作品编号, or 评委2 twice) is an error,
            // and scores come either in one list column or in one column per judge.
            let clash = firstColumn[key] ?? (judge == nil ? firstColumn.first { $0.key.hasPrefix(column.field + "#") }?.value
                                                          : firstColumn[column.field])
            if let first = clash {
                problems.error(display, at: at, field: header, "\"\(header)\" fills \(column.field), as column \(first) (\"\(names[first])\") does: keep one")
                ok = false
                continue
            }
            firstColumn[key] = c
            fills[c] = column
            judges[c] = judge
            names[c] = header == column.field ? header : "\(header) (\(column.field))"
        }
        for column in columns where column.required && firstColumn[column.field] == nil {
            problems.error(display, at: SourcePosition(line: 1, column: 1),
                           "no column gives \(column.field): name one \(column.headers.map { "\"\($0)\"" }.joined(separator: " or "))")
            return nil
        }
        guard ok else { return nil }
    }

    /// A row as the JSON object it stands for; nil for a blank row or one that cannot be read.
    func row(_ fields: [String], at row: Int, timezone: UTCOffset, display: String, into problems: inout Diagnostics) -> JSONNode? {
        if fields.allSatisfy(Self.isBlank) { return nil }
        var members: [JSONMember] = []
        var judged: [(judge: Int, node: JSONNode)] = []
        var ok = true
        for (i, cell) in fields.enumerated() {
            let c = i + 1, offset = CellOffset.make(row: row, column: c)
            func problem(_ message: String) {
                problems.error(display, at: SourcePosition(line: row, column: c), field: c < names.count ? names[c] : "", message)
            }
            guard c < fills.count, let column = fills[c] else {
                if c >= fills.count, !Self.isBlank(cell) {
                    problem("this row has \(fields.count) cells but the first row names \(fills.count - 1) columns")
                    ok = false
                }
                continue
            }
            if Self.isBlank(cell) {
                if column.required { members.append(JSONMember(key: column.field, keyOffset: offset, value: JSONNode(offset: offset, value: .null))) }
                continue
            }
            let value: JSONValue
            switch column.kind {
            case .text:
                if column.field == "phone", Self.isScientific(cell) {
                    problem("\"\(cell)\" is a phone number saved as a number in scientific notation, which loses its digits: format the column as text and export again")
                    ok = false
                    continue
                }
                value = .string(cell)
            case .number:
                guard let number = Self.number(cell) else { problem(Self.notANumber(cell)); ok = ok && !column.required; continue }
                value = .number(number)
            case .list:
                value = .array(Self.items(cell).map { JSONNode(offset: offset, value: .string($0)) })
            case .scores:
                if let judge = judges[c] {
                    guard let number = Self.number(cell) else { problem(Self.notANumber(cell)); continue }
                    judged.append((judge, JSONNode(offset: offset, value: .number(number))))
                    continue
                }
                var scores: [JSONNode] = []
                for item in Self.items(cell) {
                    guard let number = Self.number(item) else { problem(Self.notANumber(item)); continue }
                    scores.append(JSONNode(offset: offset, value: .number(number)))
                }
                value = .array(scores)
            case .time:
                value = .string(SheetTime.contractText(cell, timezone: timezone) ?? cell)
            case .choice(let values):
                let trimmed = cell.trimmingCharacters(in: .whitespaces)
                value = .string(values[trimmed] ?? cell)
            }
            members.append(JSONMember(key: column.field, keyOffset: offset, value: JSONNode(offset: offset, value: value)))
        }
        if !judged.isEmpty {
            let scores = judged.sorted { $0.judge < $1.judge }.map(\.node)
            members.append(JSONMember(key: "expertScores", keyOffset: scores[0].offset, value: JSONNode(offset: scores[0].offset, value: .array(scores))))
        }
        for c in fields.count + 1 ..< max(fills.count, fields.count + 1) {
            // A short row: its missing cells are empty ones.
            if let column = fills[c], column.required {
                let offset = CellOffset.make(row: row, column: c)
                members.append(JSONMember(key: column.field, keyOffset: offset, value: JSONNode(offset: offset, value: .null)))
            }
        }
        guard ok else { return nil }
        return JSONNode(offset: CellOffset.make(row: row, column: 1), value: .object(members))
    }

    /// Empty, or only spaces (full-width ones too).
    private static func isBlank(_ cell: String) -> Bool {
        if let first = cell.utf8.first, first > 0x20, first < 0x80 { return false }
        return cell.allSatisfy(\.isWhitespace)
    }

    /// Several values of one cell: `河北电网、河北邮政` or `a; b`.
    static func items(_ cell: String) -> [String] {
        // Compared as UTF-8: `;`, and `、` (E3 80 81) and `；` (EF BC 9B), whose bytes start no other character.
        let b = Array(cell.utf8)
        var items: [String] = [], start = 0, i = 0
        func take(_ end: Int) {
            // Without spaces around it: ASCII ones, tabs and the full-width space (E3 80 80).
            var from = start, to = end
            while true {
                if from < to, b[from] == 0x20 || b[from] == 0x09 { from += 1 }
                else if from + 3 <= to, b[from] == 0xE3, b[from + 1] == 0x80, b[from + 2] == 0x80 { from += 3 }
                else if from < to, b[to - 1] == 0x20 || b[to - 1] == 0x09 { to -= 1 }
                else if from + 3 <= to, b[to - 3] == 0xE3, b[to - 2] == 0x80, b[to - 1] == 0x80 { to -= 3 }
                else { break }
            }
            if from < to { items.append(String(decoding: b[from..<to], as: UTF8.self)) }
        }
        while i < b.count {
            let width = b[i] == 0x3B ? 1
                : i + 2 < b.count && (b[i] == 0xE3 && b[i + 1] == 0x80 && b[i + 2] == 0x81 || b[i] == 0xEF && b[i + 1] == 0xBC && b[i + 2] == 0x9B) ? 3 : 0
            if width > 0 { take(i); i += width; start = i } else { i += 1 }
        }
        take(b.count)
        return items
    }

    /// The cell's number as JSON writes one (RFC 8259 grammar), spaces around it allowed.
    static func number(_ cell: String) -> String? {
        let all = Array(cell.utf8)
        var b = all[...]
        while b.first == 0x20 || b.first == 0x09 { b = b.dropFirst() }
        while b.last == 0x20 || b.last == 0x09 { b = b.dropLast() }
        let trimmed = b.count == all.count ? all : Array(b)
        return JSONParser.isNumber(trimmed) ? (b.count == all.count ? cell : String(decoding: trimmed, as: UTF8.self)) : nil
    }

    private static func notANumber(_ cell: String) -> String {
        "\"\(cell)\" is not a number: write digits, with a point for decimals (for example 1234 or 87.5), without thousands separators or units"
    }

    /// `1.77487E+10`: what a spreadsheet shows of a long number kept as a number.
    private static func isScientific(_ cell: String) -> Bool {
        cell.utf8.contains { $0 == 0x45 || $0 == 0x65 } && number(cell) != nil
    }
}
