/// One work (作品) or achievement (成果) of `entries.json`. The submitter's phone number is
/// read only to group entries by person: `personKey` holds a SHA-256 of it (or of `person` or
/// `author`), never the number.
public struct Entry: Sendable {
    public enum Kind: String, Sendable { case individual, unit }
    public enum Status: String, Sendable { case published, pending, rejected }

    /// An entry's values. They live in one shared, copy-on-write box: an entry is copied into
    /// leaderboard rows, tables and page models many times over, and each copy is one reference.
    struct Fields: Sendable {
        var index: Int
        var position: SourcePosition
        var id: String
        var title: String
        var author: String?
        /// Opaque key that groups a person's entries: the SHA-256 of `person`, else of the phone,
        /// else of `author`. Internal: never shown.
        var personKey: String?
        var kind: Kind
        var union: String?
        var region: String?
        var division: String?
        var organizations: [String]
        var group: String?
        var category: String?
        var submitted: Instant?
        /// `submitted` as written (a date or a time), for display.
        var submittedText: String?
        var status: Status
        var durationSeconds: ExactDecimal?
        var videoMB: ExactDecimal?
        var textChars: Int?
        var images: [String]
        var cover: String?
        /// Where `cover` is written, for errors found when the file is checked.
        var coverPosition: SourcePosition?
        var video: String?
        var likes: Int
        /// `likes` as entries.json wrote it (nil when absent), compared with the ledger's count.
        var declaredLikes: Int?
        var views: Int
        var favorites: Int
        var expertScores: [ExactDecimal]
        var badges: [String]
        var summary: String?
    }

    private final class Box: @unchecked Sendable {
        var fields: Fields
        init(_ fields: Fields) { self.fields = fields }
    }

    private var box: Box

    init(_ fields: Fields) { box = Box(fields) }

    var fields: Fields { box.fields }

    /// The box, copied first when another entry shares it.
    private mutating func unique() -> Box {
        if !isKnownUniquelyReferenced(&box) { box = Box(box.fields) }
        return box
    }

    public var index: Int { get { box.fields.index } set { unique().fields.index = newValue } }
    public var position: SourcePosition { get { box.fields.position } set { unique().fields.position = newValue } }
    public var id: String { get { box.fields.id } set { unique().fields.id = newValue } }
    public var title: String { get { box.fields.title } set { unique().fields.title = newValue } }
    public var author: String? { get { box.fields.author } set { unique().fields.author = newValue } }
    var personKey: String? { get { box.fields.personKey } set { unique().fields.personKey = newValue } }
    public var kind: Kind { get { box.fields.kind } set { unique().fields.kind = newValue } }
    public var union: String? { get { box.fields.union } set { unique().fields.union = newValue } }
    public var region: String? { get { box.fields.region } set { unique().fields.region = newValue } }
    public var division: String? { get { box.fields.division } set { unique().fields.division = newValue } }
    public var organizations: [String] { get { box.fields.organizations } set { unique().fields.organizations = newValue } }
    public var group: String? { get { box.fields.group } set { unique().fields.group = newValue } }
    public var category: String? { get { box.fields.category } set { unique().fields.category = newValue } }
    public var submitted: Instant? { get { box.fields.submitted } set { unique().fields.submitted = newValue } }
    public var submittedText: String? { get { box.fields.submittedText } set { unique().fields.submittedText = newValue } }
    public var status: Status { get { box.fields.status } set { unique().fields.status = newValue } }
    public var durationSeconds: ExactDecimal? { get { box.fields.durationSeconds } set { unique().fields.durationSeconds = newValue } }
    public var videoMB: ExactDecimal? { get { box.fields.videoMB } set { unique().fields.videoMB = newValue } }
    public var textChars: Int? { get { box.fields.textChars } set { unique().fields.textChars = newValue } }
    public var images: [String] { get { box.fields.images } set { unique().fields.images = newValue } }
    public var cover: String? { get { box.fields.cover } set { unique().fields.cover = newValue } }
    public var coverPosition: SourcePosition? { get { box.fields.coverPosition } set { unique().fields.coverPosition = newValue } }
    public var video: String? { get { box.fields.video } set { unique().fields.video = newValue } }
    public var likes: Int { get { box.fields.likes } set { unique().fields.likes = newValue } }
    public var declaredLikes: Int? { get { box.fields.declaredLikes } set { unique().fields.declaredLikes = newValue } }
    public var views: Int { get { box.fields.views } set { unique().fields.views = newValue } }
    public var favorites: Int { get { box.fields.favorites } set { unique().fields.favorites = newValue } }
    public var expertScores: [ExactDecimal] { get { box.fields.expertScores } set { unique().fields.expertScores = newValue } }
    public var badges: [String] { get { box.fields.badges } set { unique().fields.badges = newValue } }
    public var summary: String? { get { box.fields.summary } set { unique().fields.summary = newValue } }

    public var isPublished: Bool { status == .published }
}
