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
        // Encoding into template values cannot fail: TemplateEncoder never throws.
        try! model.encode(to: encoder)
        self.init(values: encoder.storage.object)
    }
}

/// Encodes a model into the `TemplateValue`s the renderer looks names up in: objects, lists and leaves.
/// A struct: making one for each nested value costs no allocation (its storage is the class).
struct TemplateEncoder: Encoder {
    /// One encoder's value. Its fields are touched by one thread at a time (a page is encoded by
    /// the thread that renders it), so the run-time exclusivity checks are left out.
    final class Storage {
        @exclusivity(unchecked) var object: TemplateObject
        @exclusivity(unchecked) var single: TemplateValue?
        @exclusivity(unchecked) var list: [TemplateValue]?

        /// - Parameter capacity: room for the keys expected (a page's own and its layout's are many).
        init(capacity: Int = 8) { object = TemplateObject(capacity: capacity) }

        var value: TemplateValue {
            if let single { return single }
            if let list { return .list(list) }
            return .object(object)
        }
    }

    let storage: Storage
    var codingPath: [any CodingKey] = []
    var userInfo: [CodingUserInfoKey: Any] = [:]

    init(_ storage: Storage = Storage()) { self.storage = storage }

    /// What a value that is not a string, number or boolean becomes (an HTML fragment puts
    /// itself in as it is: see its `encode(to:)`).
    static func box<T: Encodable>(_ value: T) -> TemplateValue {
        // A list's strings come here one by one (a sequence's elements are encoded generically):
        // a leaf needs no encoder of its own. Comparing types costs a pointer comparison.
        if T.self == String.self { return .string(value as! String) }
        if T.self == HTMLFragment.self { return .html(value as! HTMLFragment) }
        let encoder = TemplateEncoder()
        try! value.encode(to: encoder)
        return encoder.storage.value
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        KeyedEncodingContainer(Keyed<Key>(storage: storage))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        if storage.list == nil { storage.list = [] }
        return Unkeyed(storage: storage)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { Single(storage: storage) }

    struct Keyed<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let storage: Storage
        var codingPath: [any CodingKey] = []

        mutating func encodeNil(forKey key: Key) { storage.object.set(key.stringValue, TemplateValue.none) }
        mutating func encode(_ value: String, forKey key: Key) { storage.object.set(key.stringValue, .string(value)) }
        mutating func encode(_ value: Int, forKey key: Key) { storage.object.set(key.stringValue, .int(value)) }
        mutating func encode(_ value: Bool, forKey key: Key) { storage.object.set(key.stringValue, .bool(value)) }
        mutating func encode(_ value: Double, forKey key: Key) { storage.object.set(key.stringValue, .double(value)) }
        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) {
            // The type's conformance, not the value's: casting the value would copy it.
            if T.self is any InlineKeys.Type {
                try! value.encode(to: TemplateEncoder(storage))
            } else {
                storage.object.set(key.stringValue, TemplateEncoder.box(value))
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
        var count: Int { storage.list?.count ?? 0 }

        mutating func encodeNil() { storage.list!.append(.none) }
        mutating func encode(_ value: String) { storage.list!.append(.string(value)) }
        mutating func encode(_ value: Int) { storage.list!.append(.int(value)) }
        mutating func encode(_ value: Bool) { storage.list!.append(.bool(value)) }
        mutating func encode(_ value: Double) { storage.list!.append(.double(value)) }
        mutating func encode<T: Encodable>(_ value: T) { storage.list!.append(TemplateEncoder.box(value)) }
        mutating func nestedContainer<N: CodingKey>(keyedBy: N.Type) -> KeyedEncodingContainer<N> {
            fatalError("page models have no nested containers")
        }
        mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer { fatalError("page models have no nested containers") }
        mutating func superEncoder() -> any Encoder { fatalError("page models have no super encoder") }
    }

    struct Single: SingleValueEncodingContainer {
        let storage: Storage
        var codingPath: [any CodingKey] = []

        mutating func encodeNil() { storage.single = TemplateValue.none }
        mutating func encode(_ value: String) { storage.single = .string(value) }
        mutating func encode(_ value: Int) { storage.single = .int(value) }
        mutating func encode(_ value: Bool) { storage.single = .bool(value) }
        mutating func encode(_ value: Double) { storage.single = .double(value) }
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
