/// A page's values, typed: one struct per template, whose stored properties are the template's
/// keys (the names are the compiler's `CodingKeys`, declared once, by the property).
///
/// `Encodable` turns a model into what the renderer reads (`PageContext`, by `TemplateEncoder`);
/// `Decodable` lets the theme learn, before any page is made, which keys a model provides
/// (`TemplateSchema`): a template that names a key its model lacks fails when the theme loads,
/// at the key's line and column, in the default theme and in a site's overrides alike.
public protocol PageModel: Codable, Sendable {
    /// The template the model is rendered with (`templates/NAME.mustache`).
    static var template: String { get }
}

/// A part of a model whose keys sit beside the model's own (the page chrome every page shares, an
/// entry's row on its own page), not under the property's name.
public protocol InlineKeys: Codable, Sendable {}

extension PageContext {
    /// The context a model renders: its keys, with each nil optional present as "no value" (it
    /// prints nothing and is false), so the runtime check for unknown keys sees every key.
    convenience init(_ model: some PageModel) {
        let encoder = TemplateEncoder(TemplateEncoder.Storage(capacity: 64))
        // Encoding into dictionaries cannot fail: TemplateEncoder never throws.
        try! model.encode(to: encoder)
        self.init(encoder.storage.object)
    }
}

/// Encodes a model into the dictionaries, lists and leaves the renderer looks values up in.
/// Lists come out typed (`[[String: Any]]`, `[String]`), as the renderer walks them without casting
/// each element; leaves go in as they are, without the generic path's casts.
final class TemplateEncoder: Encoder {
    /// One encoder's value. Its fields are touched by one thread at a time (a page is encoded by
    /// the thread that renders it), so the run-time exclusivity checks are left out.
    final class Storage {
        @exclusivity(unchecked) var object: [String: Any]
        @exclusivity(unchecked) var single: Any?
        @exclusivity(unchecked) var isList = false
        // A model's lists hold one type: one of these is used.
        @exclusivity(unchecked) var objects: [[String: Any]] = []
        @exclusivity(unchecked) var strings: [String] = []
        @exclusivity(unchecked) var others: [Any] = []

        /// - Parameter capacity: room for the keys expected (a page's own and its layout's are many).
        init(capacity: Int = 8) { object = Dictionary(minimumCapacity: capacity) }

        var value: Any {
            if let single { return single }
            guard isList else { return object }
            return !objects.isEmpty ? objects : !strings.isEmpty ? strings : others
        }
    }

    let storage: Storage
    var codingPath: [any CodingKey] = []
    var userInfo: [CodingUserInfoKey: Any] = [:]

    init(_ storage: Storage = Storage()) { self.storage = storage }

