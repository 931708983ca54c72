import Foundation

/// The keys a page model provides, learned from its type alone (no page is made): its `Decodable`
/// conformance is run against a decoder that answers every request and records what was asked.
indirect enum TemplateSchema: Sendable {
    /// A string, number, boolean or HTML: no named children.
    case leaf
    case object([String: TemplateSchema])
    case list(TemplateSchema)

    static func of<M: Decodable>(_ type: M.Type) -> TemplateSchema {
        let recorder = Recorder()
        // The recording decoder never throws.
        _ = try! M(from: SchemaDecoder(recorder))
        return recorder.schema
    }

    /// What a section over a value of this schema puts on the stack: a list's element, else itself.
    var sectionValue: TemplateSchema {
        if case .list(let element) = self { return element }
        return self
    }

    func child(_ name: String) -> TemplateSchema? {
        if case .object(let keys) = self { return keys[name] }
        return nil
    }

    final class Recorder {
        var keys: [String: TemplateSchema] = [:]
        var element: Recorder?
        var isLeaf = false

        var schema: TemplateSchema {
            if let element { return .list(element.schema) }
            return isLeaf && keys.isEmpty ? .leaf : .object(keys)
        }
    }

    /// Decodes any `Decodable` into placeholder values, recording each key (and, for lists, one element).
    struct SchemaDecoder: Decoder {
        let recorder: Recorder
        var codingPath: [any CodingKey] = []
        var userInfo: [CodingUserInfoKey: Any] = [:]

        init(_ recorder: Recorder) { self.recorder = recorder }

        func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedDecodingContainer<Key> {
            KeyedDecodingContainer(Keyed<Key>(recorder: recorder))
        }
        func unkeyedContainer() -> any UnkeyedDecodingContainer {
            let element = recorder.element ?? Recorder()
            recorder.element = element
            return Unkeyed(element: element)
        }
        func singleValueContainer() -> any SingleValueDecodingContainer {
            recorder.isLeaf = true
            return Single()
        }

        static func value<T: Decodable>(_ type: T.Type, into recorder: Recorder) -> T {
            switch type {
            case is String.Type: recorder.isLeaf = true; return "" as! T
            case is Int.Type: recorder.isLeaf = true; return 0 as! T
            case is Bool.Type: recorder.isLeaf = true; return false as! T
            default: return try! T(from: SchemaDecoder(recorder))
            }
        }
    }

    struct Keyed<Key: CodingKey>: KeyedDecodingContainerProtocol {
        let recorder: Recorder
        var codingPath: [any CodingKey] = []
        var allKeys: [Key] { [] }

        func contains(_ key: Key) -> Bool { true }
        // Optionals are explored as if present: their keys are keys of the model too.
        func decodeNil(forKey key: Key) -> Bool { false }
        func decode<T: Decodable>(_ type: T.Type, forKey key: Key) -> T {
            // Inline parts add their keys to this object.
            if T.self is any InlineKeys.Type { return SchemaDecoder.value(type, into: recorder) }
            let child = Recorder()
            let value = SchemaDecoder.value(type, into: child)
            recorder.keys[key.stringValue] = child.schema
            return value
        }

        func nestedContainer<N: CodingKey>(keyedBy type: N.Type, forKey key: Key) -> KeyedDecodingContainer<N> {
            fatalError("page models have no nested containers")
        }
        func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedDecodingContainer { fatalError("page models have no nested containers") }
        func superDecoder() -> any Decoder { fatalError("page models have no super decoder") }
        func superDecoder(forKey key: Key) -> any Decoder { fatalError("page models have no super decoder") }
    }

    /// A list of one element (its schema is every element's).
    struct Unkeyed: UnkeyedDecodingContainer {
        let element: Recorder
        var codingPath: [any CodingKey] = []
        var count: Int? { 1 }
        var currentIndex = 0
        var isAtEnd: Bool { currentIndex >= 1 }

        mutating func decodeNil() -> Bool { false }
        mutating func decode<T: Decodable>(_ type: T.Type) -> T {
            currentIndex += 1
            return SchemaDecoder.value(type, into: element)
        }
        mutating func nestedContainer<N: CodingKey>(keyedBy type: N.Type) -> KeyedDecodingContainer<N> {
            fatalError("page models have no nested containers")
        }
        mutating func nestedUnkeyedContainer() -> any UnkeyedDecodingContainer { fatalError("page models have no nested containers") }
        mutating func superDecoder() -> any Decoder { fatalError("page models have no super decoder") }
    }

    struct Single: SingleValueDecodingContainer {
        var codingPath: [any CodingKey] = []
        func decodeNil() -> Bool { false }
        func decode<T: Decodable>(_ type: T.Type) -> T { SchemaDecoder.value(type, into: Recorder()) }
    }
}

