/// `content/site.json`: the site as a whole.
public struct SiteConfig: Sendable {
    public var title: String
    public var baseURL: String
    /// The path baseURL puts the site under, `/podium/` (or `/`): the start of root-relative
    /// addresses (the 404 page's) and where `podium serve` serves the site.
    public var basePath: String {
        guard let scheme = baseURL.range(of: "://"), let slash = baseURL[scheme.upperBound...].firstIndex(of: "/") else { return "/" }
        return String(baseURL[slash...])
    }
    public var publisher: String?
    public var language: String
    public var asOf: CalendarDate?
    public var unsafeMarkdown: Bool
    /// Extension: a short Markdown introduction shown on the home page.
    public var description: String?
    /// Extension: a secret mixed into certificate codes so they cannot be worked out from public data.
    public var certificateKey: String?

    /// Each key is declared by its read (`JSONReader.object`): a new field is one line here.
    static func read(_ reader: JSONReader) -> SiteConfig? {
        reader.object(reader.document.root, .root) { o in read(o, reader) }
    }

    private static func read(_ o: JSONObject, _ reader: JSONReader) -> SiteConfig? {
        let title = o.string("title", required: true)
        var baseURL = o.string("baseURL", required: true)
        if let url = baseURL {
            if !(url.hasPrefix("https://") || url.hasPrefix("http://")) || url.contains(" ") {
                reader.error(o.offset(of: "baseURL"), o.field.key("baseURL"), "must be an absolute http or https URL such as https://example.org/results/")
                baseURL = nil
            } else if !url.hasSuffix("/") {
                baseURL = url + "/"
            }
        }
        let site = SiteConfig(
            title: title ?? "", baseURL: baseURL ?? "",
            publisher: o.string("publisher"),
            language: o.string("language") ?? "zh-CN",
            asOf: o.date("asOf"),
            unsafeMarkdown: o.bool("unsafeMarkdown") ?? false,
            description: o.string("description"), certificateKey: o.string("certificateKey"))
        return title == nil || baseURL == nil ? nil : site
    }
}
