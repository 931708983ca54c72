import Foundation

/// The templates a site renders with: the default theme built into Podium, with any file of the
/// site's own `templates/` replacing the default file of the same name.
///
/// Plain Mustache renders a missing partial or key as nothing; a theme here refuses both when it
/// loads: partials, and every key a page's template names against the page's model
/// (`TemplateKeyCheck`); a key a context still lacks when its page renders fails too (`PageContext`).
public struct Theme: Sendable {
    public struct Source: Sendable {
        public var text: String
        /// Where it came from, as shown in errors: `templates/entry.mustache`, or `(default theme)/entry.mustache`.
        public var displayPath: String
    }

    /// The compiled templates pages are rendered with.
    let renderer: TemplateRenderer
    public let templates: [String: Source]
    /// Files that are not templates (style sheets), copied to the output as they are.
    public let assets: [String: Source]

    /// - Parameter models: the page models whose templates are checked against their keys. Without
    ///   them, `PageModels.all`, checked only when the site has templates of its own: the default
    ///   theme alone is the same in every build of this Podium, and its tests check it
    ///   (`PageModelTests`), so a build does not check it again.
    public static func load(site: URL, models: [any PageModel.Type]? = nil) -> (Theme?, Diagnostics) {
        var diagnostics = Diagnostics()
        var files: [String: Source] = [:]
        for (name, text) in DefaultTheme.files { files[name] = Source(text: text, displayPath: "(default theme)/\(name)") }
        let overrides = site.appendingPathComponent("templates")
        let own = SiteLoader.children(overrides, display: "templates", into: &diagnostics)
        for name in own {
            let display = "templates/\(name)"
            guard let data = SiteLoader.read(overrides.appendingPathComponent(name), display: display, into: &diagnostics) else { continue }
            guard let text = String(validating: data, as: UTF8.self) else {
                diagnostics.error(display, "cannot be read as UTF-8 text")
                continue
            }
            if files[name] == nil {
                diagnostics.warning(display, "the default theme has no file of this name, so it is used only if another template includes it")
            }
            files[name] = Source(text: text, displayPath: display)
        }

        var templates: [String: Source] = [:]
        var compiled: [String: [TemplateToken]] = [:]
        var assets: [String: Source] = [:]
        for (name, source) in files.sorted(by: { $0.key < $1.key }) {
            guard name.hasSuffix(".mustache") else { assets[name] = source; continue }
            let templateName = String(name.dropLast(".mustache".count))
            do {
                compiled[templateName] = try TemplateParser.parse(source.text)
                templates[templateName] = source
            } catch {
                diagnostics.error(source.displayPath, at: error.position, "template: \(error.message)")
            }
        }
        if models != nil || !own.isEmpty {
            checkPartials(templates, into: &diagnostics)
            guard !diagnostics.hasErrors else { return (nil, diagnostics) }
            // Every key a page's template names is a key of its model.
            var keys = TemplateKeyCheck(compiled: compiled, sources: templates)
            for model in models ?? PageModels.all { keys.check(model) }
            for problem in keys.problems { diagnostics.append(problem) }
        }
        guard !diagnostics.hasErrors else { return (nil, diagnostics) }
        return (Theme(renderer: TemplateRenderer(templates: compiled), templates: templates, assets: assets), diagnostics)
    }

    /// Renders a page; a key the template names that its context does not provide is an error.
    public func render(_ template: String, _ context: PageContext) -> Result<[UInt8], Diagnostic> {
        guard let html = renderer.render(template, context) else {
            return .failure(Diagnostic(.error, path: "(theme)", message: "there is no template \"\(template).mustache\""))
        }
        if let missing = context.missingKeys.first {
            return .failure(locate(key: missing, startingAt: template))
        }
        return .success(UnbrokenDates.apply(html))
    }

    /// Finds the template and the tag that name a key (the page's template first, then its partials).
    func locate(key: String, startingAt template: String) -> Diagnostic {
        let names = [template] + templates.keys.sorted().filter { $0 != template }
        for name in names {
            guard let source = templates[name],
                  let at = Theme.firstTag(in: source.text, where: { $0.prefix { $0 != "." } == key }) else { continue }
            return Diagnostic(.error, path: source.displayPath, line: at.line, column: at.column,
                              message: "the key \"\(key)\" is not provided to the \"\(template)\" page")
        }
        return Diagnostic(.error, path: templates[template]?.displayPath ?? template,
                          message: "the key \"\(key)\" is not provided to the \"\(template)\" page")
    }

