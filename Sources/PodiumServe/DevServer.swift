import Foundation
import PodiumCore

/// `podium serve`: builds the site, serves `public/` on 127.0.0.1, watches `content/` and
/// `templates/`, rebuilds on change and tells open pages to reload (server-sent events from a few
/// lines of script injected only here). A failed rebuild keeps the last good site served and shows
/// its errors in the page and in the terminal.
public final class DevServer: @unchecked Sendable {
    public let site: URL
    let output: URL
    let state = BuildState()
    private var server: LoopbackServer?
    private var watcher: Task<Void, Never>?
    private let log: @Sendable (String) -> Void

    /// Log lines go straight to standard output (unbuffered, so a terminal or a log file sees them at once).
    public static func say(_ line: String) { FileHandle.standardOutput.write(Data((line + "\n").utf8)) }

    let port: UInt16
    /// The path baseURL puts the site under (`/podium/`): the site is served there, as it will be published.
    public var basePath: String { state.basePath }

    public init(site: URL, port: UInt16, log: @escaping @Sendable (String) -> Void = DevServer.say) throws {
        self.site = site
        self.port = port
        self.output = site.appendingPathComponent("public")
        self.log = log
        if FileManager.default.fileExists(atPath: output.appendingPathComponent("index.html").path) { state.served() }
    }

    /// Builds, starts serving (on 127.0.0.1 only: never to the network) and watching; returns the port actually used.
    public func start() async throws -> UInt16 {
        rebuild()
        let server = try LoopbackServer(port: port) { [weak self] request in
            guard let self else { return .status(503) }
            return self.answer(request)
        }
        self.server = server
        let signature = Self.signature(of: site)
        watcher = Task { [weak self] in await self?.watch(from: signature) }
        return server.port
    }

    public func stop() async {
        watcher?.cancel()
        server?.stop()
    }

    func answer(_ request: ServeRequest) -> ServeResponse {
        guard request.method == "GET" || request.method == "HEAD" else { return .status(405, headers: [("Allow", "GET, HEAD")]) }
        if request.path == "/__podium/events" {
            return Self.events(state: state, since: request.query["since"].flatMap { Int($0) } ?? -1)
        }
        return file(at: request.path)
    }

    func rebuild() {
        switch SiteBuilder.build(BuildOptions(site: site)) {
        case .success(let report):
            log("built \(report.pages) pages (\(report.written) files changed)")
            state.finished(errors: [], basePath: report.basePath)
        case .failure(let failure):
            let errors = failure.diagnostics.filter { $0.severity == .error }
            for e in errors { log(e.description) }
            log(state.hasServed ? "build failed: the last good site is still served" : "build failed: nothing is served until the site builds; fix the errors above and save")
            state.finished(errors: errors.map(\.description), basePath: nil)
        }
    }

    /// Polls the modification times of content/ and templates/ twice a second.
    func watch(from start: Fingerprint) async {
        var last = start
        while !Task.isCancelled {
            try? await Task.sleep(nanoseconds: 500_000_000)
            let now = Self.signature(of: site)
            if now != last {
                last = now
                rebuild()
            }
        }
    }

    /// Names, sizes, modification and change times of everything under content/ and templates/
    /// (the same walk a build takes: links leaving the site and loops are not followed).
    static func signature(of site: URL) -> Fingerprint { InputTree.scan(site: site).stamp }

    /// Waits (up to 10 s) for a build newer than `since`, then sends one event; the browser's
    /// EventSource reconnects by itself.
    static func events(state: BuildState, since: Int) -> ServeResponse {
        let (generation, errors) = state.wait(newerThan: since, seconds: 10)
        var body = "retry: 300\n"
        if generation > since {
            let payload = errors.isEmpty ? "\(generation)" : "\(generation)\n" + errors.joined(separator: "\n")
            body += "event: \(errors.isEmpty ? "reload" : "failed")\n"
            body += payload.split(separator: "\n", omittingEmptySubsequences: false).map { "data: \($0)" }.joined(separator: "\n") + "\n\n"
        } else {
            body += ": waiting\n\n"
        }
        return ServeResponse(status: 200, headers: [("Content-Type", "text/event-stream"), ("Cache-Control", "no-store")], body: Array(body.utf8))
    }

