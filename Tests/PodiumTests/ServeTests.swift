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

    /// The event after build `since`, waiting for it.
    func event(_ base: String, since: Int) async throws -> String {
        try await firstEvent(tries: 3) { try await get(base + "__podium/events?since=\(since)").body }
    }

    @Test("serves pages on loopback, rebuilds on a change with a reload event, keeps the last good site after a broken edit")
    func serveAndReload() async throws {
        try await servingExample { folder, port in
            let base = "http://127.0.0.1:\(port)/"

            let page = try await get(base + "campaigns/reading-2025/")
            #expect(page.status == 200 && page.body.contains("职工读书分享活动") && page.body.contains("EventSource"))
            #expect(try await get(base + "nope.html").status == 404)
            #expect(try await get(base + "%2e%2e/%2e%2e/etc/passwd").status == 403)

            try retitleExampleCampaign(in: folder)
            let reload = try await event(base, since: 1)
            #expect(reload.contains("event: reload"))
            #expect(try await get(base + "campaigns/reading-2025/").body.contains("职工读书分享大会"))

            try "{\"title\": ".write(to: folder.appendingPathComponent("content/site.json"), atomically: true, encoding: .utf8)
            let failed = try await event(base, since: 2)
            #expect(failed.contains("event: failed") && failed.contains("content/site.json:"))
            #expect(try await get(base + "campaigns/reading-2025/").body.contains("职工读书分享大会"))
        }
    }
}

@Suite("podium serve: errors people can read")
struct ServeErrorTests {
    @Test("a port in use is said to be taken; a bad percent-encoding is a 400; no site yet is not called 'the last good site'")
    func serveErrors() async throws {
        try await servingExample { folder, port in
            let second = try DevServer(site: folder, port: port, log: { _ in })
            let started = Date()
            let taken = await #expect(throws: ServeError.self) { _ = try await second.start() }
            #expect("\(taken.map { "\($0)" } ?? "")".contains("port \(port) is taken"), "\(String(describing: taken))")
            #expect(Date().timeIntervalSince(started) < 4.5, "said at once, not after a time-out")
            let (_, response) = try await URLSession.shared.data(from: URL(string: "http://127.0.0.1:\(port)/%ff")!)
            #expect((response as! HTTPURLResponse).statusCode == 400)
        }

        let empty = scratchFolder()
        defer { try? FileManager.default.removeItem(at: empty) }
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        let lines = Lines()
        let none = try DevServer(site: empty, port: 0, log: { lines.add($0) })
        _ = try await none.start()
        await none.stop()
        #expect(lines.all.contains { $0.contains("nothing is served until the site builds") }, "\(lines.all)")
        #expect(!lines.all.contains { $0.contains("last good site") })
    }
}

@Suite("podium serve: the HTTP it speaks")
struct ServeProtocolTests {
    struct NoConnection: Error {}

