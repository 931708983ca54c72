/// A campaign's own links, from the page catalogue: its navigation, the overview's lists of
/// rankings and downloads, and the gallery's downloads.
struct CampaignLinks: Sendable {
    struct Link: Sendable {
        /// The page family it opens (the navigation marks the current one).
        var family: String
        var label: String
        var path: String
    }

    var navigation: [Link] = []
    var rankings: [Link] = []
    var downloads: [Link] = []
    var winnerDownloads: [Link] = []
}
