import CCmark

/// A walk of a libcmark tree in document order, on libcmark's iterator: off the call stack,
/// however deep the text nests.
enum CmarkWalk {
    /// Calls `visit` with each node as it is entered; `visit` returns false to skip its children.
    static func nodes(_ root: OpaquePointer, _ visit: (OpaquePointer) -> Bool) {
        let iterator = cmark_iter_new(root)
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) else { continue }
            if !visit(node) { cmark_iter_reset(iterator, node, CMARK_EVENT_EXIT) }
        }
    }
}
