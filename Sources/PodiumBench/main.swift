// Benchmarks, run in release: `swift build -c release && swift run -c release podium-bench votes`.
// Figures are ratios measured side by side in one run (these machines are shared and noisy).
import Foundation
import CCmark
import PodiumCore
#if canImport(Glibc)
import Glibc
#endif

/// A deterministic ledger: `count` votes over 60 days by `voters` voters for 2,000 entries, in time order.
func writeLedger(_ url: URL, count: Int, voters: Int) throws {
    FileManager.default.createFile(atPath: url.path, contents: nil)
    let handle = try FileHandle(forWritingTo: url)
    defer { try? handle.close() }
    var state: UInt64 = 2021
    func next() -> UInt64 { state = state &* 6364136223846793005 &+ 1442695040888963407; return state >> 33 }
    var buffer = "voter,entry,time\n"
    buffer.reserveCapacity(1 << 22)
    let start = 1_722_816_000   // 2024-08-05T00:00:00Z
    let span = 60 * 86400
    for i in 0..<count {
        let t = start + Int(Int64(span) * Int64(i) / Int64(count))
        let days = t / 86400, secs = t % 86400
        let date = "2024-\(days - 19940 < 27 ? "08" : days - 19940 < 57 ? "09" : "10")"
        let dayOfMonth = days - 19940 < 27 ? days - 19940 + 5 : days - 19940 < 57 ? days - 19940 - 26 : days - 19940 - 56
        let two = { (n: Int) in n < 10 ? "0\(n)" : "\(n)" }
        buffer += "v\(next() % UInt64(voters)),e\(next() % 2000),\(date)-\(two(dayOfMonth))T\(two(secs / 3600)):\(two(secs / 60 % 60)):\(two(secs % 60))Z\n"
        if buffer.utf8.count > 1 << 22 { handle.write(Data(buffer.utf8)); buffer.removeAll(keepingCapacity: true) }
    }
    handle.write(Data(buffer.utf8))
}

