/// `feed.xml`: the notices as an Atom feed (RFC 4287) with absolute URLs from `baseURL`. Its
/// `updated` is the newest notice's date, never the clock.
enum NoticeFeed {
    static func xml(site: SiteConfig, notices: [Notice]) -> String {
        let ordered = NoticePages.ordered(notices).prefix(50)
        func esc(_ s: String) -> String { XMLText.escape(s) }
        func stamp(_ d: CalendarDate) -> String { "\(d)T00:00:00+08:00" }
        let updated = ordered.first.map { stamp($0.date) } ?? "2000-01-01T00:00:00+08:00"
        var out = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"\(esc(site.language))\">\n"
        out += "<title>\(esc(site.title)) · 通知公告</title>\n"
        out += "<id>\(esc(site.baseURL + Routes.feed))</id>\n"
        out += "<link rel=\"self\" type=\"application/atom+xml\" href=\"\(esc(site.baseURL + Routes.feed))\"/>\n"
        out += "<link rel=\"alternate\" type=\"text/html\" href=\"\(esc(site.baseURL + "notices/"))\"/>\n"
        out += "<updated>\(updated)</updated>\n"
        out += "<author><name>\(esc(site.publisher ?? site.title))</name></author>\n"
        for n in ordered {
            let url = site.baseURL + Routes.notice(n.slug)
            out += "<entry>\n<title>\(esc(n.title))</title>\n<id>\(esc(url))</id>\n<link rel=\"alternate\" type=\"text/html\" href=\"\(esc(url))\"/>\n"
            out += "<updated>\(stamp(n.date))</updated>\n"
            if let issuer = n.issuer { out += "<author><name>\(esc(issuer))</name></author>\n" }
            let summary = [n.displayNumber, n.issuer, n.date.chinese].compactMap { $0 }.joined(separator: " · ")
            out += "<summary>\(esc(summary))</summary>\n</entry>\n"
        }
        return out + "</feed>\n"
    }
}

/// Escaping for XML text and attribute values.
enum XMLText {
    static func escape(_ text: String) -> String {
        // Most text (every address of a sitemap) has nothing to escape: one pass over the bytes.
        var copy = text
        let plain = copy.withUTF8 { b in !b.contains(where: needsEscape) }
        if plain { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for c in text.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default:
                // Characters XML 1.0 does not allow are dropped.
                if c.value < 0x20 && c != "\n" && c != "\t" && c != "\r" { continue }
                out.unicodeScalars.append(c)
            }
        }
        return out
    }

    /// Whether a byte of UTF-8 text is one `escape` changes or drops.
    static func needsEscape(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == 0x26 || byte == 0x3C || byte == 0x3E || byte == 0x22 || byte == 0x27
    }
}
