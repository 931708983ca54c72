import Foundation

/// One row of `votes.csv` (contract §7). The voter id lives only as long as the counting.
public struct Vote {
    public var voter: String
    /// Index in `Campaign.entries`; nil for an id entries.json does not have.
    public var entry: Int?
    public var entryId: String
    public var time: Instant
    public var line: Int
}

/// Reads `votes.csv` as a stream of rows in 1 MiB chunks: memory does not grow with the file.
/// Problems (missing header, malformed rows, times without offset, impossible dates) are
/// reported with their line; at most `maxReported` of them, then a count.
public enum VoteLedger {
    static let maxReported = 50

    public struct Summary {
        /// False when some vote is earlier than the one before it.
        public var inTimeOrder = true
    }

    /// Calls `each` for every valid row in file order.
    public static func read(_ url: URL, display: String, entryIndex: [String: Int],
                            into diagnostics: inout Diagnostics, _ each: (Vote) -> Void) -> Summary {
        var summary = Summary()
        let fd: Int32
        do { fd = try FileSystem.openRegular(url.path).0 } catch {
            diagnostics.error(display, SiteLoader.unreadable(error))
            return summary
        }
        defer { close(fd) }
        var problems = 0
        func problem(_ line: Int, _ field: String, _ message: String) {
            problems += 1
            if problems <= maxReported { diagnostics.error(display, at: SourcePosition(line: line, column: 1), field: field, message) }
        }

        var columns: (voter: Int, entry: Int, time: Int)?
        var lineNumber = 0
        var previous: Instant?
        var carry: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 20)

        func handle(_ line: UnsafeBufferPointer<UInt8>) {
            lineNumber += 1
            var line = line
            if line.last == 0x0D { line = UnsafeBufferPointer(rebasing: line.dropLast()) }
            if lineNumber == 1 {
                if line.starts(with: [0xEF, 0xBB, 0xBF]) { line = UnsafeBufferPointer(rebasing: line.dropFirst(3)) }
                columns = header(line, problem)
                return
            }
            guard let columns, !line.isEmpty else { return }
            // Fast path: no quotes, so the fields are the bytes between the two commas.
            var voter = "", entryId = "", time = Instant(seconds: 0)
            if !line.contains(0x22), let c1 = line.firstIndex(of: 0x2C),
               let c2 = line[(c1 + 1)...].firstIndex(of: 0x2C), !line[(c2 + 1)...].contains(0x2C) {
                let ranges = [0..<c1, (c1 + 1)..<c2, (c2 + 1)..<line.count]
                let timeBytes = UnsafeBufferPointer(rebasing: line[ranges[columns.time]])
                switch TimeParser.parse(timeBytes) {
                case .success(let t): time = t
                case .failure(let failure):
                    return problem(lineNumber, "time", "\"\(String(decoding: timeBytes, as: UTF8.self))\" \(failure.message)")
                }
                voter = String(decoding: UnsafeBufferPointer(rebasing: line[ranges[columns.voter]]), as: UTF8.self)
                entryId = String(decoding: UnsafeBufferPointer(rebasing: line[ranges[columns.entry]]), as: UTF8.self)
            } else {
                let fields: [String]
                do { fields = try CSVRecords.fields(of: line) } catch { return problem(lineNumber, "", error.message) }
                guard fields.count == 3 else {
                    return problem(lineNumber, "", "expected 3 fields (voter,entry,time) but found \(fields.count)")
                }
                voter = fields[columns.voter]
                entryId = fields[columns.entry]
                var timeText = fields[columns.time]
                switch timeText.withUTF8({ TimeParser.parse($0) }) {
                case .success(let t): time = t
                case .failure(let failure): return problem(lineNumber, "time", "\"\(timeText)\" \(failure.message)")
                }
            }
            guard !voter.isEmpty else { return problem(lineNumber, "voter", "is empty") }
            guard !entryId.isEmpty else { return problem(lineNumber, "entry", "is empty") }
            if let previous, time < previous { summary.inTimeOrder = false }
            previous = time
            each(Vote(voter: voter, entry: entryIndex[entryId], entryId: entryId, time: time, line: lineNumber))
        }

        while true {
            let n: Int
            do { n = try FileSystem.readChunk(fd, into: &chunk, path: display) } catch {
                diagnostics.error(display, SiteLoader.unreadable(error))
                break
            }
            if n == 0 { break }
            chunk.withUnsafeBufferPointer { buffer in
                var start = 0
                for i in 0..<n where buffer[i] == 0x0A {
                    if carry.isEmpty {
                        handle(UnsafeBufferPointer(rebasing: buffer[start..<i]))
                    } else {
                        carry.append(contentsOf: buffer[start..<i])
                        carry.withUnsafeBufferPointer { handle($0) }
                        carry.removeAll(keepingCapacity: true)
                    }
                    start = i + 1
                }
                carry.append(contentsOf: buffer[start..<n])
            }
        }
        if !carry.isEmpty { carry.withUnsafeBufferPointer { handle($0) } }
        if lineNumber == 0 { problem(1, "", "the file is empty: it needs the header voter,entry,time") }
        if problems > maxReported { diagnostics.error(display, "\(problems - maxReported) more problems like these") }
        return summary
    }

    static func header(_ line: UnsafeBufferPointer<UInt8>, _ problem: (Int, String, String) -> Void) -> (voter: Int, entry: Int, time: Int)? {
        let names = ((try? CSVRecords.fields(of: line)) ?? []).map { $0.trimmingCharacters(in: .whitespaces) }
        let known = ["voter", "entry", "time"]
        guard let v = names.firstIndex(of: "voter"), let e = names.firstIndex(of: "entry"), let t = names.firstIndex(of: "time"), names.count == 3 else {
            var message = "the first line must be the header voter,entry,time"
            if let unknown = names.first(where: { !known.contains($0) }) {
                message += "; found \"\(unknown)\""
                if let hint = NameSuggestion.closest(to: unknown, in: known) { message += " (did you mean \"\(hint)\"?)" }
            }
            problem(1, "", message)
            return nil
        }
        return (v, e, t)
    }
}
