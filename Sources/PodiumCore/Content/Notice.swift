import Foundation
import Yams

/// An official notice (通知, 公示, 实施方案): `content/notices/<slug>.md` with YAML front matter (contract §8).
public struct Notice: Sendable {
    public struct Attachment: Sendable {
        public var title: String
        /// Relative to `content/notices/`, e.g. `attachments/guide.pdf`.
        public var file: String
        public var bytes: Int
    }

    public var slug: String
    public var title: String
    public var date: CalendarDate
    /// As written, when it is not of the form CODE〔YEAR〕N号.
    public var docNumberText: String?
    public var docNumber: DocumentNumber?
    public var issuer: String?
    public var recipients: String?
    public var campaign: String?
    public var attachments: [Attachment]
    public var tags: [String]
    /// The Markdown body, and the line of the file it starts on.
    public var body: String
    public var bodyLine: Int
    /// The body's links and images, with their positions (checked against what the site publishes).
    public var links: [BodyLink] = []
    /// Files under `attachments/` the body links to that the front matter does not list: published too.
    public var linkedFiles: [String] = []

    /// The number as shown: official brackets when it parses, else as written.
    public var displayNumber: String? { docNumber?.description ?? docNumberText }
}

/// Reads notices: front matter between `---` lines, YAML through Yams with positions.
enum NoticeLoader {
    static let keys = ["title", "date", "docNumber", "issuer", "recipients", "campaign", "attachments", "tags"]

    static func load(_ folder: URL, campaigns: Set<String>, into diagnostics: inout Diagnostics) -> [Notice] {
        var notices: [Notice] = []
        for name in SiteLoader.children(folder, display: "content/notices", into: &diagnostics) {
            let display = "content/notices/\(name)"
            if name == "attachments" && SiteLoader.isDirectory(folder.appendingPathComponent(name)) { continue }
            guard name.hasSuffix(".md") else {
                diagnostics.warning(display, "not a notice (notices are .md files), ignored")
                continue
            }
            let slug = String(name.dropLast(3))
            guard SiteLoader.isValidSlug(slug) else {
                diagnostics.error(display, "the file name is not a valid slug: use lower-case letters, digits and '-' before .md")
                continue
            }
            guard let data = SiteLoader.read(folder.appendingPathComponent(name), display: display, into: &diagnostics) else { continue }
            if let bad = SiteLoader.firstInvalidUTF8(data) {
                diagnostics.error(display, at: LineIndex(data).position(of: bad), "the file is not valid UTF-8 (save it as UTF-8)")
                continue
            }
            let text = LineEndings.normalized(data)
            if let notice = read(text, slug: slug, display: display, folder: folder, campaigns: campaigns, into: &diagnostics) {
                notices.append(notice)
            }
        }
        return notices
    }

    /// Splits `---\nYAML\n---\nbody`; nil (with an error) when the front matter is missing or not closed.
    /// Lines are found by their bytes (the text's line endings are already "\n"; a line feed is
    /// always a character of its own), and the two parts are cut out of the text, not joined again.
    static func split(_ text: String, display: String, into diagnostics: inout Diagnostics) -> (yaml: String, body: String, bodyLine: Int)? {
        let bytes = text.utf8
        func end(ofLineAt i: String.Index) -> String.Index { bytes[i...].firstIndex(of: 0x0A) ?? bytes.endIndex }
        func next(after lineEnd: String.Index) -> String.Index? { lineEnd == bytes.endIndex ? nil : bytes.index(after: lineEnd) }
        let start = text.hasPrefix("\u{FEFF}") ? bytes.index(bytes.startIndex, offsetBy: 3) : bytes.startIndex
        let firstEnd = end(ofLineAt: start)
        guard text[start..<firstEnd] == "---" else {
            diagnostics.error(display, at: SourcePosition(line: 1, column: 1), "a notice starts with front matter: a line \"---\", the YAML (title, date, …), and another \"---\"")
            return nil
        }
        let yamlStart = next(after: firstEnd)
        var line = yamlStart, number = 2
        while let at = line {
            let lineEnd = end(ofLineAt: at)
            if text[at..<lineEnd] == "---" || text[at..<lineEnd] == "..." {
                let yaml = at == yamlStart ? "" : String(text[yamlStart!..<bytes.index(before: at)])
                return (yaml, next(after: lineEnd).map { String(text[$0...]) } ?? "", number + 1)
            }
            line = next(after: lineEnd)
            number += 1
        }
        diagnostics.error(display, at: SourcePosition(line: 1, column: 1), "the front matter opened here is not closed: add a line \"---\" after the YAML")
        return nil
    }

