/// Which weeks' tables a rebuild ranks before rendering: those whose files the previous build did
/// not make with the keys this build gives them. The others' files are kept, so their tables are
/// ranked only if a page reads them after all (`WeeklyProgress.tables`): the same tables either way.
struct PreviousWeeks: Sendable {
    let keys: PageKeys
    /// Every key of the previous manifest.
    let made: Set<Fingerprint>

    init(keys: PageKeys, manifest: BuildManifest) {
        self.keys = keys
        made = Set(manifest.records.values.map(\.key))
    }

    /// The families made once per week (a week's page and download).
    private static let weekly = PageCatalogue.campaign.map(\.inputs).filter { $0 == .weekPage || $0 == .weekDownload }

    /// Whether week `i` of `campaign` has a file the previous build did not make with this key.
    func rankNow(_ campaign: Campaign, state: ResultsState) -> @Sendable (Int) -> Bool {
        let (keys, made, slug, dates) = (keys, made, campaign.slug, campaign.weeks.map(\.date))
        return { i in Self.weekly.contains { !made.contains(keys.week($0, campaign: slug, state: state, i, of: dates)) } }
    }
}
