import FlyingFox
import Foundation
import PodiumCore

/// `podium serve`: builds the site, serves `public/` on 127.0.0.1, watches `content/` and
/// `templates/`, rebuilds on change and tells open pages to reload (server-sent events from a few
/// lines of script injected only here). A failed rebuild keeps the last good site served and shows
/// its errors in the page and in the terminal.
public final class DevServer: @unchecked Sendable {
    public let site: URL
    let output: URL
    let server: HTTPServer
    let state = BuildState()
    private var watcher: Task<Void, Never>?
    private let log: @Sendable (String) -> Void

    /// Log lines go straight to standard output (unbuffered, so a terminal or a log file sees them at once).
    public static func say(_ line: String) { FileHandle.standardOutput.write(Data((line + "\n").utf8)) }

    let port: UInt16
    /// The path baseURL puts the site under (`/podium/`): the site is served there, as it will be published.
    public private(set) var basePath = "/"
    /// Whether a build has succeeded since the server started (only then is there a site to serve).
    private var served = false

    public init(site: URL, port: UInt16, log: @escaping @Sendable (String) -> Void = DevServer.say) throws {
        self.site = site
        self.port = port
        self.output = site.appendingPathComponent("public")
        served = FileManager.default.fileExists(atPath: output.appendingPathComponent("index.html").path)
        // 127.0.0.1 only: the site is served to this machine, never to the network.
        self.server = HTTPServer(address: try .inet(ip4: "127.0.0.1", port: port), timeout: 30, logger: .disabled)
        self.log = log
    }

    /// Builds, starts serving and watching; returns the port actually used.
    public func start() async throws -> UInt16 {
        await rebuild()
        await server.appendRoute(HTTPRoute(methods: [.GET], path: "/__podium/events")) { [state] request in
            await Self.events(state: state, since: Int(request.query.first { $0.name == "since" }?.value ?? "") ?? -1)
        }
        await server.appendRoute(HTTPRoute(methods: [.GET, .HEAD], path: "/*")) { [weak self] request in
            guard let self else { return HTTPResponse(statusCode: .serviceUnavailable) }
            return await self.file(for: request)
        }
        // The server's own error (a port in use) is said as such, not as a time-out.
        let failure = FailureBox()
        let port = self.port
        Task { [server] in
            do { try await server.run() } catch { await failure.set(error) }
        }
        for _ in 0..<500 {
            if await server.isListening { break }
            if let error = await failure.error {
                let text = "\(error)"
                if text.contains("98") || text.lowercased().contains("in use") {
                    throw ServeError(description: "port \(port) is taken: another program listens there; choose another with --port (or --port 0 for any free one)")
                }
                throw ServeError(description: "cannot listen on 127.0.0.1:\(port): \(text)")
            }
            try await Task.sleep(nanoseconds: 10_000_000)
        }
        try await server.waitUntilListening()
        var actual: UInt16 = 0
        if case .ip4(_, let p)? = await server.listeningAddress { actual = p }
        let signature = Self.signature(of: site)
        watcher = Task { [weak self] in await self?.watch(from: signature) }
        return actual
    }

    public func stop() async {
        watcher?.cancel()
        await server.stop(timeout: 1)
    }

    func rebuild() async {
        switch SiteBuilder.build(BuildOptions(site: site)) {
        case .success(let report):
            log("built \(report.pages) pages (\(report.written) files changed)")
            served = true
            basePath = report.basePath
            await state.finished(errors: [])
        case .failure(let failure):
            let errors = failure.diagnostics.filter { $0.severity == .error }
            for e in errors { log(e.description) }
            log(served ? "build failed: the last good site is still served" : "build failed: nothing is served until the site builds; fix the errors above and save")
            await state.finished(errors: errors.map(\.description))
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
                await rebuild()
            }
        }
    }

    /// Names, sizes, modification and change times of everything under content/ and templates/
    /// (the same walk a build takes: links leaving the site and loops are not followed).
    static func signature(of site: URL) -> Fingerprint { InputTree.scan(site: site).stamp }

    /// Waits (up to 10 s) for a build newer than `since`, then sends one event; the browser's
    /// EventSource reconnects by itself.
    static func events(state: BuildState, since: Int) async -> HTTPResponse {
        var waited = 0
        while await state.generation <= since && waited < 10_000 {
            try? await Task.sleep(nanoseconds: 100_000_000)
            waited += 100
        }
        let (generation, errors) = await (state.generation, state.errors)
        var body = "retry: 300\n"
        if generation > since {
            let payload = errors.isEmpty ? "\(generation)" : "\(generation)\n" + errors.joined(separator: "\n")
            body += "event: \(errors.isEmpty ? "reload" : "failed")\n"
            body += payload.split(separator: "\n", omittingEmptySubsequences: false).map { "data: \($0)" }.joined(separator: "\n") + "\n\n"
        } else {
            body += ": waiting\n\n"
        }
        return HTTPResponse(statusCode: .ok, headers: [.contentType: "text/event-stream", .cacheControl: "no-store"], body: Data(body.utf8))
    }

    /// A file of public/: folders serve their index.html, HTML gets the reload script, paths
    /// leading outside public/ are refused, unknown paths get 404.html.
    func file(for request: HTTPRequest) async -> HTTPResponse {
        // A path that is not valid percent-encoded UTF-8, or holds a NUL, names no file.
        guard var raw = request.target.path().removingPercentEncoding, !raw.contains("\u{0}") else { return HTTPResponse(statusCode: .badRequest) }
        // The site lives under baseURL's path: `/` leads there; other paths outside it are not found.
        let base = basePath.removingPercentEncoding ?? basePath   // compared with the decoded request path
        var outside = false
        if base != "/" {
            if raw == "/" || raw == "/index.html" { return HTTPResponse(statusCode: .found, headers: [.location: base]) }
            if raw.hasPrefix(base) || raw + "/" == base { raw = String(raw.dropFirst(min(raw.count, base.count - 1))) } else { outside = true }
        }
        let parts = raw.split(separator: "/")
        guard !parts.contains("..") else { return HTTPResponse(statusCode: .forbidden) }
        var url = output
        for p in parts { url.appendPathComponent(String(p)) }
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDir), isDir.boolValue {
            url.appendPathComponent("index.html")
        }
        var status = HTTPStatusCode.ok
        if outside || !FileManager.default.fileExists(atPath: url.path) {
            status = .notFound
            url = output.appendingPathComponent("404.html")
        }
        guard var data = FileManager.default.contents(atPath: url.path) else { return HTTPResponse(statusCode: .notFound) }
        let type = Self.contentType(url.pathExtension)
        if type.hasPrefix("text/html") { data = Self.inject(data, generation: await state.generation) }
        var headers: HTTPHeaders = [.contentType: type, .cacheControl: "no-store"]
        if request.method == .HEAD {
            headers[.contentLength] = String(data.count)
            return HTTPResponse(statusCode: status, headers: headers)
        }
        return HTTPResponse(statusCode: status, headers: headers, body: data)
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

/// The generation of the last build and its errors, shared by the builder and the event stream.
actor BuildState {
    private(set) var generation = 0
    private(set) var errors: [String] = []

    func finished(errors: [String]) {
        generation += 1
        self.errors = errors
    }
}

/// Why `podium serve` could not start, said for people.
public struct ServeError: Error, CustomStringConvertible {
    public var description: String
}

private actor FailureBox {
    var error: Error?
    func set(_ e: Error) { error = e }
}
