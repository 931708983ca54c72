/// The weekly progress pages (contract §6): each snapshot's ranking with its movement, and an index.
extension CampaignPages {
    static let weekTopRows = 100

    static func weekLabel(_ index: Int, _ table: WeeklyTable) -> String { "第 \(index + 1) 期 · \(table.date.chinese)" }
    func weekLabel(_ index: Int, _ table: WeeklyTable) -> String { Self.weekLabel(index, table) }

    func weekRow(_ r: WeeklyRow, root: String) -> [String: Any] {
        let entry = campaign.entries[r.entryIndex]
        let (label, kind): (String, String) = switch r.movement {
        case nil: ("新", "new")
        case let m? where m > 0: ("▲ \(m)", "up")
        case let m? where m < 0: ("▼ \(-m)", "down")
        default: ("—", "same")
        }
        return [
            "rank": String(r.rank), "movement": label, "movementKind": kind,
            "movementText": r.movement == nil ? "本期新上榜" : kind == "up" ? "上升 \(r.movement!) 名" : kind == "down" ? "下降 \(-r.movement!) 名" : "名次不变",
            "title": entry.title, "url": Routes.link(Routes.entry(slug, entry.id), from: root),
            "who": [entry.author, entry.division].compactMap { $0 }.joined(separator: " · "),
            "likes": Format.integer(r.likes), "likesDelta": "+" + Format.integer(r.likesDelta),
            "views": Format.integer(r.views),
        ]
    }

    func totalRow(_ t: WeeklyTotal) -> [String: Any] {
        ["name": t.name, "entries": Format.integer(t.entries), "likes": Format.integer(t.likes),
         "likesDelta": (t.likesDelta >= 0 ? "+" : "−") + Format.integer(abs(t.likesDelta))]
    }

    func week(_ index: Int) -> (path: String, context: PageContext) {
        let tables = results.weeks
        let table = tables[index]
        let path = Routes.week(slug, table.date)
        let root = Routes.root(of: path)
        var v = chrome.values(path: path, title: "\(campaign.title) · 每周进展 \(table.date)", campaign: self, current: "weeks")
        v["heading"] = "每周进展"
        v["weekLabel"] = weekLabel(index, table)
        v["sinceLabel"] = table.previousDate.map { "与 \($0.chinese) 相比" } ?? "首期统计"
        let newEntries = table.newEntries
        v["summary"] = [
            ["label": "上榜作品", "value": Format.integer(table.rows.count)],
            ["label": "累计点赞", "value": Format.integer(table.totalLikes)],
            ["label": "本期新增点赞", "value": "+" + Format.integer(table.totalLikesDelta)],
            ["label": "本期新作品", "value": Format.integer(newEntries.count)],
        ]
        v["caption"] = "截至 \(table.date.chinese) 的点赞排名（前 \(min(Self.weekTopRows, table.rows.count)) 名；完整名单见数据下载），点赞相同按浏览量"
        v["rows"] = table.rows.prefix(Self.weekTopRows).map { weekRow($0, root: root) }
        v["newEntries"] = newEntries.prefix(20).map { weekRow($0, root: root) }
        v["hasNewEntries"] = !newEntries.isEmpty && table.previousDate != nil
        let climbers = table.climbers(10)
        v["climbers"] = climbers.map { weekRow($0, root: root) }
        v["hasClimbers"] = !climbers.isEmpty
        v["divisions"] = table.divisions.map(totalRow)
        v["hasDivisions"] = !table.divisions.isEmpty
        v["organizations"] = table.organizations.prefix(20).map(totalRow)
        v["hasOrganizations"] = !table.organizations.isEmpty
        let (svg, legend) = chart(upTo: index)
        v["chartSVG"] = svg
        v["legend"] = legend
        v["previousWeek"] = index > 0 ? ["url": Routes.link(Routes.week(slug, tables[index - 1].date), from: root), "label": tables[index - 1].date.chinese] as [String: Any] : false
        v["nextWeek"] = index + 1 < tables.count ? ["url": Routes.link(Routes.week(slug, tables[index + 1].date), from: root), "label": tables[index + 1].date.chinese] as [String: Any] : false
        v["weeksURL"] = Routes.link(Routes.weeks(slug), from: root)
        v["downloadURL"] = root + Routes.weekDownload(slug, table.date)
        return (path, PageContext(v))
    }

    /// The five leaders of week `index` and their likes in every snapshot up to it.
    func chart(upTo index: Int) -> (svg: String, legend: [[String: Any]]) {
        let tables = results.weeks
        let leaders = tables[index].rows.prefix(5)
        let series = leaders.map { leader in
            (0...index).map { w in likesLookup[w][leader.entryIndex] >= 0 ? likesLookup[w][leader.entryIndex] : nil }
        }
        let svg = GrowthChart.svg(dates: tables[0...index].map(\.date), series: series)
        let legend = leaders.enumerated().map { i, r in
            ["color": GrowthChart.colors[i % GrowthChart.colors.count], "title": campaign.entries[r.entryIndex].title, "likes": Format.integer(r.likes)] as [String: Any]
        }
        return (svg, legend)
    }

    func weeksIndex() -> (path: String, context: PageContext) {
        let path = Routes.weeks(slug)
        let root = Routes.root(of: path)
        let latest = WeeklyProgress.latest(results.weeks, notAfter: chrome.asOf)?.date
        var v = chrome.values(path: path, title: "\(campaign.title) · 每周进展", campaign: self, current: "weeks", dated: true)
        v["heading"] = "每周进展"
        v["weeks"] = results.weeks.enumerated().reversed().map { i, t -> [String: Any] in
            ["label": weekLabel(i, t), "url": Routes.link(Routes.week(slug, t.date), from: root),
             "entries": Format.integer(t.rows.count), "likes": Format.integer(t.totalLikes),
             "likesDelta": "+" + Format.integer(t.totalLikesDelta), "latest": t.date == latest]
        }
        return (path, PageContext(v))
    }

    /// A link to the latest week not after asOf, for the overview and the home page.
    func latestWeek(root: String) -> Any { Self.latestWeek(results, asOf: chrome.asOf, root: root) }

    static func latestWeek(_ results: CampaignResults, asOf: CalendarDate, root: String) -> Any {
        guard let t = WeeklyProgress.latest(results.weeks, notAfter: asOf),
              let i = results.weeks.firstIndex(where: { $0.date == t.date }) else { return false }
        return ["url": Routes.link(Routes.week(results.campaign.slug, t.date), from: root), "label": weekLabel(i, t)] as [String: Any]
    }
}
