/// Page links for a paginated list: a window around the current page plus the first and last,
/// so every page's navigation has a bounded size however long the list.
enum Pagination {
    static func context(current: Int, count: Int, root: String, route: (Int) -> String) -> Any {
        guard count > 1 else { return false }
        var numbers = Set([1, count])
        for n in (current - 2)...(current + 2) where n >= 1 && n <= count { numbers.insert(n) }
        var items: [[String: Any]] = []
        var previous = 0
        for n in numbers.sorted() {
            if n > previous + 1 { items.append(["gap": true, "number": "", "url": "", "current": false]) }
            items.append(["gap": false, "number": String(n), "url": Routes.link(route(n), from: root), "current": n == current])
            previous = n
        }
        return [
            "items": items,
            "previous": current > 1 ? Routes.link(route(current - 1), from: root) : false,
            "next": current < count ? Routes.link(route(current + 1), from: root) : false,
            "summary": "第 \(current) / \(count) 页",
        ] as [String: Any]
    }
}