    /// The tags of a line (`{{ … }}`, trimmed) with the column each starts at.
    static func tags(in line: Substring) -> [(tag: String, column: Int)] {
        var found: [(String, Int)] = []
        var rest = line[...]
        // The column counted on from the last tag (counting from the line's start each time is
        // quadratic on a long line).
        var counted = line.startIndex, column = 1
        while let open = rest.firstRange(of: "{{") {
            column += line.distance(from: counted, to: open.lowerBound)
            counted = open.lowerBound
            rest = rest[open.upperBound...]
            guard let close = rest.firstRange(of: "}}") else { break }
            found.append((rest[..<close.lowerBound].trimmingCharacters(in: .whitespaces), column))
            rest = rest[close.upperBound...]
        }
        return found
    }

    /// The name a variable or section tag uses, as written: `{{title}}`, `{{#rows}}`, `{{{html}}}`,
    /// `{{a.b}}` → a.b; nil for partials, comments, blocks and delimiter changes.
    static func tagName(_ tag: String) -> String? {
        var tag = Substring(tag)
        if let first = tag.first, "#^/{&".contains(first) { tag = tag.dropFirst().drop { $0 == " " } }
        if let first = tag.first, ">!<$=%".contains(first) { return nil }
        return tag.trimmingCharacters(in: CharacterSet(charactersIn: "} "))
    }

    /// Where the first variable or section tag whose name satisfies `match` stands in `text`.
    static func firstTag(in text: String, where match: (String) -> Bool) -> SourcePosition? {
        for (i, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            for tag in tags(in: line) where tagName(tag.tag).map(match) == true {
                return SourcePosition(line: i + 1, column: tag.column)
            }
        }
        return nil
    }

    /// Every partial a template names must exist, and a template that includes itself, directly or
    /// through others (`{{> a}}` in a, or a → b → a), would render forever: each cycle is an error
    /// at the include that closes it. (Each template's references are found once, for both.)
    static func checkPartials(_ templates: [String: Source], into diagnostics: inout Diagnostics) {
        let references = templates.mapValues { partialReferences(in: $0.text) }
        for (name, source) in templates.sorted(by: { $0.key < $1.key }) {
            for reference in references[name]! where templates[reference.name] == nil {
                diagnostics.error(source.displayPath, at: reference.position,
                                  "the template \"\(name)\" includes the partial \"\(reference.name)\", which does not exist")
            }
        }
        let edges = references.mapValues { $0.filter { templates[$0.name] != nil } }
        var state: [String: Bool] = [:]   // false: on the current path; true: done
        var path: [String] = []
        func visit(_ name: String) {
            state[name] = false
            path.append(name)
            for reference in edges[name] ?? [] {
                switch state[reference.name] {
                case false?:
                    let loop = path[path.lastIndex(of: reference.name)!...] + [reference.name]
                    diagnostics.error(templates[name]!.displayPath, at: reference.position,
                                      "the partial \"\(reference.name)\" includes itself (\(loop.joined(separator: " → "))): the page would never end")
                case nil: visit(reference.name)
                case true?: break
                }
            }
            path.removeLast()
            state[name] = true
        }
        for name in templates.keys.sorted() where state[name] == nil { visit(name) }
    }

    /// `{{> name}}` and `{{< name}}` references with their positions.
    static func partialReferences(in text: String) -> [(name: String, position: SourcePosition)] {
        text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().flatMap { i, line in
            tags(in: line).compactMap { entry -> (String, SourcePosition)? in
                guard let first = entry.tag.first, first == ">" || first == "<" else { return nil }
                return (entry.tag.dropFirst().trimmingCharacters(in: .whitespaces), SourcePosition(line: i + 1, column: entry.column))
            }
        }
    }
}

/// The values a page renders: a dictionary whose lookups are watched, so that a template naming
/// a key no one provides fails the build instead of printing nothing. Mustache looks a name up
/// from the innermost section outwards and reaches this root last: a miss here is a miss everywhere.
public final class PageContext: @unchecked Sendable {
    let values: TemplateObject
    private(set) var missingKeys: [String] = []

    init(values: TemplateObject) { self.values = values }

    /// Plain Swift values (as tests write them), converted by `TemplateValue.init`.
    public convenience init(_ values: [String: Any]) { self.init(values: TemplateObject(values.mapValues(TemplateValue.init))) }

    func child(named name: String, key: UInt64) -> TemplateValue? {
        if let v = values.value(name, key: key) { return v }
        missingKeys.append(name)
        return nil
    }
}
