/// The key of each family of files (see `InputDigest`): what a file's inputs are, in one place,
/// for the plan and for the reuse that starts before the content is loaded (`EarlyReuse`).
struct PageKeys: Sendable {
    let digest: InputDigest

    /// The style sheet and other theme assets.
    var theme: Fingerprint { digest.base }

    /// Whether the site has notices (the navigation links them): a top-level `.md` in content/notices.
    private var navigation: Fingerprint {
        var h = FingerprintHasher()
        h.add(digest.hasNotices)
        return h.finish()
    }

    /// Pages about the whole site and the day it describes: home, overviews, weeks indexes, search, sitemap.
    func everything(asOf: CalendarDate) -> Fingerprint {
        var h = FingerprintHasher()
        h.add(digest.all)
        h.add(asOf.description)
        return h.finish()
    }

    /// Notice pages, the archive and the feed: notices and the campaigns' own files (titles).
    var notices: Fingerprint { .of(digest.base, digest.notices, digest.allCampaigns, navigation) }

    /// The search index: entries and notices, not weeks.
    var search: Fingerprint { .of(digest.base, digest.allCampaigns, digest.notices) }

    /// A campaign's entry pages, rankings, winners and downloads: its own files, whether it has
    /// weeks, and its results state (which award pages exist, and so the navigation).
    func campaign(_ slug: String, _ state: ResultsState) -> Fingerprint {
        var h = FingerprintHasher()
        h.add(digest.base)
        h.add(digest.campaigns[slug] ?? Fingerprint(high: 0, low: 0))
        h.add(navigation)
        h.add(!(digest.weeks[slug] ?? []).isEmpty)
        h.add(state.rawValue)
        return h.finish()
    }

    /// Week i's download: snapshots 0…i (movement needs the week before).
    func weekDownload(_ slug: String, _ state: ResultsState, _ i: Int) -> Fingerprint { .of(campaign(slug, state), digest.weeksThrough(slug, i)) }

    /// Week i's page: also the next week's date (it links its neighbours; the previous one is in 0…i).
    func weekPage(_ slug: String, _ state: ResultsState, _ i: Int, next: CalendarDate?) -> Fingerprint {
        var h = FingerprintHasher()
        h.add(weekDownload(slug, state, i))
        h.add(next?.description ?? "")
        return h.finish()
    }

    /// The key of a family's files (`PageCatalogue`); week families are keyed per file (`week`).
    func key(_ inputs: PageInputs, campaign slug: String = "", state: ResultsState = .final, everything: Fingerprint) -> Fingerprint {
        switch inputs {
        case .everything: everything
        case .notices: notices
        case .search: search
        case .theme: theme
        case .campaign: campaign(slug, state)
        case .weekDownload, .weekPage: preconditionFailure("a week's files are keyed one by one")
        }
    }

    /// The key of week `i`'s files, of a campaign whose snapshots are dated `dates`.
    func week(_ inputs: PageInputs, campaign slug: String, state: ResultsState, _ i: Int, of dates: [CalendarDate]) -> Fingerprint {
        inputs == .weekPage ? weekPage(slug, state, i, next: i + 1 < dates.count ? dates[i + 1] : nil) : weekDownload(slug, state, i)
    }

    /// Keys known before the content is loaded (`PageInputs.knownBeforeLoading`): files of these
    /// families in the previous manifest can be kept while the content loads. A campaign's state
    /// needs its campaign.json and the day: its keys are given for each state (the plan keeps a
    /// file only when its key is the one of the state found).
    var knownBeforeLoading: Set<Fingerprint> {
        var keys: Set<Fingerprint> = []
        for inputs in PageInputs.allCases where inputs.knownBeforeLoading {
            switch inputs {
            case .notices, .search, .theme: keys.insert(key(inputs, everything: theme))
            case .campaign:
                for slug in digest.campaigns.keys { for state in ResultsState.allCases { keys.insert(campaign(slug, state)) } }
            case .weekDownload:
                for (slug, weeks) in digest.weeks {
                    for state in ResultsState.allCases { for i in weeks.indices { keys.insert(weekDownload(slug, state, i)) } }
                }
            case .everything, .weekPage: break
            }
        }
        return keys
    }
}