    /// Sends raw bytes to 127.0.0.1:`port` and returns everything the server answers.
    func exchange(_ port: UInt16, _ request: String) throws -> String {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw NoConnection() }
        defer { close(fd) }
        var address = LoopbackServer.loopback(port)
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw NoConnection() }
        var bytes = Array(request.utf8)
        _ = send(fd, &bytes, bytes.count, Int32(MSG_NOSIGNAL))
        var answer: [UInt8] = [], buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = recv(fd, &buffer, buffer.count, 0)
            if n <= 0 { break }
            answer += buffer[..<n]
        }
        return String(decoding: answer, as: UTF8.self)
    }

    @Test("HEAD gives a page's length without its body; other methods get 405; what is not HTTP gets 400; pages are answered while an event stream waits")
    func protocolAnswers() async throws {
        try await servingExample { folder, port in
            let get = try exchange(port, "GET /campaigns/reading-2025/ HTTP/1.1\r\nHost: x\r\n\r\n")
            let head = try exchange(port, "HEAD /campaigns/reading-2025/ HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(get.hasPrefix("HTTP/1.1 200 OK\r\n") && head.hasPrefix("HTTP/1.1 200 OK\r\n"))
            let body = try #require(get.components(separatedBy: "\r\n\r\n").dropFirst().first)
            #expect(body.contains("职工读书分享活动"))
            #expect(head.contains("Content-Length: \(body.utf8.count)\r\n") && head.hasSuffix("\r\n\r\n"), "\(head)")
            #expect(head.contains("Content-Type: text/html; charset=utf-8"))

            #expect(try exchange(port, "POST / HTTP/1.1\r\nContent-Length: 0\r\n\r\n").hasPrefix("HTTP/1.1 405 "))
            #expect(try exchange(port, "hello\r\n\r\n").hasPrefix("HTTP/1.1 400 "))
            #expect(try exchange(port, "GET nowhere HTTP/1.1\r\n\r\n").hasPrefix("HTTP/1.1 400 "))
            #expect(try exchange(port, "GET /" + String(repeating: "a", count: 70_000) + " HTTP/1.1\r\n\r\n").hasPrefix("HTTP/1.1 400 "))

            // An event stream waiting for the next build does not hold up a page; it ends with that build.
            // (It waits on a thread of its own, as a browser would: blocking one of the few threads
            // that run the tests' tasks could keep the server's watcher from ever seeing the edit.)
            let waiting = Task { try await onThread { try exchange(port, "GET /__podium/events?since=1 HTTP/1.1\r\n\r\n") } }
            try await Task.sleep(nanoseconds: 200_000_000)
            let started = Date()
            #expect(try exchange(port, "GET /nope.html HTTP/1.1\r\n\r\n").hasPrefix("HTTP/1.1 404 "))
            #expect(Date().timeIntervalSince(started) < 2)
            try retitleExampleCampaign(in: folder)
            // The build's event, on this stream or on one opened again after it.
            var events = try await waiting.value
            if !events.contains("event:") {
                events = try await firstEvent(tries: 5) { try await onThread { try exchange(port, "GET /__podium/events?since=1 HTTP/1.1\r\n\r\n") } }
            }
            #expect(events.contains("event: reload"), "\(events)")
        }
    }

    @Test("a header's value cannot end the head early: line breaks in it are dropped")
    func headerValuesStayOneLine() throws {
        let server = try LoopbackServer(port: 0) { _ in .status(302, headers: [("Location", "/a\r\nX-Injected: yes\n\rX-Too: 1")]) }
        defer { server.stop() }
        let answer = try exchange(server.port, "GET / HTTP/1.1\r\n\r\n")
        let lines = answer.split(separator: "\r\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.contains("Location: /aX-Injected: yesX-Too: 1"), "\(lines)")
        #expect(!lines.contains { $0.hasPrefix("X-") }, "\(lines)")
    }
}

/// The first answer of an event stream that holds an event, opening the stream (`open`) up to `tries`
/// times while it ends with nothing but ": waiting", as EventSource does: each waits up to 10 s, and
/// a machine busy with the other tests may take longer than that to build.
func firstEvent(tries: Int, _ open: () async throws -> String) async throws -> String {
    for _ in 0..<tries {
        let body = try await open()
        if body.contains("event:") { return body }
    }
    return ""
}

/// `work`'s result, worked out on a thread of its own (not one of the threads that run tasks, which
/// a blocking call would hold).
func onThread<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { done in Thread.detachNewThread { done.resume(with: Result { try work() }) } }
}

/// A new folder's name under the system's temporary folder (not created).
func scratchFolder() -> URL {
    FileManager.default.temporaryDirectory.appendingPathComponent("podium-serve-\(UUID().uuidString)")
}

/// The example site written to a new folder and served on a free loopback port: `body` gets the
/// folder and the port; the server is stopped and the folder removed after it, whatever it throws.
func servingExample(_ body: (URL, UInt16) async throws -> Void) async throws {
    let folder = scratchFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    try SiteTemplate.write(to: folder)
    let server = try DevServer(site: folder, port: 0, log: { _ in })
    let port = try await server.start()
    do { try await body(folder, port) } catch {
        await server.stop()
        throw error
    }
    await server.stop()
}

/// An edit of the example site that a rebuild must show: its campaign's title, 活动 → 大会.
func retitleExampleCampaign(in folder: URL) throws {
    let campaign = folder.appendingPathComponent("content/campaigns/reading-2025/campaign.json")
    try String(contentsOf: campaign, encoding: .utf8).replacingOccurrences(of: "职工读书分享活动", with: "职工读书分享大会")
        .write(to: campaign, atomically: true, encoding: .utf8)
}

final class Lines: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []
    func add(_ s: String) { lock.withLock { lines.append(s) } }
    var all: [String] { lock.withLock { lines } }
}
