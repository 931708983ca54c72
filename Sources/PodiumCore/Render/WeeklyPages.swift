/// The weekly progress pages (contract §6): each snapshot's ranking with its movement, and an index.
extension CampaignPages {
    static let weekTopRows = 100

    static func weekLabel(_ index: Int, _ table: WeeklyTable) -> String { "第 \(index + 1) 期 · \(table.date.chinese)" }
    func weekLabel(_ index: Int, _ table: WeeklyTable) -> String { Self.weekLabel(index, table) }

    struct WeekRow: Codable, Sendable {
        var rank, movement, movementKind, movementText, title, url: String
        var who: [String]
        var likes, likesDelta, views: String
    }

    func weekRow(_ r: WeeklyRow, root: String) -> WeekRow {
        let entry = campaign.entries[r.entryIndex]
        let (label, kind): (String, String) = switch r.movement {
        case nil: ("新", "new")
        case let m? where m > 0: ("▲ \(m)", "up")
        case let m? where m < 0: ("▼ \(-m)", "down")
        default: ("—", "same")
        }
        return WeekRow(
            rank: String(r.rank), movement: label, movementKind: kind,
            movementText: r.movement == nil ? "本期新上榜" : kind == "up" ? "上升 \(r.movement!) 名" : kind == "down" ? "下降 \(-r.movement!) 名" : "名次不变",
            title: entry.title, url: Routes.link(Routes.entry(slug, entry.id), from: root),
            who: [entry.author, entry.division].compactMap { $0 },
            likes: Format.integer(r.likes), likesDelta: "+" + Format.integer(r.likesDelta), views: Format.integer(r.views))
    }

    struct Total: Codable, Sendable { var name, entries, likes, likesDelta: String }

    func totalRow(_ t: WeeklyTotal) -> Total {
        Total(name: t.name, entries: Format.integer(t.entries), likes: Format.integer(t.likes),
              likesDelta: (t.likesDelta >= 0 ? "+" : "−") + Format.integer(abs(t.likesDelta)))
    }

    /// A link to a week's page.
    struct WeekLink: Codable, Sendable { var url, label: String }

    struct WeekModel: PageModel {
        static let template = "week"
        /// A series of the chart: its colour, the work and its author (two works may share a title),
        /// and its figures week by week (the chart's data as a table).
        struct LegendItem: Codable, Sendable { var color, title: String; var author: String?; var likes: String; var values: [String] }
        var chrome: PageChrome.Model
        var heading, weekLabel, sinceLabel, caption: String
        var summary: [ModelParts.Figure]
        var rows, newEntries, climbers: [WeekRow]
        var hasNewEntries, hasClimbers: Bool
        var divisions, organizations: [Total]
        var hasDivisions, hasOrganizations: Bool
        var chartSVG: String
        var legend: [LegendItem]
        var chartDates: [String]
        var previousWeek, nextWeek: WeekLink?
        var weeksURL, downloadURL: String
    }