/// Checks, when the theme loads, that every name a page's template uses (its partials and the
/// blocks it fills included) is a key of the page's model, looked up as the renderer looks it up:
/// from the innermost section outwards, `a.b` descending.
struct TemplateKeyCheck {
    /// Tokens and the template they were written in (a block's tokens belong to the child that fills it).
    typealias Owned = (tokens: [TemplateToken], owner: String)

    let compiled: [String: [TemplateToken]]
    let sources: [String: Theme.Source]
    private(set) var problems: [Diagnostic] = []
    private var reported: Set<String> = []

    init(compiled: [String: [TemplateToken]], sources: [String: Theme.Source]) {
        self.compiled = compiled
        self.sources = sources
    }

    mutating func check(_ model: any PageModel.Type) {
        guard let tokens = compiled[model.template] else { return }
        walk(tokens, owner: model.template, stack: [TemplateSchema.of(model)], blocks: [:], page: model.template)
    }

    private mutating func walk(_ tokens: [TemplateToken], owner: String, stack: [TemplateSchema], blocks: [String: Owned], page: String) {
        for token in tokens {
            switch token {
            case .text, .contentType, .blockDefinition:
                continue
            case .variable(let name, _):
                _ = resolve(name, stack, owner: owner, page: page)
            case .section(let name, let inner):
                guard let schema = resolve(name, stack, owner: owner, page: page) else { continue }
                walk(inner, owner: owner, stack: stack + [schema.sectionValue], blocks: blocks, page: page)
            case .inverted(let name, let inner):
                _ = resolve(name, stack, owner: owner, page: page)
                walk(inner, owner: owner, stack: stack, blocks: blocks, page: page)
            case .block(let name, let fallback, _):
                let filled = blocks[name] ?? (fallback, owner)
                walk(filled.tokens, owner: filled.owner, stack: stack, blocks: blocks, page: page)
            case .partial(let name, _, let named):
                guard let tokens = compiled[name] else { continue }
                // The outer template's blocks win over the ones this partial names.
                var merged = blocks
                for (block, content) in named ?? [:] where merged[block] == nil { merged[block] = (content, owner) }
                walk(tokens, owner: name, stack: stack, blocks: merged, page: page)
            }
        }
    }

    private mutating func resolve(_ name: TemplateName, _ stack: [TemplateSchema], owner: String, page: String) -> TemplateSchema? {
        if name.innermostOnly || name.parts.isEmpty {
            var schema = stack.last!
            for part in name.parts {
                guard let next = schema.child(part) else { report(name, owner: owner, page: page); return nil }
                schema = next
            }
            return schema
        }
        guard var schema = stack.reversed().lazy.compactMap({ $0.child(name.parts[0]) }).first else {
            report(name, owner: owner, page: page)
            return nil
        }
        for part in name.parts.dropFirst() {
            guard let next = schema.child(part) else { report(name, owner: owner, page: page); return nil }
            schema = next
        }
        return schema
    }

    private mutating func report(_ name: TemplateName, owner: String, page: String) {
        guard reported.insert("\(owner)|\(page)|\(name.text)").inserted, let source = sources[owner] else { return }
        let position = Theme.firstTag(in: source.text) { $0 == name.text }
        let via = owner == page ? "" : " (through the \"\(owner)\" template)"
        problems.append(Diagnostic(.error, path: source.displayPath, line: position?.line, column: position?.column,
                                   message: "the key \"\(name.text)\" is not provided to the \"\(page)\" page\(via): its page model has no such value"))
    }
}