    /// A file of public/ (`path` as requested, percent-encoded): folders serve their index.html,
    /// HTML gets the reload script, paths leading outside public/ are refused, unknown paths get 404.html.
    func file(at path: String) -> ServeResponse {
        // A path that is not valid percent-encoded UTF-8, or holds a NUL, names no file.
        guard var raw = path.removingPercentEncoding, !raw.contains("\u{0}") else { return .status(400) }
        // The site lives under baseURL's path: `/` leads there; other paths outside it are not found.
        let basePath = self.basePath
        let base = basePath.removingPercentEncoding ?? basePath   // compared with the decoded request path
        var outside = false
        if base != "/" {
            if raw == "/" || raw == "/index.html" { return .status(302, headers: [("Location", basePath)]) }
            if raw.hasPrefix(base) || raw + "/" == base { raw = String(raw.dropFirst(min(raw.count, base.count - 1))) } else { outside = true }
        }
        let parts = raw.split(separator: "/")
        guard !parts.contains("..") else { return .status(403) }
        var url = output
        for p in parts { url.appendPathComponent(String(p)) }
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDir), isDir.boolValue {
            url.appendPathComponent("index.html")
        }
        var status = 200
        if outside || !FileManager.default.fileExists(atPath: url.path) {
            status = 404
            url = output.appendingPathComponent("404.html")
        }
        guard var data = FileManager.default.contents(atPath: url.path) else { return .status(404) }
        let type = Self.contentType(url.pathExtension)
        if type.hasPrefix("text/html") { data = Self.inject(data, generation: state.generation) }
        return ServeResponse(status: status, headers: [("Content-Type", type), ("Cache-Control", "no-store")], body: Array(data))
    }

    static func contentType(_ ext: String) -> String {
        switch ext.lowercased() {
        case "html": "text/html; charset=utf-8"
        case "css": "text/css; charset=utf-8"
        case "json": "application/json; charset=utf-8"
        case "xml": "application/xml; charset=utf-8"
        case "csv": "text/csv; charset=utf-8"
        case "txt": "text/plain; charset=utf-8"
        case "png": "image/png"
        case "jpg", "jpeg": "image/jpeg"
        case "gif": "image/gif"
        case "webp": "image/webp"
        case "svg": "image/svg+xml"
        case "pdf": "application/pdf"
        default: "application/octet-stream"
        }
    }

    /// The reload script, before </body>: on "reload" the page reloads; on "failed" it shows the errors.
    static func inject(_ html: Data, generation: Int) -> Data {
        let script = """
        <script>(function(){var g=\(generation);function go(){var s=new EventSource("/__podium/events?since="+g);
        s.addEventListener("reload",function(){location.reload();});
        s.addEventListener("failed",function(e){var l=e.data.split("\\n");g=+l[0];s.close();var d=document.getElementById("podium-errors")||document.body.appendChild(document.createElement("pre"));
        d.id="podium-errors";d.style.cssText="position:fixed;left:0;right:0;bottom:0;max-height:50vh;overflow:auto;margin:0;padding:1em;background:#fff3f3;color:#b3261e;border-top:3px solid #b3261e;z-index:99;white-space:pre-wrap";
        d.textContent="构建失败，仍显示上一次的网站：\\n"+l.slice(1).join("\\n");go();});}go();})();</script>
        """
        var text = String(decoding: html, as: UTF8.self)
        if let end = text.range(of: "</body>", options: .backwards) { text.insert(contentsOf: script, at: end.lowerBound) } else { text += script }
        return Data(text.utf8)
    }
}

/// The generation of the last build, its errors and the site's base path, shared by the builder
/// and the connections (an event stream waits here for the next build).
final class BuildState: @unchecked Sendable {
    private let condition = NSCondition()
    private var generationValue = 0, errorsValue: [String] = [], base = "/", servedOnce = false

    var generation: Int { condition.withLock { generationValue } }
    var basePath: String { condition.withLock { base } }
    /// Whether there is a site to serve (a build succeeded, or one was there at the start).
    var hasServed: Bool { condition.withLock { servedOnce } }

    func served() { condition.withLock { servedOnce = true } }

    /// `basePath`: nil for a failed build (the last good site keeps its path).
    func finished(errors: [String], basePath: String?) {
        condition.withLock {
            generationValue += 1
            errorsValue = errors
            if let basePath { base = basePath; servedOnce = true }
            condition.broadcast()
        }
    }

    /// The generation and errors once a build newer than `since` finished, or after `seconds`.
    func wait(newerThan since: Int, seconds: Double) -> (generation: Int, errors: [String]) {
        let deadline = Date(timeIntervalSinceNow: seconds)
        return condition.withLock {
            while generationValue <= since, condition.wait(until: deadline) {}
            return (generationValue, errorsValue)
        }
    }
}

/// Why `podium serve` could not start, said for people.
public struct ServeError: Error, CustomStringConvertible {
    public var description: String
}
