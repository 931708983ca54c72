import Foundation

/// `podium-bench site [WORKS] [RUNS]`: `podium build` on a large campaign (the shared generator's
/// data: WORKS entries, 31 divisions, 2,000 organizations, 17 weekly snapshots, 200 notices),
/// then the weekly case: the site built (twice) without its newest snapshot, the snapshot added, rebuilt;
/// then rebuilt once more with nothing changed (the floor any rebuild pays). Full builds and rebuilds
/// alternate in one run, so the ratios are measured side by side.
/// `fullOnly`: full builds alone (the 1,000,000-entry size, where each build takes minutes).
func siteBench(works: Int, runs: Int, fullOnly: Bool = false) throws {
    let here = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
    let podium = here.appendingPathComponent("podium").path
    guard FileManager.default.isExecutableFile(atPath: podium) else {
        print("no podium next to podium-bench: run swift build -c release first"); exit(1)
    }
    let site = try benchSite(works: works)
    let scratch = URL(fileURLWithPath: FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory())
        .appendingPathComponent("podium-bench-site")
    let fm = FileManager.default
    try? fm.removeItem(at: scratch)
    try fm.createDirectory(at: scratch, withIntermediateDirectories: true)
    defer { try? fm.removeItem(at: scratch) }

    // The weekly case works on a copy whose newest snapshot is taken out, then put back.
    let weekly = scratch.appendingPathComponent("weekly")
    if !fullOnly { try fm.copyItem(at: site, to: weekly) }
    let weeks = weekly.appendingPathComponent("content/campaigns/bench/weeks")
    guard let newest = try fm.contentsOfDirectory(atPath: (fullOnly ? site.appendingPathComponent("content/campaigns/bench/weeks") : weeks).path).sorted().last else {
        print("the site has no weeks"); exit(1)
    }
    let held = scratch.appendingPathComponent(newest)

    print("podium build: \(works) entries, 17 weeks, 200 notices (\(site.path)); output on \(scratch.path); \(runs) alternating runs")
    var full: [(seconds: Double, peakMB: Double)] = [], rebuild: [(seconds: Double, peakMB: Double)] = []
    var unchanged: [(seconds: Double, peakMB: Double)] = []
    var pages = 0, written = ""
    for _ in 0..<runs {
        // A full build: no previous output, no manifest, no snapshot cache.
        for name in try fm.contentsOfDirectory(atPath: scratch.path) where name != "weekly" && name != newest {
            try fm.removeItem(at: scratch.appendingPathComponent(name))
        }
        let out = scratch.appendingPathComponent("full")
        let (run, log) = try measureLogged(podium, ["build", "--site", site.path, "--output", out.path])
        full.append(run)
        pages = Int(log.split(separator: " ").dropFirst().first ?? "") ?? 0
        if fullOnly { continue }

        // The weekly case: build without the newest snapshot, add it, rebuild (timed).
        try? fm.removeItem(at: weekly.appendingPathComponent("public"))
        for name in try fm.contentsOfDirectory(atPath: weekly.path) where name.hasPrefix(".public") {
            try fm.removeItem(at: weekly.appendingPathComponent(name))
        }
        try fm.moveItem(at: weeks.appendingPathComponent(newest), to: held)
        // Built twice, as a site rebuilt every week is: the second build leaves the folder it
        // replaced for the timed rebuild to remove while it loads (its steady-state work).
        _ = try measureLogged(podium, ["build", "--site", weekly.path])
        _ = try measureLogged(podium, ["build", "--site", weekly.path])
        try fm.moveItem(at: held, to: weeks.appendingPathComponent(newest))
        let (again, againLog) = try measureLogged(podium, ["build", "--site", weekly.path])
        rebuild.append(again)
        written = againLog.components(separatedBy: "(").dropFirst().first?.components(separatedBy: ")").first ?? ""
        unchanged.append(try measureLogged(podium, ["build", "--site", weekly.path]).0)
    }
    func mid(_ xs: [Double]) -> Double { xs.sorted()[xs.count / 2] }
    if fullOnly {
        let f = mid(full.map(\.seconds))
        print(String(format: "full build:  %d pages in %.2f s = %.0f pages/s, peak %.0f MB (medians)", pages, f, Double(pages) / f, mid(full.map(\.peakMB))))
        return
    }
    // The rebuilt site must equal the full build of the same content.
    let identical = sameTree(weekly.appendingPathComponent("public"), scratch.appendingPathComponent("full"))
    let f = mid(full.map(\.seconds)), r = mid(rebuild.map(\.seconds))
    print(String(format: "full build:  %d pages in %.2f s = %.0f pages/s, peak %.0f MB (medians)", pages, f, Double(pages) / f, mid(full.map(\.peakMB))))
    print(String(format: "add a week:  rebuild %.2f s (%@), peak %.0f MB", r, written, mid(rebuild.map(\.peakMB))))
    print(String(format: "rebuild ÷ full build: %.3f (median of per-run ratios %.3f); rebuilt site identical to a full build: %@",
                 r / f, mid(zip(rebuild, full).map { $0.seconds / $1.seconds }), identical ? "yes" : "NO"))
    let u = mid(unchanged.map(\.seconds))
    print(String(format: "nothing changed: rebuild %.2f s = %.3f of a full build (median of per-run ratios %.3f)",
                 u, u / f, mid(zip(unchanged, full).map { $0.seconds / $1.seconds })))
}

/// The shared bench data (`../shared/bench`) converted to a Podium site, generated once.
private func benchSite(works: Int) throws -> URL {
    let site = URL(fileURLWithPath: "/tmp/podium-bench-\(works)")
    if FileManager.default.fileExists(atPath: site.appendingPathComponent("content/site.json").path) { return site }
    let bench = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent("../shared/bench").standardizedFileURL
    let data = URL(fileURLWithPath: "/tmp/campaign-bench/N\(works)")
    guard FileManager.default.fileExists(atPath: bench.appendingPathComponent("gen_campaign.py").path) else {
        print("no bench data: put a site at \(site.path) or run from the checkout beside ../shared/bench"); exit(1)
    }
    print("generating \(works) works with ../shared/bench/gen_campaign.py …")
    for (script, args) in [("gen_campaign.py", [data.path, "--works", String(works)]),
                           ("to_podium.py", [data.path, site.path])] {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", bench.appendingPathComponent(script).path] + args
        p.standardOutput = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else { print("\(script) failed"); exit(1) }
    }
    return site
}

/// `measure`, keeping the command's first line of output.
private func measureLogged(_ executable: String, _ arguments: [String]) throws -> ((seconds: Double, peakMB: Double), String) {
    let log = NSTemporaryDirectory() + "podium-bench-\(getpid()).log"
    defer { unlink(log) }
    let run = try measure(executable, arguments, outputPath: log)
    let text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
    return (run, text.split(separator: "\n").first.map(String.init) ?? "")
}

/// Whether two folders hold the same files with the same bytes.
private func sameTree(_ a: URL, _ b: URL) -> Bool {
    func files(_ root: URL) -> [String: Data] {
        var out: [String: Data] = [:]
        guard let walker = FileManager.default.enumerator(atPath: root.path) else { return out }
        while let path = walker.nextObject() as? String {
            var isDir: ObjCBool = false
            let full = root.appendingPathComponent(path).path
            if FileManager.default.fileExists(atPath: full, isDirectory: &isDir), !isDir.boolValue { out[path] = FileManager.default.contents(atPath: full) }
        }
        return out
    }
    let x = files(a), y = files(b)
    return !x.isEmpty && x == y
}
