/// The leaderboard by likes, and each division's and organization's own ranking: the campaign's
/// rows filtered (grouped once for all pages), with the overall rank.
extension CampaignPages {
    struct Members {
        /// Row indices in leaderboard order, per division and per organization.
        var divisions: [(String, [Int])]
        var organizations: [(String, [Int])]
    }

    static func members(_ results: CampaignResults) -> Members {
        func grouped(_ names: NameTable) -> [(String, [Int])] {
            var rows = [[Int]](repeating: [], count: names.names.count)
            // By index: a row is read for its entry's number only, never copied.
            for i in results.rows.indices {
                for n in names.numbers(of: results.rows[i].entryIndex) { rows[n].append(i) }
            }
            return names.byName.compactMap { rows[$0].isEmpty ? nil : (names.names[$0], rows[$0]) }
        }
        return Members(divisions: grouped(results.names.divisions), organizations: grouped(results.names.organizations))
    }

    /// Rows by likes, then views (equal on both: shared rank), then id.
    static func likesOrder(_ rows: [LeaderboardRow]) -> ByLikes {
        let order = rows.indices.sorted { a, b in
            let x = rows[a].entry, y = rows[b].entry
            return LikesOrder.precedes((x.likes, x.views), (y.likes, y.views)) { x.id.precedesInCodePoints(y.id) }
        }
        let ranks = Ranking.competitionRanks(count: order.count) {
            rows[order[$0]].entry.likes == rows[order[$0 - 1]].entry.likes && rows[order[$0]].entry.views == rows[order[$0 - 1]].entry.views
        }
        return ByLikes(rows: order, ranks: ranks)
    }

    func byLikes(page: Int) -> LeaderboardModel {
        let path = Routes.byLikes(slug, page: page)
        let order = likesOrderCache
        return list(path: path, heading: "点赞榜", caption: "按点赞数排名，点赞相同按浏览量", indices: order.rows, ranks: order.ranks, page: page) {
            Routes.byLikes(self.slug, page: $0)
        }
    }

    func memberList(division name: String, rows: [Int], page: Int) -> LeaderboardModel {
        list(path: Routes.division(slug, name, page: page), heading: "赛区：\(name)", caption: "赛区“\(name)”的作品，名次为总排名",
             indices: rows, ranks: rows.map { results.rows[$0].rank }, page: page) { Routes.division(self.slug, name, page: $0) }
    }

    func memberList(organization name: String, rows: [Int], page: Int) -> LeaderboardModel {
        list(path: Routes.organization(slug, name, page: page), heading: name, caption: "“\(name)”成员的作品，名次为总排名",
             indices: rows, ranks: rows.map { results.rows[$0].rank }, page: page) { Routes.organization(self.slug, name, page: $0) }
    }

    private func list(path: String, heading: String, caption: String, indices: [Int], ranks: [Int], page: Int,
                      route: @escaping (Int) -> String) -> LeaderboardModel {
        let root = Routes.root(of: path)
        let count = Routes.pageCount(indices.count)
        return leaderboard(
            path: path, title: "\(heading)" + (page > 1 ? "（第 \(page) 页）" : ""), heading: heading,
            caption: "\(caption)，共 \(Format.integer(indices.count)) 件" + (count > 1 ? "，第 \(page) / \(count) 页" : ""),
            rows: Routes.pageRange(page, of: indices.count).map { row(results.rows[indices[$0]], root: root, rank: ranks[$0]) },
            pagination: Pagination.make(current: page, count: count, root: root, route: route),
            boardLinks: path.contains("/leaderboard/likes/") ? boardLinks(root: root, byLikes: true) : [])
    }
}
