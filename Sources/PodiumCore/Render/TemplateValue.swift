/// A value a template reads: what a page model encodes into (`TemplateEncoder`) and what the
/// renderer looks names up in. One closed set of cases, so the renderer switches on a tag instead
/// of casting `Any` against several types at every lookup.
public enum TemplateValue: Sendable {
    /// A nil optional (JSON's null): it prints nothing and is false.
    case none
    case string(String)
    case int(Int)
    /// Only the Mustache specification's data has fractions; page models print their figures as text.
    case double(Double)
    case bool(Bool)
    /// HTML copied as it is by `{{{ }}}`, escaped by `{{ }}`.
    case html(HTMLFragment)
    case object(TemplateObject)
    case list([TemplateValue])

    /// A named child: an object's member; nothing else has children.
    @inline(__always)
    func child(_ name: String, key: UInt64) -> TemplateValue? {
        if case .object(let members) = self { return members.value(name, key: key) }
        return nil
    }

    var isNone: Bool { if case .none = self { true } else { false } }
}

extension TemplateValue {
    /// Plain Swift values as the tests and the Mustache specification's cases write them: strings,
    /// whole numbers, fractions, booleans, HTML, lists and dictionaries; anything else (a nil
    /// optional among them) is no value.
    public init(_ value: Any) {
        switch value {
        case let s as String: self = .string(s)
        case let n as Int: self = .int(n)
        case let d as Double: self = .double(d)
        case let b as Bool: self = .bool(b)
        case let h as HTMLFragment: self = .html(h)
        case let t as TemplateValue: self = t
        case let d as [String: Any]: self = .object(TemplateObject(d.mapValues(TemplateValue.init)))
        case let l as [Any]: self = .list(l.map(TemplateValue.init))
        default: self = .none
        }
    }
}