    func week(_ index: Int) -> WeekModel {
        let tables = results.weeks
        let table = tables[index]
        let path = Routes.week(slug, table.date)
        let root = Routes.root(of: path)
        let newEntries = table.newEntries
        let climbers = table.climbers(10)
        let (svg, legend) = chart(upTo: index)
        func link(_ i: Int) -> WeekLink? {
            tables.indices.contains(i) ? WeekLink(url: Routes.link(Routes.week(slug, tables[i].date), from: root), label: tables[i].date.chinese) : nil
        }
        return WeekModel(
            chrome: chrome.model(path: path, title: "每周进展 \(table.date)", campaign: self, current: "weeks"),
            heading: "每周进展", weekLabel: weekLabel(index, table),
            sinceLabel: table.previousDate.map { "与 \($0.chinese) 相比" } ?? "首期统计",
            caption: "截至 \(table.date.chinese) 的点赞排名（前 \(min(Self.weekTopRows, table.rows.count)) 名；完整名单见数据下载），点赞相同按浏览量",
            summary: [
                .init(label: "上榜作品", value: Format.integer(table.rows.count)),
                .init(label: "累计点赞", value: Format.integer(table.totalLikes)),
                .init(label: "本期新增点赞", value: "+" + Format.integer(table.totalLikesDelta)),
                .init(label: "本期新作品", value: Format.integer(newEntries.count)),
            ],
            rows: table.rows.prefix(Self.weekTopRows).map { weekRow($0, root: root) },
            newEntries: newEntries.prefix(20).map { weekRow($0, root: root) },
            climbers: climbers.map { weekRow($0, root: root) },
            hasNewEntries: !newEntries.isEmpty && table.previousDate != nil, hasClimbers: !climbers.isEmpty,
            divisions: table.divisions.map(totalRow), organizations: table.organizations.prefix(20).map(totalRow),
            hasDivisions: !table.divisions.isEmpty, hasOrganizations: !table.organizations.isEmpty,
            chartSVG: svg, legend: legend, chartDates: tables[0...index].map { "\($0.date.month)/\($0.date.day)" }, previousWeek: link(index - 1), nextWeek: link(index + 1),
            weeksURL: Routes.link(Routes.weeks(slug), from: root), downloadURL: root + Routes.weekDownload(slug, table.date))
    }

    /// The five leaders of week `index` and their likes in every snapshot up to it.
    func chart(upTo index: Int) -> (svg: String, legend: [WeekModel.LegendItem]) {
        let tables = results.weeks
        let leaders = tables[index].rows.prefix(5)
        let series = leaders.map { leader in
            (0...index).map { w in likesLookup[w][leader.entryIndex] >= 0 ? likesLookup[w][leader.entryIndex] : nil }
        }
        let svg = GrowthChart.svg(dates: tables[0...index].map(\.date), series: series)
        let legend = leaders.enumerated().map { i, r in
            WeekModel.LegendItem(color: GrowthChart.colors[i % GrowthChart.colors.count], title: campaign.entries[r.entryIndex].title,
                                 author: campaign.entries[r.entryIndex].author, likes: Format.integer(r.likes),
                                 values: series[i].map { $0.map(Format.integer) ?? "—" })
        }
        return (svg, legend)
    }

    struct WeeksModel: PageModel {
        static let template = "weeks"
        struct Week: Codable, Sendable {
            var label, url, entries, likes, likesDelta: String
            var latest: Bool
        }
        var chrome: PageChrome.Model
        var heading: String
        var weeks: [Week]
    }

    func weeksIndex() -> WeeksModel {
        let path = Routes.weeks(slug)
        let root = Routes.root(of: path)
        let latest = WeeklyProgress.latest(results.weeks, notAfter: chrome.asOf)?.date
        return WeeksModel(
            chrome: chrome.model(path: path, title: "每周进展", campaign: self, current: "weeks", dated: true),
            heading: "每周进展",
            weeks: results.weeks.enumerated().reversed().map { i, t in
                .init(label: weekLabel(i, t), url: Routes.link(Routes.week(slug, t.date), from: root),
                      entries: Format.integer(t.count), likes: Format.integer(t.totalLikes),
                      likesDelta: "+" + Format.integer(t.totalLikesDelta), latest: t.date == latest)
            })
    }

    /// A link to the latest week not after asOf, for the overview and the home page.
    func latestWeek(root: String) -> WeekLink? { Self.latestWeek(results, asOf: chrome.asOf, root: root) }

    static func latestWeek(_ results: CampaignResults, asOf: CalendarDate, root: String) -> WeekLink? {
        guard let t = WeeklyProgress.latest(results.weeks, notAfter: asOf),
              let i = results.weeks.firstIndex(where: { $0.date == t.date }) else { return nil }
        return WeekLink(url: Routes.link(Routes.week(results.campaign.slug, t.date), from: root), label: weekLabel(i, t))
    }
}
