import Foundation
import Testing
@testable import PodiumCore

/// A site written into a fresh temporary folder, built with the real pipeline, read back.
struct TestSite {
    let root: URL

    /// An existing folder (for reading what a build wrote there).
    init(root: URL) { self.root = root }

    init(site: [String: Any] = [:]) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("podium-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("content/campaigns"), withIntermediateDirectories: true)
        var config: [String: Any] = ["title": "测试站点", "baseURL": "https://example.org/"]
        config.merge(site) { _, new in new }
        try writeJSON("content/site.json", config)
    }

    /// A campaign with sensible defaults; `campaign` entries replace them.
    func campaign(_ slug: String, _ campaign: [String: Any] = [:], entries: [[String: Any]], winners: [[String: Any]]? = nil) throws {
        var c: [String: Any] = ["title": "测试活动", "organizer": "测试总工会", "start": "2021-03-01", "end": "2021-04-30", "awards": []]
        c.merge(campaign) { _, new in new }
        try writeJSON("content/campaigns/\(slug)/campaign.json", c)
        try writeJSON("content/campaigns/\(slug)/entries.json", entries)
        if let winners { try writeJSON("content/campaigns/\(slug)/winners.json", winners) }
    }

    func writeJSON(_ path: String, _ value: Any) throws {
        let data = try JSONSerialization.data(withJSONObject: value, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        try write(path, String(decoding: data, as: UTF8.self))
    }

    func write(_ path: String, _ text: String) throws {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    /// A file of exactly these bytes (a spreadsheet export in some encoding).
    func write(_ path: String, bytes: [UInt8]) throws {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url)
    }

    func remove(_ path: String) throws { try FileManager.default.removeItem(at: root.appendingPathComponent(path)) }

    var options: BuildOptions { BuildOptions(site: root) }

    @discardableResult
    func build() throws -> BuildReport {
        switch SiteBuilder.build(options) {
        case .success(let report): return report
        case .failure(let failure): throw failure
        }
    }

    /// The errors of a build that must fail.
    func failingBuild() -> [Diagnostic] {
        switch SiteBuilder.build(options) {
        case .success: Issue.record("the build succeeded but should have failed"); return []
        case .failure(let failure): return failure.diagnostics.filter { $0.severity == .error }
        }
    }

    func check() -> Diagnostics { SiteBuilder.check(options) }

    func read(_ path: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent("public/" + path), encoding: .utf8)
    }

    /// The published (fingerprinted) style sheet's path, as the home page links it.
    func stylesheet() throws -> String {
        let home = try read("index.html")
        let start = try #require(home.range(of: "href=\"style."))
        let end = try #require(home[start.upperBound...].range(of: ".css\""))
        return "style." + home[start.upperBound..<end.lowerBound] + ".css"
    }

    /// A page of the built site printed by headless chromium, as the PDF's bytes.
    func printed(_ path: String) throws -> Data {
        try Browser.pdf(root.appendingPathComponent("public/" + path).absoluteString)
    }

    func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: root.appendingPathComponent("public/" + path).path) }

    /// leaderboard.json as records keyed by id.
    func leaderboard(_ slug: String) throws -> [[String: Any]] {
        let data = try Data(contentsOf: root.appendingPathComponent("public/campaigns/\(slug)/leaderboard.json"))
        return try #require(JSONSerialization.jsonObject(with: data) as? [[String: Any]])
    }

    func record(_ slug: String, _ id: String) throws -> [String: Any] {
        try #require(try leaderboard(slug).first { $0["id"] as? String == id })
    }

    /// Every file under public/ with its bytes, for byte-identical comparisons.
    func snapshot(of folder: String = "public") -> [String: Data] {
        let base = root.appendingPathComponent(folder)
        var files: [String: Data] = [:]
        guard let walker = FileManager.default.enumerator(atPath: base.path) else { return files }
        while let path = walker.nextObject() as? String {
            var isDir: ObjCBool = false
            let full = base.appendingPathComponent(path).path
            if FileManager.default.fileExists(atPath: full, isDirectory: &isDir), !isDir.boolValue {
                files[path] = FileManager.default.contents(atPath: full)
            }
        }
        return files
    }

    func remove() { try? FileManager.default.removeItem(at: root) }
}

/// A scored entry with defaults.
func entry(_ id: String, likes: Int = 0, scores: [Double]? = nil, _ extra: [String: Any] = [:]) -> [String: Any] {
    var e: [String: Any] = ["id": id, "title": "作品 \(id)", "author": "作者\(id)", "likes": likes]
    if let scores { e["expertScores"] = scores }
    e.merge(extra) { _, new in new }
    return e
}

var scoring30_70: [String: Any] { [
    "scoring": ["likes": ["weight": 30, "normalize": "max"], "expert": ["weight": 70, "scale": 100, "trim": 1]],
] }
