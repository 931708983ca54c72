import Foundation
import Synchronization

/// A request as `podium serve` reads it: the method, the target's path (still percent-encoded)
/// and its query's names and values (decoded).
struct ServeRequest: Sendable {
    var method: String
    var path: String
    var query: [String: String]
}

struct ServeResponse: Sendable {
    var status: Int
    var headers: [(name: String, value: String)] = []
    var body: [UInt8] = []

    static func status(_ status: Int, headers: [(name: String, value: String)] = []) -> ServeResponse {
        ServeResponse(status: status, headers: headers)
    }
}

/// The HTTP/1.1 that `podium serve` needs, on 127.0.0.1 only: one request per connection
/// (`Connection: close`), each connection on a thread of its own (an event stream waits for
/// seconds; the build's own threads are never taken for it). A request's head is read within 30
/// seconds and 64 KB, or the connection gets a 400 (or closes, when it sent nothing).
final class LoopbackServer: @unchecked Sendable {
    let port: UInt16
    private let socket: Int32
    private let handler: @Sendable (ServeRequest) -> ServeResponse
    private let stopped = Atomic(false)
    private let done = DispatchSemaphore(value: 0)

    /// Listens on 127.0.0.1:`port` (0: any free port); throws `ServeError` when it cannot.
    init(port: UInt16, handler: @escaping @Sendable (ServeRequest) -> ServeResponse) throws {
        self.handler = handler
        let fd = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw ServeError(description: "cannot listen on 127.0.0.1:\(port): \(String(cString: strerror(errno)))") }
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = Self.loopback(port)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, 64) == 0 else {
            let code = errno
            close(fd)
            if code == EADDRINUSE {
                throw ServeError(description: "port \(port) is taken: another program listens there; choose another with --port (or --port 0 for any free one)")
            }
            throw ServeError(description: "cannot listen on 127.0.0.1:\(port): \(String(cString: strerror(code)))")
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        socket = fd
        self.port = UInt16(bigEndian: address.sin_port)
        Thread.detachNewThread { [self] in acceptLoop() }
    }

    /// 127.0.0.1:`port` as the socket calls take it.
    static func loopback(_ port: UInt16) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        return address
    }

    /// Stops accepting (requests being answered finish on their own threads).
    func stop() {
        guard !stopped.exchange(true, ordering: .sequentiallyConsistent) else { return }
        shutdown(socket, Int32(SHUT_RDWR))   // wakes the accept
        done.wait()
    }

    private func acceptLoop() {
        while !stopped.load(ordering: .sequentiallyConsistent) {
            let connection = accept(socket, nil, nil)
            if connection < 0 {
                if errno == EMFILE || errno == ENFILE { usleep(10_000) }
                continue
            }
            _ = fcntl(connection, F_SETFD, FD_CLOEXEC)
            Thread.detachNewThread { [self] in answer(connection) }
        }
        close(socket)
        done.signal()
    }

    private func answer(_ connection: Int32) {
        defer { close(connection) }
        var limit = timeval(tv_sec: 30, tv_usec: 0)
        setsockopt(connection, SOL_SOCKET, SO_RCVTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(connection, SOL_SOCKET, SO_SNDTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
        guard let head = Self.readHead(connection) else { return }
        let request = head.isEmpty ? nil : Self.parse(head)
        let response = request.map(handler) ?? .status(400)
        Self.send(response, headOnly: request?.method == "HEAD", to: connection)
    }

    /// The bytes up to the blank line after the headers; empty when the head is too long or
    /// unfinished; nil when the client sent nothing.
    private static func readHead(_ connection: Int32) -> [UInt8]? {
        var bytes: [UInt8] = [], buffer = [UInt8](repeating: 0, count: 4096)
        while bytes.count < 65536 {
            let n = buffer.withUnsafeMutableBytes { recv(connection, $0.baseAddress, $0.count, 0) }
            if n <= 0 { return bytes.isEmpty ? nil : [] }
            bytes += buffer[..<n]
            if let end = bytes.firstRange(of: [13, 10, 13, 10]) { return Array(bytes[..<end.lowerBound]) }
        }
        return []
    }

    /// `METHOD /path?query HTTP/1.x`; nil for anything else.
    static func parse(_ head: [UInt8]) -> ServeRequest? {
        let line = head.split(separator: 13, maxSplits: 1, omittingEmptySubsequences: false)[0]
        let parts = line.split(separator: 0x20, omittingEmptySubsequences: false)
        guard parts.count == 3, parts[2].starts(with: Array("HTTP/1.".utf8)), parts[1].first == 0x2F,
              let method = String(validating: parts[0], as: UTF8.self),
              let target = String(validating: parts[1], as: UTF8.self) else { return nil }
        let pieces = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        var query: [String: String] = [:]
        for pair in pieces.count > 1 ? pieces[1].split(separator: "&") : [] {
            let nameValue = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = String(nameValue[0]).removingPercentEncoding else { continue }
            query[name] = nameValue.count > 1 ? String(nameValue[1]).removingPercentEncoding : ""
        }
        return ServeRequest(method: method, path: String(pieces[0]), query: query)
    }

    static let reasons = [200: "OK", 302: "Found", 400: "Bad Request", 403: "Forbidden", 404: "Not Found",
                          405: "Method Not Allowed", 503: "Service Unavailable"]

    private static func send(_ response: ServeResponse, headOnly: Bool, to connection: Int32) {
        var head = "HTTP/1.1 \(response.status) \(reasons[response.status] ?? "Status")\r\n"
        // A value (the site's base path in a redirect) never ends its line early ("\r\n" is one Character).
        for (name, value) in response.headers { head += "\(name): \(value.filter { !$0.isNewline })\r\n" }
        head += "Content-Length: \(response.body.count)\r\nConnection: close\r\n\r\n"
        var bytes = Array(head.utf8)
        if !headOnly { bytes += response.body }
        var sent = 0
        while sent < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.send(connection, $0.baseAddress! + sent, $0.count - sent, Int32(MSG_NOSIGNAL)) }
            if n <= 0 { return }
            sent += n
        }
        shutdown(connection, Int32(SHUT_WR))
    }
}
