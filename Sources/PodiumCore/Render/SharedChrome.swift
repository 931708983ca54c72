import Synchronization

/// The layout's keys that the pages of one folder, campaign, tab and dating share (all but the
/// page's title and address), made and encoded once for all of them: 20,000 entry pages copy
/// these values instead of making and encoding them each (`CampaignPages.sharedChrome`).
final class SharedChrome: InlineKeys, @unchecked Sendable {
    struct Values: Codable, Sendable {
        struct CampaignNav: Codable, Sendable {
            struct Link: Codable, Sendable { var label: String; var url: String; var current: Bool }
            var campaignTitle: String
            var campaignURL: String
            var links: [Link]
            var resultsNotice: String?
        }

        var lang: String
        var siteTitle: String
        /// For search engines and link previews (WeChat reads Open Graph): absolute addresses.
        var description: String
        var shareImage: String
        var iconURL: String
        var touchIconURL: String
        var root: String
        var homeURL: String
        var stylesheet: String
        var publisher: String?
        var asOf: String?
        var campaignNav: CampaignNav?
        var noticesURL: String?
        var noticesCurrent: Bool
        var searchURL: String
        var searchCurrent: Bool
    }

    let values: Values
    /// `values` as the renderer reads them, encoded when made.
    private let encoded: TemplateObject

    init(_ values: Values) {
        self.values = values
        let encoder = TemplateEncoder(TemplateEncoder.Storage(capacity: 20))
        try! values.encode(to: encoder)
        encoded = encoder.storage.object
    }

    /// The theme learns the keys from `Values` (`TemplateSchema`).
    convenience init(from decoder: any Decoder) throws { self.init(try Values(from: decoder)) }

    func encode(to encoder: any Encoder) throws {
        guard let template = encoder as? TemplateEncoder else { return try values.encode(to: encoder) }
        template.storage.object.append(encoded)
    }

    /// One campaign's shared chrome, by folder, tab and dating: made by the first page that asks.
    final class Cache: Sendable {
        private struct Key: Hashable { var root: String; var current: String; var dated: Bool }
        private let made = Mutex<[Key: SharedChrome]>([:])

        func value(root: String, current: String, dated: Bool, _ make: () -> SharedChrome) -> SharedChrome {
            let key = Key(root: root, current: current, dated: dated)
            if let known = made.withLock({ $0[key] }) { return known }
            let new = make()
            // Another page may have made it meanwhile: the first one kept is the one all share.
            return made.withLock { table in
                if let known = table[key] { return known }
                table[key] = new
                return new
            }
        }
    }
}
