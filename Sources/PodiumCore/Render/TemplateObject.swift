/// An object's members as they were set: a page's values, a row's. Found by a short number made
/// from each name (`key`), compared in a run of numbers from the last member set to the first, so
/// a name set twice has its later value, as in a dictionary. Objects are small (a row has 19
/// members, a page some 40) and are made for every page: setting a member appends it, where a
/// dictionary hashed every name and grew its table, and a lookup compares numbers, not strings,
/// until the name is found.
public struct TemplateObject: Sendable {
    private struct Member: Sendable {
        let key: UInt64
        let name: String
        let value: TemplateValue
    }

    private var members: [Member] = []

    init(capacity: Int = 0) { members.reserveCapacity(capacity) }

    mutating func set(_ name: String, _ value: TemplateValue) {
        members.append(Member(key: Self.key(name), name: name, value: value))
    }

    /// Another object's members, set after this one's.
    mutating func append(_ other: TemplateObject) { members.append(contentsOf: other.members) }

    /// The value set last under `name`, whose key is `key` (`TemplateObject.key(name)`).
    func value(_ name: String, key: UInt64) -> TemplateValue? {
        members.withUnsafeBufferPointer { m in
            var i = m.count - 1
            while i >= 0 {
                if m[i].key == key && m[i].name == name { return m[i].value }
                i -= 1
            }
            return nil
        }
    }

    /// A name's number: FNV-1a over its UTF-8 bytes (equal names have equal numbers; the names
    /// are compared too, so two names that share one are still told apart).
    static func key(_ name: String) -> UInt64 {
        var name = name
        return name.withUTF8 { bytes in
            var h: UInt64 = 0xCBF2_9CE4_8422_2325
            for b in bytes { h = (h ^ UInt64(b)) &* 0x100_0000_01B3 }
            return h
        }
    }
}

extension TemplateObject {
    /// Members from a dictionary (as tests and the Mustache specification's cases write them).
    init(_ members: [String: TemplateValue]) {
        self.init(capacity: members.count)
        for (name, value) in members { set(name, value) }
    }
}
