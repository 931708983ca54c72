/// Every relative link and image of a notice body must lead to a file the site publishes (contract
/// §8): each one that does not is an error at its line and column in the notice's `.md` file —
/// all of them, in `check` and `build` alike (the page-level link check would name only the
/// first, and the output page instead of the file to fix).
enum NoticeLinkCheck {
    static func problems(_ notices: [Notice], paths: Set<String>) -> [Diagnostic] {
        notices.flatMap { notice in
            let page = Routes.notice(notice.slug)
            return notice.links.filter(\.isRelative).compactMap { link -> Diagnostic? in
                guard let path = LinkCheck.missing(link.url, from: page, in: paths) else { return nil }
                let what = link.isImage ? "the image" : "the link"
                return Diagnostic(.error, path: "content/notices/\(notice.slug).md", line: link.line, column: link.column, field: "body",
                                  message: "\(what) \"\(link.url)\" leads to public/\(RelativeLink.decoded(path)), which the site does not publish")
            }
        }
    }
}
