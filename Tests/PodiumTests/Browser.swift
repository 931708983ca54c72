import Foundation
import Testing

/// A real browser: Debian's `chromium`, headless, reading pages of a built site served over HTTP
/// on loopback, after their scripts ran. `scripts/test` installs it; without it these tests fail
/// and say so (they never pass by skipping).
enum Browser {
    static var executable: String? {
        ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// The page's DOM once its scripts and their requests have run (a virtual time budget).
    /// - Parameter arguments: more of chromium's switches (`--host-resolver-rules=…`).
    static func dom(_ url: String, arguments: [String] = []) throws -> String {
        String(decoding: try run(arguments + ["--virtual-time-budget=5000", "--dump-dom", url]), as: UTF8.self)
    }

    /// Runs headless chromium with a profile of its own in a scratch folder (tests run side by
    /// side); returns its standard output, or with `printing` the PDF it printed.
    @discardableResult
    static func run(_ arguments: [String], printing: Bool = false) throws -> Data {
        let chromium = try #require(executable, "no chromium: run scripts/test, which installs Debian's chromium")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("podium-chromium-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: chromium)
        process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--user-data-dir=\(folder.path)/profile"]
            + (printing ? ["--no-pdf-header-footer", "--print-to-pdf=\(folder.path)/page.pdf"] : []) + arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return printing ? try Data(contentsOf: folder.appendingPathComponent("page.pdf")) : data
    }
}

extension Browser {
    /// The page printed by chromium (`--print-to-pdf`), as the PDF's bytes.
    static func pdf(_ url: String) throws -> Data { try run([url], printing: true) }

    /// The PDF's text, page by page (poppler's `pdftotext`, which `scripts/test` installs).
    static func pdfText(_ pdf: Data) throws -> [String] {
        let tool = try #require(["/usr/bin/pdftotext"].first { FileManager.default.isExecutableFile(atPath: $0) },
                                "no pdftotext: run scripts/test, which installs Debian's poppler-utils")
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("podium-\(UUID().uuidString).pdf")
        try pdf.write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = ["-layout", file.path, "-"]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).components(separatedBy: "\u{0C}").filter { !$0.isEmpty }
    }

    /// Each page's size in points, from the PDF's MediaBox entries.
    static func pageSizes(_ pdf: Data) -> [String] {
        let text = String(decoding: pdf, as: UTF8.self)
        return text.components(separatedBy: "/MediaBox [0 0 ").dropFirst().map { String($0.prefix { $0 != "]" }) }
    }
}

/// A folder served over HTTP on 127.0.0.1 (Python's http.server on a port the system picks).
final class StaticServer {
    private let process = Process()
    let base: String

    init(_ folder: URL) throws {
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-u", "-m", "http.server", "--bind", "127.0.0.1", "--directory", folder.path, "0"]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        // "Serving HTTP on 127.0.0.1 port 40123 (http://127.0.0.1:40123/) ..."
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = out.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            line.append(chunk)
        }
        let text = String(decoding: line, as: UTF8.self)
        let port = try #require(text.components(separatedBy: " port ").dropFirst().first?.prefix { $0.isNumber }, "http.server said: \(text)")
        base = "http://127.0.0.1:\(port)/"
    }

    /// SIGKILL: a child of the test process inherits its blocked signals, SIGTERM among them.
    func stop() {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }
}
