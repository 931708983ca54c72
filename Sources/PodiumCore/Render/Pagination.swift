/// Page links for a paginated list: a window around the current page plus the first and last,
/// so every page's navigation has a bounded size however long the list.
struct Pagination: Codable, Sendable {
    struct Item: Codable, Sendable {
        var gap: Bool
        var number, url: String
        var current: Bool
    }

    var items: [Item]
    var previous, next: String?
    var summary: String

    /// Nil when the list fits on one page.
    static func make(current: Int, count: Int, root: String, route: (Int) -> String) -> Pagination? {
        guard count > 1 else { return nil }
        var numbers = Set([1, count])
        for n in (current - 2)...(current + 2) where n >= 1 && n <= count { numbers.insert(n) }
        var items: [Item] = []
        var previous = 0
        for n in numbers.sorted() {
            if n > previous + 1 { items.append(Item(gap: true, number: "", url: "", current: false)) }
            items.append(Item(gap: false, number: String(n), url: Routes.link(route(n), from: root), current: n == current))
            previous = n
        }
        return Pagination(items: items,
                          previous: current > 1 ? Routes.link(route(current - 1), from: root) : nil,
                          next: current < count ? Routes.link(route(current + 1), from: root) : nil,
                          summary: "第 \(current) / \(count) 页")
    }
}