func writeSite(_ root: URL) throws {
    let campaign = root.appendingPathComponent("content/campaigns/bench")
    try FileManager.default.createDirectory(at: campaign, withIntermediateDirectories: true)
    try Data(#"{"title": "bench", "baseURL": "https://example.org/"}"#.utf8).write(to: root.appendingPathComponent("content/site.json"))
    try Data(#"{"title": "bench", "organizer": "o", "start": "2024-08-05", "end": "2024-11-30", "awards": [], "likeRules": {"perVoterPerEntryPerDay": 1, "maxEntriesPerVoterPerDay": 6}}"#.utf8)
        .write(to: campaign.appendingPathComponent("campaign.json"))
    let entries = (0..<2000).map { #"{"id": "e\#($0)", "title": "作品 \#($0)"}"# }.joined(separator: ",\n")
    try Data("[\n\(entries)\n]\n".utf8).write(to: campaign.appendingPathComponent("entries.json"))
}

/// Runs a command; returns wall seconds and the child's peak resident memory in MB. (posix_spawn
/// and wait4 directly: Foundation's Process may reap the child itself and lose its resource usage.)
func measure(_ executable: String, _ arguments: [String], outputPath: String = "/dev/null") throws -> (seconds: Double, peakMB: Double) {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    let argv = ([executable] + arguments).map { strdup($0) } + [nil]
    defer { argv.forEach { free($0) } }
    var pid: pid_t = 0
    let start = DispatchTime.now().uptimeNanoseconds
    guard posix_spawn(&pid, executable, &actions, nil, argv, environ) == 0 else { print("cannot run \(executable)"); exit(1) }
    var status: Int32 = 0
    var usage = rusage()
    while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    if status != 0 { print("\(executable) \(arguments.joined(separator: " ")) failed"); exit(1) }
    return (seconds, Double(usage.ru_maxrss) / 1024)
}

func votes(_ counts: [Int]) throws {
    let here = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
    let podium = here.appendingPathComponent("podium").path
    guard FileManager.default.isExecutableFile(atPath: podium) else {
        print("no podium next to podium-bench: run swift build -c release first"); exit(1)
    }
    print("votes.csv counting: podium check on a generated ledger (2,000 entries, 60 days, 1 like/entry/day, 6 entries/day)")
    print("floor = wc -l on the same file, measured in the same run")
    print("votes        file MB   podium s   votes/s      peak MB   wc -l s   podium ÷ wc -l")
    for count in counts {
        let root = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("podium-bench-votes-\(count)")
        try? FileManager.default.removeItem(at: root)
        try writeSite(root)
        let ledger = root.appendingPathComponent("content/campaigns/bench/votes.csv")
        try writeLedger(ledger, count: count, voters: 400_000)
        let size = Double((try FileManager.default.attributesOfItem(atPath: ledger.path)[.size] as? Int) ?? 0) / 1e6
        _ = try measure("/usr/bin/wc", ["-l", ledger.path])             // warm the page cache
        let floor = try measure("/usr/bin/wc", ["-l", ledger.path])
        let run = try measure(podium, ["check", "--site", root.path])
        print(String(format: "%-12d %7.0f   %8.2f   %9.0f   %7.0f   %7.2f   %6.1f×", count, size, run.seconds,
                     Double(count) / run.seconds, run.peakMB, floor.seconds, run.seconds / floor.seconds))
        try? FileManager.default.removeItem(at: root)
    }
}

/// Notices' Markdown bodies (front matter removed), repeated to about `megabytes` in all.
func markdownCorpus(_ folder: URL, megabytes: Int) throws -> [String] {
    var bodies: [String] = []
    for name in try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() where name.hasSuffix(".md") {
        let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
        let parts = text.components(separatedBy: "\n---\n")
        bodies.append((parts.count > 1 ? parts.dropFirst().joined(separator: "\n---\n") : text) + "\n\n")
    }
    var corpus: [String] = []
    var size = 0
    while size < megabytes << 20 {
        for body in bodies { corpus.append(body); size += body.utf8.count }
    }
    return corpus
}

func median(_ runs: Int, _ body: () throws -> Void) rethrows -> Double {
    var times: [Double] = []
    for _ in 0..<runs {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }
    return times.sorted()[runs / 2]
}

func markdown(_ folder: String?, megabytes: Int) throws {
    let source = URL(fileURLWithPath: folder ?? "content/notices")
    let notices = try markdownCorpus(source, megabytes: megabytes)
    let corpus = notices.joined()
    let file = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("podium-bench-notices.md")
    try Data(corpus.utf8).write(to: file)
    // The same notices as separate documents (NUL between them), rendered one by one as a build does.
    let each = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("podium-bench-notices.each")
    try Data(notices.joined(separator: "\u{0}").utf8).write(to: each)
    defer { try? FileManager.default.removeItem(at: file); try? FileManager.default.removeItem(at: each) }
    let mb = Double(corpus.utf8.count) / 1e6
    let runs = 11
    print("Markdown: \(source.path) repeated to \(String(format: "%.1f", mb)) MB; \(runs) rounds, each a fresh process per measure, alternating")
    // In process: the program reads the file, then times only the rendering: libcmark's parse +
    // render + free (what the cmark command does between reading and writing), or Podium's
    // Markdown.render on the same text. Whole commands: the cmark command against a program doing
    // the same job, timed from start to exit. Each comparison is made within a round, back to
    // back; printed: the medians, their ratio, and the median of the rounds' ratios.
    let me = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().path
    func timed(_ args: [String]) throws -> Double {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: me)
        process.arguments = args
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let out = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Double(String(decoding: out, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)) ?? .nan
    }
    let measures: [(name: String, run: () throws -> Double)] = [
        ("each: libcmark", { try timed(["render", each.path, "--libcmark", "--each"]) }),
        ("each: Podium", { try timed(["render", each.path, "--heading-ids", "--each"]) }),
        ("each: Podium plain", { try timed(["render", each.path, "--heading-ids", "--each", "--reference"]) }),
        ("one: libcmark", { try timed(["render", file.path, "--libcmark"]) }),
        ("one: Podium, no ids", { try timed(["render", file.path]) }),
        ("one: Podium", { try timed(["render", file.path, "--heading-ids"]) }),
        ("one: Podium plain", { try timed(["render", file.path, "--heading-ids", "--reference"]) }),
        ("cmark command", { try measure("/usr/bin/cmark", [file.path]).seconds }),
        ("Podium command", { try measure(me, ["render", file.path, "--heading-ids", "--stdout"]).seconds }),
        ("libcmark command", { try measure(me, ["render", file.path, "--libcmark", "--stdout"]).seconds }),
        ("libcmark streaming command", { try measure(me, ["render", file.path, "--libcmark", "--stream"]).seconds }),
    ]
    var times = [String: [Double]]()
    for _ in 0..<runs {
        for m in measures { times[m.name, default: []].append(try m.run()) }
    }
    func mid(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }
    func line(_ label: String, _ name: String, against base: String? = nil, _ unit: String = "") {
        let t = mid(times[name]!)
        var text = label.padding(toLength: 52, withPad: " ", startingAt: 0) + String(format: "%.3f s  %4.0f MB/s", t, mb / t)
        if let base {
            let ratios = zip(times[name]!, times[base]!).map { $0 / $1 }
            text += String(format: "  %.2f× %@ (rounds' median %.2f×)", t / mid(times[base]!), unit, mid(ratios))
        }
        print(text)
    }
    print("Each notice its own document (\(notices.count) documents), as a build renders them; in one process, rendering only:")
    line("  libcmark parse+render+free", "each: libcmark")
    line("  Markdown.render + heading ids (notice pages)", "each: Podium", against: "each: libcmark", "libcmark")
    line("  the same, the plain way (no arena, no splice)", "each: Podium plain", against: "each: Podium", "Podium")
    print("One document of all notices; in one process, rendering only:")
    line("  libcmark parse+render+free", "one: libcmark")
    line("  Markdown.render (safe links, pipe tables)", "one: Podium, no ids", against: "one: libcmark", "libcmark")
    line("  Markdown.render + heading ids (notice pages)", "one: Podium", against: "one: libcmark", "libcmark")
    line("  the same, the plain way (no arena, no splice)", "one: Podium plain", against: "one: Podium", "Podium")
    print("Whole commands on the one document (start, read the file, render, write the HTML to /dev/null):")
    line("  cmark FILE", "cmark command")
    line("  podium-bench render FILE --heading-ids --stdout", "Podium command", against: "cmark command", "cmark")
    line("  the same program, libcmark alone (--libcmark)", "libcmark command", against: "cmark command", "cmark")
    line("  libcmark alone, streaming like cmark (--stream)", "libcmark streaming command", against: "cmark command", "cmark")
}

/// A file's text, read straight into the string's storage (one copy, and the UTF-8 check).
func readText(_ path: String) -> String? {
    let fd = open(path, O_RDONLY)
    guard fd >= 0 else { return nil }
    defer { close(fd) }
    var info = stat()
    guard fstat(fd, &info) == 0 else { return nil }
    let size = Int(info.st_size)
    var failed = false
    let text = String(unsafeUninitializedCapacity: size) { buffer in
        var done = 0
        while done < size {
            let n = read(fd, buffer.baseAddress! + done, size - done)
            if n <= 0 { failed = n < 0; break }
            done += n
        }
        return done
    }
    return failed ? nil : text
}

/// What the cmark command does: the file fed to libcmark 4 KB at a time as it is read (the text is
/// never whole in memory), rendered, written to standard output, the tree freed.
func streamLibcmark(_ path: String) throws {
    guard let file = fopen(path, "rb") else { throw CocoaError(.fileReadNoSuchFile) }
    defer { fclose(file) }
    let parser = cmark_parser_new(CMARK_OPT_DEFAULT)
    var buffer = [CChar](repeating: 0, count: 4096)
    while true {
        let n = fread(&buffer, 1, buffer.count, file)
        if n == 0 { break }
        cmark_parser_feed(parser, buffer, n)
    }
    let document = cmark_parser_finish(parser)
    cmark_parser_free(parser)
    let html = cmark_render_html(document, CMARK_OPT_DEFAULT)!
    var done = 0
    let count = strlen(html)
    while done < count {
        let n = write(1, html + done, count - done)
        if n <= 0 { break }
        done += n
    }
    free(html)
    cmark_node_free(document)
}

/// libcmark alone: parse, render, free the tree; the HTML kept.
func libcmarkHTML(_ text: String) -> HTMLFragment {
    let length = text.utf8.count
    let document = text.withCString { cmark_parse_document($0, length, CMARK_OPT_DEFAULT) }!
    defer { cmark_node_free(document) }
    let html = cmark_render_html(document, CMARK_OPT_DEFAULT)!
    defer { free(html) }
    return HTMLFragment(Array(UnsafeRawBufferPointer(start: html, count: strlen(html))))
}

/// Reads a file, then prints the seconds that rendering it took (libcmark alone, or
/// Markdown.render); or, with `toStandardOutput`, writes the HTML as the cmark command does.
func render(_ path: String, headingIds: Bool, libcmarkOnly: Bool, toStandardOutput: Bool, each: Bool) throws {
    if CommandLine.arguments.contains("--stream") { return try streamLibcmark(path) }
    // --reference: Markdown's plain way (libcmark's own allocator, tables and headings as custom blocks).
    let plain = CommandLine.arguments.contains("--reference")
    guard let text = readText(path) else { throw CocoaError(.fileReadNoSuchFile) }
    if each {
        let documents = Array(text.utf8).split(separator: 0, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
        var size = 0
        let seconds = median(1) {
            for document in documents {
                if libcmarkOnly {
                    let length = document.utf8.count
                    let doc = document.withCString { cmark_parse_document($0, length, CMARK_OPT_DEFAULT) }!
                    let html = cmark_render_html(doc, CMARK_OPT_DEFAULT)!
                    size += strlen(html)
                    free(html)
                    cmark_node_free(doc)
                } else {
                    size += Markdown.render(document, unsafe: false, headingIds: headingIds, reference: plain).count
                }
            }
        }
        print(size > 0 ? seconds : -1)
        return
    }
    if toStandardOutput {
        let html = libcmarkOnly ? libcmarkHTML(text) : Markdown.render(text, headingIds: headingIds)
        html.withUnsafeBytes { bytes in
            var done = 0
            while done < bytes.count {
                let n = write(1, bytes.baseAddress! + done, bytes.count - done)
                if n <= 0 { break }
                done += n
            }
        }
        return
    }
    var size = 0
    let seconds = median(1) {
        if libcmarkOnly {
            let length = text.utf8.count
            let doc = text.withCString { cmark_parse_document($0, length, CMARK_OPT_DEFAULT) }!
            let html = cmark_render_html(doc, CMARK_OPT_DEFAULT)!
            size = strlen(html)
            free(html)
            cmark_node_free(doc)
        } else {
            size = Markdown.render(text, unsafe: false, headingIds: headingIds, reference: plain).count
        }
    }
    print(size > 0 ? seconds : -1)
}

let arguments = Array(CommandLine.arguments.dropFirst())
switch arguments.first {
case "render":
    try render(arguments[1], headingIds: arguments.contains("--heading-ids"), libcmarkOnly: arguments.contains("--libcmark"),
               toStandardOutput: arguments.contains("--stdout"), each: arguments.contains("--each"))
case "markdown":
    try markdown(arguments.count > 1 ? arguments[1] : nil, megabytes: arguments.count > 2 ? Int(arguments[2]) ?? 32 : 32)
case "site":
    try siteBench(works: arguments.count > 1 ? Int(arguments[1]) ?? 20000 : 20000, runs: arguments.count > 2 ? Int(arguments[2]) ?? 3 : 3,
                  fullOnly: arguments.contains("--full-only"))
case "sheet":
    try sheetBench(entries: arguments.count > 1 ? Int(arguments[1]) ?? 100_000 : 100_000, runs: arguments.count > 2 ? Int(arguments[2]) ?? 5 : 5)
case "votes":
    try votes(arguments.count > 1 ? arguments.dropFirst().compactMap { Int($0) } : [1_000_000, 10_000_000])
default:
    print("usage: podium-bench site [WORKS [RUNS]] [--full-only]   (default: 20000 3; full builds, the add-a-week rebuild and a rebuild with nothing changed;")
    print("       --full-only: full builds alone, for the 1,000,000-entry size: podium-bench site 1000000 1 --full-only)")
    print("       podium-bench votes [COUNT …]      (default: 1000000 10000000)")
    print("       podium-bench sheet [ENTRIES [RUNS]]  (default: 100000 5; entries.json against entries.csv, UTF-8 and GB18030)")
    print("       podium-bench markdown [NOTICES_DIR [MB]]  (default: content/notices, 32 MB)")
}
