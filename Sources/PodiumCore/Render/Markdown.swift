import CCmark
import Foundation

/// CommonMark to HTML through libcmark. Safe by default: raw HTML is dropped (libcmark's own
/// safe mode) and links or images whose scheme is not http, https, mailto or relative are
/// unwrapped to their text.
public enum Markdown {
    public static func html(_ text: String, unsafe: Bool = false) -> String {
        let options = unsafe ? CMARK_OPT_UNSAFE : CMARK_OPT_DEFAULT
        let length = text.utf8.count
        guard let document = text.withCString({ cmark_parse_document($0, length, options) }) else { return "" }
        defer { cmark_node_free(document) }
        if !unsafe { dropUnsafeLinks(document) }
        guard let rendered = cmark_render_html(document, options) else { return "" }
        defer { free(rendered) }
        return String(cString: rendered)
    }

    /// Whether a link destination may be published: http, https, mailto, or relative.
    public static func isSafeDestination(_ url: String) -> Bool {
        let trimmed = url.trimmingCharacters(in: .whitespaces).lowercased()
        guard let colon = trimmed.firstIndex(of: ":") else { return true }
        // A colon after the first '/', '?' or '#' is part of a relative path, not a scheme.
        if let slash = trimmed.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }), slash < colon { return true }
        let scheme = trimmed[..<colon]
        return scheme == "http" || scheme == "https" || scheme == "mailto"
    }

    private static func dropUnsafeLinks(_ document: OpaquePointer) {
        var unsafeNodes: [OpaquePointer] = []
        let iterator = cmark_iter_new(document)
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(node)
            guard type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE else { continue }
            let url = cmark_node_get_url(node).map { String(cString: $0) } ?? ""
            if !isSafeDestination(url) { unsafeNodes.append(node) }
        }
        // Replace each unsafe link by its children (its text stays, the link goes).
        for node in unsafeNodes {
            while let child = cmark_node_first_child(node) {
                cmark_node_insert_before(node, child)
            }
            cmark_node_free(node)
        }
    }
}
