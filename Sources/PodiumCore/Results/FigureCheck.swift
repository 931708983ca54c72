/// Figures that must agree (the figures-agree part of the results-lifecycle issue): likes and
/// views only go up, so an entry's counts in entries.json may not be lower than in the latest
/// weekly snapshot not after the day the site describes; otherwise the home page and the week's
/// page would say different things on the same 数据截至 day. Warnings for `check`, naming both files.
public enum FigureCheck {
    public static func countsBehindSnapshot(_ campaign: Campaign, asOf: CalendarDate) -> Diagnostics {
        var diagnostics = Diagnostics()
        guard let snapshot = campaign.weeks.last(where: { $0.date <= asOf }) else { return diagnostics }
        let path = campaign.entriesPath
        for row in snapshot.rows {
            let e = campaign.entries[row.entry]
            var behind: [String] = []
            if let likes = e.declaredLikes, likes < row.likes { behind.append("likes \(likes) < \(row.likes)") }
            if e.views < row.views { behind.append("views \(e.views) < \(row.views)") }
            guard !behind.isEmpty else { continue }
            diagnostics.warning(path, at: e.position, field: "[\(e.index)]",
                                "\"\(e.id)\" has fewer \(behind.joined(separator: ", ")) in \(campaign.entriesFile) than in \(snapshot.displayPath) (counts never go down): update \(campaign.entriesFile)",
                                category: "counts behind the latest weekly snapshot")
        }
        return diagnostics
    }
}