    /// What a value that is not a string, number or boolean becomes (an HTML fragment puts
    /// itself in as it is: see its `encode(to:)`).
    static func box<T: Encodable>(_ value: T) -> Any {
        let encoder = TemplateEncoder()
        try! value.encode(to: encoder)
        return encoder.storage.value
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        KeyedEncodingContainer(Keyed<Key>(storage: storage))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        storage.isList = true
        return Unkeyed(storage: storage)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { Single(storage: storage) }

    struct Keyed<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let storage: Storage
        var codingPath: [any CodingKey] = []

        mutating func encodeNil(forKey key: Key) { storage.object[key.stringValue] = Optional<Any>.none as Any }
        mutating func encode(_ value: String, forKey key: Key) { storage.object[key.stringValue] = value }
        mutating func encode(_ value: Int, forKey key: Key) { storage.object[key.stringValue] = value }
        mutating func encode(_ value: Bool, forKey key: Key) { storage.object[key.stringValue] = value }
        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) {
            if value is any InlineKeys {
                try! value.encode(to: TemplateEncoder(storage))
            } else {
                storage.object[key.stringValue] = TemplateEncoder.box(value)
            }
        }
        // A nil optional is a key with no value (the synthesized code would leave the key out).
        mutating func encodeIfPresent<T: Encodable>(_ value: T?, forKey key: Key) {
            if let value { encode(value, forKey: key) } else { encodeNil(forKey: key) }
        }
        mutating func encodeIfPresent(_ value: String?, forKey key: Key) {
            if let value { encode(value, forKey: key) } else { encodeNil(forKey: key) }
        }
        mutating func encodeIfPresent(_ value: Bool?, forKey key: Key) {
            if let value { encode(value, forKey: key) } else { encodeNil(forKey: key) }
        }
        mutating func encodeIfPresent(_ value: Int?, forKey key: Key) {
            if let value { encode(value, forKey: key) } else { encodeNil(forKey: key) }
        }
        mutating func nestedContainer<N: CodingKey>(keyedBy: N.Type, forKey key: Key) -> KeyedEncodingContainer<N> {
            fatalError("page models have no nested containers")
        }
        mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
            fatalError("page models have no nested containers")
        }
        mutating func superEncoder() -> any Encoder { fatalError("page models have no super encoder") }
        mutating func superEncoder(forKey key: Key) -> any Encoder { fatalError("page models have no super encoder") }
    }

    struct Unkeyed: UnkeyedEncodingContainer {
        let storage: Storage
        var codingPath: [any CodingKey] = []
        var count: Int { storage.objects.count + storage.strings.count + storage.others.count }

        mutating func encodeNil() { storage.others.append(Optional<Any>.none as Any) }
        mutating func encode(_ value: String) { storage.strings.append(value) }
        mutating func encode<T: Encodable>(_ value: T) {
            let element = TemplateEncoder()
            try! value.encode(to: element)
            let s = element.storage
            if s.single == nil && !s.isList { storage.objects.append(s.object) } else { storage.others.append(s.value) }
        }
        mutating func nestedContainer<N: CodingKey>(keyedBy: N.Type) -> KeyedEncodingContainer<N> {
            fatalError("page models have no nested containers")
        }
        mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer { fatalError("page models have no nested containers") }
        mutating func superEncoder() -> any Encoder { fatalError("page models have no super encoder") }
    }

    struct Single: SingleValueEncodingContainer {
        let storage: Storage
        var codingPath: [any CodingKey] = []

        mutating func encodeNil() { storage.single = Optional<Any>.none as Any }
        mutating func encode(_ value: String) { storage.single = value }
        mutating func encode<T: Encodable>(_ value: T) { storage.single = TemplateEncoder.box(value) }
    }
}

/// Small values page models share.
enum ModelParts {
    /// `{{name}}`: a badge, a tag.
    struct Name: Codable, Sendable { var name: String }
    /// `{{text}}`: a rule, a reason, a line of the 公示.
    struct Line: Codable, Sendable { var text: String }
    /// A figure under its label.
    struct Figure: Codable, Sendable { var label, value: String }
    struct Link: Codable, Sendable { var label, url: String }
    /// A link in a row of tabs, marked when it is the page shown.
    struct Tab: Codable, Sendable { var label, url: String; var current: Bool }
}

/// Every page model: the theme checks each one's template against its keys when it loads
/// (`TemplateKeyCheck`); a test holds the page catalogue to this list.
public enum PageModels {
    public static let all: [any PageModel.Type] = [
        HomePage.Model.self, NotFoundPage.Model.self, SearchPage.Model.self,
        NoticePages.NoticeModel.self, NoticePages.ArchiveModel.self,
        CampaignPages.OverviewModel.self, CampaignPages.LeaderboardModel.self, CampaignPages.EntryModel.self,
        CampaignPages.AreasModel.self, CampaignPages.OrganizationsModel.self, CampaignPages.AuditModel.self,
        CampaignPages.WeekModel.self, CampaignPages.WeeksModel.self,
        CampaignPages.GalleryModel.self, CampaignPages.AnnouncementModel.self, CampaignPages.CertificateModel.self,
        CampaignPages.VerifyModel.self,
    ]
}
