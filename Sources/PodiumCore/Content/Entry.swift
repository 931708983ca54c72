/// One work (作品) or achievement (成果) of `entries.json`. The submitter's phone number is
/// read only to group entries by person: `personKey` holds a SHA-256 of it (or of `person` or
/// `author`), never the number.
public struct Entry: Sendable {
    public enum Kind: String, Sendable { case individual, unit }
    public enum Status: String, Sendable { case published, pending, rejected }

    public var index: Int
    public var position: SourcePosition
    public var id: String
    public var title: String
    public var author: String?
    /// Opaque key that groups a person's entries: the SHA-256 of `person`, else of the phone,
    /// else of `author`. Internal: never shown.
    var personKey: String?
    public var kind: Kind
    public var union: String?
    public var region: String?
    public var division: String?
    public var organizations: [String]
    public var group: String?
    public var category: String?
    public var submitted: Instant?
    /// `submitted` as written (a date or a time), for display.
    public var submittedText: String?
    public var status: Status
    public var durationSeconds: ExactDecimal?
    public var videoMB: ExactDecimal?
    public var textChars: Int?
    public var images: [String]
    public var cover: String?
    /// Where `cover` is written, for errors found when the file is checked.
    public var coverPosition: SourcePosition?
    public var video: String?
    public var likes: Int
    /// `likes` as entries.json wrote it (nil when absent), compared with the ledger's count.
    public var declaredLikes: Int?
    public var views: Int
    public var favorites: Int
    public var expertScores: [ExactDecimal]
    public var badges: [String]
    public var summary: String?

    public var isPublished: Bool { status == .published }
}