    static func read(_ text: String, slug: String, display: String, folder: URL, campaigns: Set<String>,
                     into diagnostics: inout Diagnostics) -> Notice? {
        guard let (yaml, body, bodyLine) = split(text, display: display, into: &diagnostics) else { return nil }
        if let line = MarkdownDepth.tooDeep(body) {
            diagnostics.error(display, at: SourcePosition(line: bodyLine + line - 1, column: 1), field: "body",
                              "block quotes and lists nest more than \(MarkdownDepth.limit) levels deep here")
            return nil
        }
        // YAML lines are counted from the line after the opening "---".
        func position(_ mark: Mark?) -> SourcePosition? { mark.map { SourcePosition(line: $0.line + 1, column: $0.column) } }
        let root: Node
        do {
            // The encoding is given: Yams's default reads the whole process environment at each call.
            guard let node = try Yams.compose(yaml: yaml, .default, .default, .utf8) else {
                diagnostics.error(display, at: SourcePosition(line: 2, column: 1), "the front matter is empty: it needs at least title and date")
                return nil
            }
            root = node
        } catch let error as YamlError {
            diagnostics.error(display, at: yamlPosition(error).map { SourcePosition(line: $0.line + 1, column: $0.column) }, "malformed YAML: \(yamlProblem(error))")
            return nil
        } catch {
            diagnostics.error(display, "malformed YAML: \(error)")
            return nil
        }
        guard case .mapping(let mapping) = root else {
            diagnostics.error(display, at: position(root.mark), "the front matter must be keys and values (title: …, date: …)")
            return nil
        }
        var values: [String: Node] = [:]
        for (key, value) in mapping {
            let name = key.string ?? ""
            if !keys.contains(name) {
                var message = "unknown key \"\(name)\""
                if let hint = NameSuggestion.closest(to: name, in: keys) { message += "; did you mean \"\(hint)\"?" } else { message += "; known keys: \(keys.joined(separator: ", "))" }
                diagnostics.error(display, at: position(key.mark), field: name, message)
                continue
            }
            if values[name] != nil { diagnostics.error(display, at: position(key.mark), field: name, "is given twice") }
            values[name] = value
        }
        func string(_ key: String, required: Bool = false) -> String? {
            guard let node = values[key] else {
                if required { diagnostics.error(display, at: position(root.mark), field: key, "required key \"\(key)\" is missing") }
                return nil
            }
            guard case .scalar(let scalar) = node, !scalar.string.trimmingCharacters(in: .whitespaces).isEmpty else {
                diagnostics.error(display, at: position(node.mark), field: key, "expected text")
                return nil
            }
            return scalar.string
        }
        let title = string("title", required: true)
        var date: CalendarDate?
        if let d = string("date", required: true) {
            date = CalendarDate(d)
            if date == nil { diagnostics.error(display, at: position(values["date"]?.mark), field: "date", "\"\(d)\" is not a real date in the form YYYY-MM-DD") }
        }
        let docNumberText = string("docNumber")
        let campaign = string("campaign")
        if let campaign, !campaigns.contains(campaign) {
            var message = "no campaign has the slug \"\(campaign)\""
            if let hint = NameSuggestion.closest(to: campaign, in: Array(campaigns)) { message += "; did you mean \"\(hint)\"?" }
            diagnostics.error(display, at: position(values["campaign"]?.mark), field: "campaign", message)
        }
        var tags: [String] = []
        if let node = values["tags"] {
            if case .sequence(let items) = node { tags = items.compactMap(\.string) } else if let one = node.string { tags = [one] }
        }
        var attachments: [Notice.Attachment] = []
        if let node = values["attachments"] {
            guard case .sequence(let items) = node else {
                diagnostics.error(display, at: position(node.mark), field: "attachments", "expected a list of { title, file }")
                return nil
            }
            for (i, item) in items.enumerated() {
                let field = "attachments[\(i)]"
                guard case .mapping(let m) = item, let file = m["file"]?.string else {
                    diagnostics.error(display, at: position(item.mark), field: field, "an attachment needs \"file\" (and a \"title\")")
                    continue
                }
                for key in m.keys.compactMap(\.string) where key != "file" && key != "title" {
                    diagnostics.error(display, at: position(item.mark), field: "\(field).\(key)", "unknown key \"\(key)\"; an attachment has title and file")
                }
                let fileMark = position(m["file"]?.mark)
                guard EntriesDecoder.isSafeRelativePath(file) else {
                    diagnostics.error(display, at: fileMark, field: "\(field).file", "\"\(file)\" must be a path inside content/notices/")
                    continue
                }
                switch attachmentFile(file, in: folder) {
                case .failure(let problem): diagnostics.error(display, at: fileMark, field: "\(field).file", problem.message)
                case .success(let bytes):
                    attachments.append(Notice.Attachment(title: m["title"]?.string ?? (file as NSString).lastPathComponent, file: file, bytes: bytes))
                }
            }
        }
        guard let title, let date else { return nil }
        // Files under attachments/ the body links to are published too, listed or not (contract §8);
        // a link to one that is missing is reported by the site's check of the body's links.
        let links = BodyLinks.find(body, firstLine: bodyLine)
        var linkedFiles: [String] = []
        for link in links where link.isRelative {
            guard let file = BodyLinks.noticeFile(link.url), file.hasPrefix("attachments/"),
                  !attachments.contains(where: { $0.file == file }), !linkedFiles.contains(file),
                  case .success = attachmentFile(file, in: folder) else { continue }
            linkedFiles.append(file)
        }
        return Notice(slug: slug, title: title, date: date, docNumberText: docNumberText,
                      docNumber: docNumberText.flatMap(DocumentNumber.init), issuer: string("issuer"),
                      recipients: string("recipients"), campaign: campaign, attachments: attachments, tags: tags,
                      body: body, bodyLine: bodyLine, links: links, linkedFiles: linkedFiles)
    }

