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

/// Notices' Markdown bodies (front matter removed), concatenated and repeated to about `megabytes`.
func markdownCorpus(_ folder: URL, megabytes: Int) throws -> String {
    var one = ""
    for name in try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() where name.hasSuffix(".md") {
        let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
        let parts = text.components(separatedBy: "\n---\n")
        one += (parts.count > 1 ? parts.dropFirst().joined(separator: "\n---\n") : text) + "\n\n"
    }
    var corpus = ""
    while corpus.utf8.count < megabytes << 20 { corpus += one }
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
    let corpus = try markdownCorpus(source, megabytes: megabytes)
    let file = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("podium-bench-notices.md")
    try Data(corpus.utf8).write(to: file)
    defer { try? FileManager.default.removeItem(at: file) }
    let mb = Double(corpus.utf8.count) / 1e6
    print("Markdown: \(source.path) repeated to \(String(format: "%.1f", mb)) MB, one document, medians of 9 alternating runs")
    // Each run is a fresh process (a fresh heap) that reads the file, then times only the
    // rendering: libcmark's parse + render + free (what the cmark command does between reading and
    // writing), or Podium's Markdown.html on the same text. Runs alternate; medians of 9.
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
    var lib: [Double] = [], plain: [Double] = [], ids: [Double] = [], command: [Double] = []
    for _ in 0..<9 {
        lib.append(try timed(["render", file.path, "--libcmark"]))
        plain.append(try timed(["render", file.path]))
        ids.append(try timed(["render", file.path, "--heading-ids"]))
        command.append(try measure("/usr/bin/cmark", [file.path]).seconds)
    }
    func mid(_ runs: [Double]) -> Double { runs.sorted()[runs.count / 2] }
    let l = mid(lib), p = mid(plain), i = mid(ids), c = mid(command)
    print(String(format: "libcmark parse+render+free:                 %.3f s  %4.0f MB/s", l, mb / l))
    print(String(format: "Markdown.html (safe links, pipe tables):    %.3f s  %4.0f MB/s  %.2f× libcmark", p, mb / p, p / l))
    print(String(format: "Markdown.html + heading ids (notice pages): %.3f s  %4.0f MB/s  %.2f× libcmark", i, mb / i, i / l))
    print(String(format: "cmark command, whole run (read, render, write /dev/null): %.3f s; Markdown.html + ids ÷ it: %.2f×", c, i / c))
}

/// Reads a file, then prints the seconds that rendering it took (libcmark alone, or Markdown.html).
func render(_ path: String, headingIds: Bool, libcmarkOnly: Bool) throws {
    guard let data = FileManager.default.contents(atPath: path) else { throw CocoaError(.fileReadNoSuchFile) }
    let text = String(decoding: data, as: UTF8.self)
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
            size = Markdown.render(text, headingIds: headingIds).bytes.count
        }
    }
    print(size > 0 ? seconds : -1)
}

let arguments = Array(CommandLine.arguments.dropFirst())
switch arguments.first {
case "render":
    try render(arguments[1], headingIds: arguments.contains("--heading-ids"), libcmarkOnly: arguments.contains("--libcmark"))
case "markdown":
    try markdown(arguments.count > 1 ? arguments[1] : nil, megabytes: arguments.count > 2 ? Int(arguments[2]) ?? 32 : 32)
case "site":
    try siteBench(works: arguments.count > 1 ? Int(arguments[1]) ?? 20000 : 20000, runs: arguments.count > 2 ? Int(arguments[2]) ?? 3 : 3)
case "votes":
    try votes(arguments.count > 1 ? arguments.dropFirst().compactMap { Int($0) } : [1_000_000, 10_000_000])
default:
    print("usage: podium-bench site [WORKS [RUNS]]   (default: 20000 3; full builds and the add-a-week rebuild)")
    print("       podium-bench votes [COUNT …]      (default: 1000000 10000000)")
    print("       podium-bench markdown [NOTICES_DIR [MB]]  (default: content/notices, 32 MB)")
}
