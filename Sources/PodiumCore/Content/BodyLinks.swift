import CCmark
import Foundation

/// A link or image of a notice body, where it is in the `.md` file.
public struct BodyLink: Sendable {
    /// As written (libcmark's destination: entities and escapes resolved, not percent-decoded).
    public var url: String
    public var line: Int
    /// In characters, from 1.
    public var column: Int
    public var isImage: Bool

    /// A link to a file of the site: no scheme, not from the root, not only a fragment.
    public var isRelative: Bool { URLScheme.of(url) == nil && !url.isEmpty && !url.hasPrefix("/") && !url.hasPrefix("#") }
}

enum BodyLinks {
    /// Every link and image of a Markdown body that starts on line `firstLine` of its file.
    static func find(_ body: String, firstLine: Int) -> [BodyLink] {
        // Only a body with `](`, `]:` or `<` may hold a link (one pass over its bytes).
        var possible = false, previous: UInt8 = 0
        for b in body.utf8 {
            if b == 0x3C || (previous == 0x5D && (b == 0x28 || b == 0x3A)) { possible = true; break }
            previous = b
        }
        guard possible else { return [] }
        var lines: [Substring.UTF8View]?
        var found: [BodyLink] = []
        var text = body
        text.withUTF8 { bytes in
            guard let base = bytes.baseAddress,
                  let document = cmark_parse_document(UnsafeRawPointer(base).assumingMemoryBound(to: CChar.self), bytes.count, CMARK_OPT_DEFAULT)
            else { return }
            defer { cmark_node_free(document) }
            CmarkWalk.nodes(document) { node in
                let type = cmark_node_get_type(node)
                guard type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE else { return true }
                let line = Int(cmark_node_get_start_line(node)), byteColumn = Int(cmark_node_get_start_column(node))
                // libcmark counts bytes; people count characters.
                var column = byteColumn
                if lines == nil { lines = body[...].utf8.split(separator: 0x0A, omittingEmptySubsequences: false).map { Substring($0).utf8 } }
                if let lines, line >= 1, line <= lines.count {
                    let prefix = lines[line - 1].prefix(max(0, byteColumn - 1))
                    column = String(decoding: prefix, as: UTF8.self).count + 1
                }
                found.append(BodyLink(url: cmark_node_get_url(node).map { String(cString: $0) } ?? "",
                                      line: firstLine + line - 1, column: column, isImage: type == CMARK_NODE_IMAGE))
                return true
            }
        }
        return found
    }

    /// The file under `content/notices/` a relative link from a notice page names (fragment and
    /// query dropped, `.` and `..` followed, percent-encoding undone); nil when it leaves the folder.
    static func noticeFile(_ url: String) -> String? {
        guard let path = RelativeLink.resolve(url, from: "notices/page.html") else { return nil }
        let decoded = path.removingPercentEncoding ?? path
        return decoded.hasPrefix("notices/") ? String(decoded.dropFirst("notices/".count)) : nil
    }
}