    struct FileProblem: Error { var message: String }

    /// A file a notice publishes: inside content/notices/ after links, and a regular file; its size.
    static func attachmentFile(_ file: String, in folder: URL) -> Result<Int, FileProblem> {
        // After links: inside content/notices/, and a file.
        guard let real = FileSystem.realPath(folder.appendingPathComponent(file).path) else {
            return .failure(FileProblem(message: "the file content/notices/\(file) does not exist"))
        }
        guard let root = FileSystem.realPath(folder.path), FileSystem.isInside(real, root) else {
            return .failure(FileProblem(message: "content/notices/\(file) leads outside content/notices/ (to \(real)): copy the file in instead"))
        }
        let info: FileSystem.Info?
        do { info = try FileSystem.info(real) } catch {
            return .failure(FileProblem(message: "content/notices/\(file): \(SiteLoader.unreadable(error))"))
        }
        guard let info, info.kind == .file else {
            if case .special(let kind)? = info?.kind { return .failure(FileProblem(message: "content/notices/\(file) \(InputTree.special(kind))")) }
            return .failure(FileProblem(message: "content/notices/\(file) is not a file"))
        }
        return .success(info.identity.size)
    }

    static func yamlPosition(_ error: YamlError) -> Mark? {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): mark
        default: nil
        }
    }

    static func yamlProblem(_ error: YamlError) -> String {
        switch error {
        case .scanner(let context, let problem, _, _), .parser(let context, let problem, _, _), .composer(let context, let problem, _, _):
            [context.map { "\($0.text)" }, problem].compactMap { $0 }.joined(separator: ": ")
        default: "\(error)"
        }
    }
}
