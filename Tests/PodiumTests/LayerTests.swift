import Foundation
import Testing

/// The layers of PodiumCore point one way: Support ← Content ← Results ← Render ← Site. A type
/// declared in a folder may be used by its own layer and the layers after it, never before.
@Suite("Layers")
struct LayerTests {
    static let order = ["Support", "Content", "Results", "Render", "Site"]
    static let core = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Sources/PodiumCore")

    /// A file's code without comments and string literals' contents (names in prose do not count).
    static func code(_ url: URL) throws -> String {
        let text = try String(contentsOf: url, encoding: .utf8)
        return text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            var out = "", inString = false, previous: Character = " "
            for c in line {
                if !inString, c == "/", previous == "/" { out.removeLast(); break }
                if c == "\"" { inString.toggle() } else if !inString { out.append(c) }
                previous = c
            }
            return out
        }.joined(separator: "\n")
    }

    static func files(_ layer: String) throws -> [URL] {
        try FileManager.default.contentsOfDirectory(at: core.appendingPathComponent(layer), includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "swift" }
    }

    @Test("no layer uses a type declared in a layer after it")
    func layersPointOneWay() throws {
        var declared: [String: String] = [:]   // type name → layer
        let declaration = try NSRegularExpression(pattern: #"^(?:public |final |private |fileprivate |indirect )*(?:enum|struct|class|protocol|actor) ([A-Z][A-Za-z0-9]*)"#, options: .anchorsMatchLines)
        var sources: [(layer: String, file: String, code: String)] = []
        for layer in Self.order {
            for file in try Self.files(layer) {
                let code = try Self.code(file)
                sources.append((layer, file.lastPathComponent, code))
                for m in declaration.matches(in: code, range: NSRange(code.startIndex..., in: code)) {
                    declared[String(code[Range(m.range(at: 1), in: code)!])] = layer
                }
            }
        }
        #expect(declared.count > 100, "the scan found only \(declared.count) types")
        #expect(declared["PageCatalogue"] == "Site" && declared["Routes"] == "Render" && declared["FileSystem"] == "Support")
        var violations: [String] = []
        for source in sources {
            let rank = Self.order.firstIndex(of: source.layer)!
            let words = Set(source.code.split { !$0.isLetter && !$0.isNumber && $0 != "_" }.map(String.init))
            for word in words {
                if let layer = declared[word], Self.order.firstIndex(of: layer)! > rank {
                    violations.append("\(source.layer)/\(source.file) uses \(word) from \(layer)")
                }
            }
        }
        #expect(violations.sorted() == [])
    }
}
