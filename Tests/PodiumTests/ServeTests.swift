import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing
@testable import PodiumCore
@testable import PodiumServe

@Suite("podium serve")
struct ServeTests {
    func get(_ url: String) async throws -> (status: Int, body: String) {
        let (data, response) = try await URLSession.shared.data(from: URL(string: url)!)
        return ((response as! HTTPURLResponse).statusCode, String(decoding: data, as: UTF8.self))
    }

    /// The event after build `since`, waiting for it (the endpoint answers within 10 s).
    func event(_ base: String, since: Int) async throws -> String {
        for _ in 0..<3 {
            let body = try await get(base + "__podium/events?since=\(since)").body
            if body.contains("event:") { return body }
        }
        return ""
    }

    @Test("serves pages on loopback, rebuilds on a change with a reload event, keeps the last good site after a broken edit")
    func serveAndReload() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("podium-serve-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try SiteTemplate.write(to: folder)
        let server = try DevServer(site: folder, port: 0, log: { _ in })
        let port = try await server.start()
        let base = "http://127.0.0.1:\(port)/"

        let page = try await get(base + "campaigns/reading-2025/")
        #expect(page.status == 200 && page.body.contains("职工读书分享活动") && page.body.contains("EventSource"))
        #expect(try await get(base + "nope.html").status == 404)
        #expect(try await get(base + "%2e%2e/%2e%2e/etc/passwd").status == 403)

        let campaign = folder.appendingPathComponent("content/campaigns/reading-2025/campaign.json")
        try String(contentsOf: campaign, encoding: .utf8).replacingOccurrences(of: "职工读书分享活动", with: "职工读书分享大会")
            .write(to: campaign, atomically: true, encoding: .utf8)
        let reload = try await event(base, since: 1)
        #expect(reload.contains("event: reload"))
        #expect(try await get(base + "campaigns/reading-2025/").body.contains("职工读书分享大会"))

        try "{\"title\": ".write(to: folder.appendingPathComponent("content/site.json"), atomically: true, encoding: .utf8)
        let failed = try await event(base, since: 2)
        #expect(failed.contains("event: failed") && failed.contains("content/site.json:"))
        #expect(try await get(base + "campaigns/reading-2025/").body.contains("职工读书分享大会"))
        await server.stop()
    }
}
