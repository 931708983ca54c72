import Foundation
import Testing
@testable import PodiumCore

@Suite("Winners: gallery, announcement, certificates")
struct WinnerTests {
    func winnerSite(site extra: [String: Any] = ["certificateKey": "k1"]) throws -> TestSite {
        // The day after the 公示 period (2021-05-21 + 5 working days): the results are final (§12).
        let site = try TestSite(site: extra.merging(["asOf": "2021-05-28"]) { a, _ in a })
        try site.campaign("c", ["tieBreak": [], "awards": [["name": "一等奖", "count": 1], ["name": "二等奖", "count": 3]],
                                "organizationAwards": [["name": "优秀组织奖", "count": 1]],
                                "announcement": ["start": "2021-05-21", "workingDays": 5, "contacts": ["受理部门：宣教部"]]], entries: [
            entry("top", likes: 90, ["organizations": ["甲"], "phone": "13900001111"]),
            entry("b-plain", likes: 50), entry("a-plain", likes: 50), entry("z-badged", likes: 50, ["badges": ["劳动模范"]]),
            entry("last", likes: 10),
        ])
        return site
    }

    @Test("gallery: tier order, then rank, badged first among equal ranks, then id; organization awards")
    func galleryOrder() throws {
        let site = try winnerSite()
        defer { site.remove() }
        try site.build()
        let page = try site.read("campaigns/c/winners/index.html")
        let order = ["作品 top", "作品 z-badged", "作品 a-plain", "作品 b-plain"].map { try? #require(page.range(of: $0)).lowerBound }
        #expect(order.allSatisfy { $0 != nil })
        #expect(zip(order, order.dropFirst()).allSatisfy { $0! < $1! })
        #expect(!page.contains("作品 last"))
        #expect(page.contains("优秀组织奖") && page.contains("width=\"320\" height=\"180\""))   // placeholders are sized
        let data = try Data(site.read("campaigns/c/winners.json").utf8)
        let records = try #require(JSONSerialization.jsonObject(with: data) as? [[String: Any]])
        #expect(records.compactMap { $0["id"] as? String } == ["top", "z-badged", "a-plain", "b-plain"])
        #expect(try Array(Data(contentsOf: site.root.appendingPathComponent("public/campaigns/c/winners.csv")).prefix(3)) == [0xEF, 0xBB, 0xBF])
    }

    @Test("working days skip weekends")
    func workingDays() {
        let friday = CalendarDate("2021-05-21")!, saturday = CalendarDate("2021-05-22")!
        #expect(WorkingDays.end(start: friday, count: 5) == CalendarDate("2021-05-27"))   // Fri + Mon…Thu
        #expect(WorkingDays.end(start: saturday, count: 1) == CalendarDate("2021-05-24"))  // starts on Monday
        #expect(WorkingDays.end(start: CalendarDate("2021-05-24")!, count: 5) == CalendarDate("2021-05-28"))
        #expect(WorkingDays.end(start: friday, count: 10) == CalendarDate("2021-06-03"))
    }

    @Test("the announcement states the period in working days and the organizer; it prints on A4")
    func announcementPage() throws {
        let site = try winnerSite()
        defer { site.remove() }
        try site.build()
        let page = try site.read("campaigns/c/winners/announcement.html")
        #expect(page.contains("公示期为 <span class=\"nb\">2021年5月21日</span> 至 <span class=\"nb\">2021年5月27日</span>（5 个工作日）"))
        #expect(page.contains("受理部门：宣教部") && page.contains("测试总工会"))
        #expect(try site.read(site.stylesheet()).contains("@page { size: A4"))
    }

    @Test("certificate codes: HMAC-SHA256 under the site's key, the same on every build, different per award and recipient")
    func codes() throws {
        let a = CertificateCode.make(key: "k1", campaign: "c", recipient: "entry:top", award: "一等奖")
        #expect(a == CertificateCode.make(key: "k1", campaign: "c", recipient: "entry:top", award: "一等奖"))
        #expect(a != CertificateCode.make(key: "k1", campaign: "c", recipient: "entry:top", award: "二等奖"))
        #expect(a != CertificateCode.make(key: "k1", campaign: "c", recipient: "entry:b", award: "一等奖"))
        #expect(a != CertificateCode.make(key: "k2", campaign: "c", recipient: "entry:top", award: "一等奖"))
        #expect(a.count == 14 && a.filter { $0 == "-" }.count == 2)
        #expect(Hashing.sha256Hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        // HMAC-SHA256: RFC 4231's test case 2, and a code worked out independently with Python's
        // hmac module (first 60 bits, Crockford base 32, lowest five bits first).
        #expect(Hashing.hex(Hashing.hmacSHA256(key: "Jefe", "what do ya want for nothing?"))
                == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
        #expect(a == "Q9CR-GQJA-0RJB")

        let site = try winnerSite()
        defer { site.remove() }
        try site.build()
        let first = try site.read("campaigns/c/certificates/e-top.html")
        try site.build()
        #expect(try site.read("campaigns/c/certificates/e-top.html") == first)
        #expect(first.contains(a))
        #expect(first.contains("@page { size: A4 landscape"))
        #expect(!first.contains("13900001111") && !first.contains(Hashing.sha256Hex("13900001111")))   // top's phone
    }

    @Test("the verification index finds every issued code and nothing else, without listing codes")
    func verificationIndex() throws {
        let site = try winnerSite()
        defer { site.remove() }
        try site.build()
        let data = try Data(site.read("campaigns/c/certificates.json").utf8)
        let index = try #require(JSONSerialization.jsonObject(with: data) as? [String: [String: Any]])
        let issued = try issuedCodes(site).sorted { $0.key < $1.key }.map(\.value)
        #expect(issued.count == 5)   // 4 entries + 1 organization
        #expect(Set(issued.map { Hashing.sha256Hex(CertificateCode.normalize($0)) }) == Set(index.keys))
        #expect(index[Hashing.sha256Hex(CertificateCode.normalize(issued[0].lowercased().replacingOccurrences(of: "-", with: " ")))] != nil)
        #expect(index[Hashing.sha256Hex("0000AAAA0000")] == nil)
        let raw = try site.read("campaigns/c/certificates.json")
        #expect(issued.allSatisfy { !raw.contains($0) && !raw.contains(CertificateCode.normalize($0)) })
    }

    @Test("bad covers and periods: missing, outside the folder, not an image, ending before it starts")
    func badInput() throws {
        let site = try TestSite()
        defer { site.remove() }
        try site.write("content/campaigns/c/media/fake.jpg", "GIF? no, text")
        try Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0]).write(to: site.root.appendingPathComponent("content/campaigns/c/media/ok.png"))
        try site.write("content/secret.png", "x")
        try site.campaign("c", ["awards": [["name": "一等奖", "count": 1]],
                                "announcement": ["start": "2021-05-21", "end": "2021-05-20"]], entries: [
            entry("missing", ["cover": "media/none.jpg"]),
            entry("outside", ["cover": "media/../../secret.png"]),
            entry("fake", ["cover": "media/fake.jpg"]),
            entry("fine", ["cover": "media/ok.png"]),
        ])
        let errors = site.failingBuild()
        #expect(errors.contains { $0.field == "[0].cover" && $0.message.contains("does not exist") && $0.line != nil })
        #expect(errors.contains { $0.field == "[1].cover" })
        #expect(errors.contains { $0.field == "[2].cover" && $0.message.contains("not an image browsers show") })
        #expect(!errors.contains { $0.field == "[3].cover" })
        #expect(errors.contains { $0.field == "announcement.end" && $0.message.contains("ends (2021-05-20) before it starts (2021-05-21)") })
        #expect(!site.exists("index.html"))
    }

    @Test("titles in book-title marks as GB/T 15834 writes them: never doubled, inner marks as 〈〉; the entry page links its certificate once final")
    func bookTitles() throws {
        #expect(BookTitle.quoted("《奋斗的青春》诵读") == "《〈奋斗的青春〉诵读》")
        #expect(BookTitle.quoted("《匠心》") == "《匠心》")
        #expect(BookTitle.quoted("夜班后的半小时") == "《夜班后的半小时》")
        #expect(BookTitle.quoted("《上》与《下》") == "《〈上〉与〈下〉》")
        let site = try TestSite(site: ["asOf": "2021-05-01", "certificateKey": "k"])
        defer { site.remove() }
        try site.campaign("c", ["awards": [["name": "一等奖", "count": 2]]],
                          entries: [entry("a", likes: 9, ["title": "《奋斗的青春》诵读"]), entry("b", likes: 5, ["title": "《匠心》"]), entry("z", likes: 1)])
        try site.build()
        let a = try site.read("campaigns/c/certificates/e-a.html"), b = try site.read("campaigns/c/certificates/e-b.html")
        #expect(a.contains("作品《〈奋斗的青春〉诵读》") && !a.contains("《《"))
        #expect(b.contains("作品《匠心》") && !b.contains("《《"))
        #expect(try site.read("campaigns/c/certificates.json").contains("《〈奋斗的青春〉诵读》"))
        #expect(try site.read("campaigns/c/entries/a.html").contains("campaigns/c/certificates/e-a.html\">电子证书"))
        #expect(!(try site.read("campaigns/c/entries/z.html")).contains("certificates/"))
    }

    @Test("the 公示 prints as a document: A4 portrait pages, numbered, without the site bar (headless chromium)")
    func announcementPrints() throws {
        let site = try winnerSite()
        defer { site.remove() }
        try site.build()
        let pdf = try site.printed("campaigns/c/winners/announcement.html")
        let sizes = Browser.pageSizes(pdf)
        #expect(!sizes.isEmpty && sizes.allSatisfy { $0.hasPrefix("594.9") && $0.contains(" 841.9") }, "\(sizes)")   // A4 portrait
        let pages = try Browser.pdfText(pdf)
        #expect(pages.count == sizes.count)
        for (i, page) in pages.enumerated() {
            #expect(page.filter { $0 != " " }.contains("第\(i + 1)页共\(pages.count)页"), "page \(i + 1) has no number")
            #expect(!page.contains("测试站点") && !page.contains("获奖名单") && !page.contains("搜索"), "the site bar printed on page \(i + 1)")
        }
        #expect(pages.last?.contains("测试总工会") == true && pages.first?.contains("公示") == true)
    }

    /// The certificate codes the site issued, by the certificate's file name.
    func issuedCodes(_ site: TestSite) throws -> [String: String] {
        var codes: [String: String] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: site.root.appendingPathComponent("public/campaigns/c/certificates").path)
            where name != "index.html" {
            let page = try site.read("campaigns/c/certificates/\(name)")
            let code = try #require(page.components(separatedBy: "证书编号 <b>").dropFirst().first?.prefix(14))
            codes[name] = String(code)
        }
        return codes
    }

    /// The verification page's result line, as the browser left it.
    func verdict(_ dom: String) -> String {
        guard let start = dom.range(of: "<p id=\"result\""), let end = dom[start.upperBound...].range(of: "</p>") else { return "" }
        return String(dom[start.upperBound..<end.lowerBound])
    }

    @Test("verification works on plain http (no Web Crypto there) and from a file: a code is found, a typo is not, names stay text")
    func verificationWithoutSecureOrigin() throws {
        let site = try winnerSite()
        defer { site.remove() }
        // A name that would end the page's script if the index were not escaped for it.
        try site.campaign("c", ["tieBreak": [], "awards": [["name": "一等奖", "count": 1]],
                                "announcement": ["start": "2021-05-21", "workingDays": 5]], entries: [
            entry("top", likes: 90, ["author": "</script><b>张三</b>"]), entry("b", likes: 10),
        ])
        try site.build()
        let code = try #require(try issuedCodes(site)["e-top.html"])
        let server = try StaticServer(site.root.appendingPathComponent("public"))
        defer { server.stop() }
        // A host name mapped to loopback is not a secure origin: crypto.subtle is undefined there.
        let port = server.base.split(separator: ":").last!.filter(\.isNumber)
        let http = "http://podium.test:\(port)/campaigns/c/certificates/"
        let mapping = ["--host-resolver-rules=MAP podium.test 127.0.0.1"]
        let file = site.root.appendingPathComponent("public/campaigns/c/certificates/index.html").absoluteString
        for (base, arguments) in [(http, mapping), (file, [])] {
            let found = verdict(try Browser.dom(base + "?code=" + code, arguments: arguments))
            #expect(found.contains("有效证书：") && found.contains("&lt;/script&gt;&lt;b&gt;张三&lt;/b&gt; · 一等奖"), "\(base): \(found)")
            // Typed as people type it: lower case, spaces for dashes, O for 0.
            let typed = code.lowercased().replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "0", with: "o")
            #expect(verdict(try Browser.dom(base + "?code=" + typed, arguments: arguments)).contains("有效证书："), "\(base): \(typed)")
            let wrong = String(code.dropLast()) + (code.last == "A" ? "B" : "A")
            #expect(verdict(try Browser.dom(base + "?code=" + wrong, arguments: arguments)).contains("未找到该编号"), "\(base): \(wrong)")
        }
        // The certificate links its own check.
        #expect(try site.read("campaigns/c/certificates/e-top.html").contains("certificates/?code=\(code)\">"))
    }

    @Test("a certificate prints on one A4 landscape page: title at the top, issuer then date right-aligned above the number (headless chromium)")
    func certificatePrints() throws {
        let site = try winnerSite()
        defer { site.remove() }
        try site.build()
        let pdf = try site.printed("campaigns/c/certificates/e-top.html")
        #expect(Browser.pageSizes(pdf).map { $0.hasPrefix("841.9") && $0.contains(" 594.9") } == [true], "\(Browser.pageSizes(pdf))")
        let lines = try #require(try Browser.pdfText(pdf).first).components(separatedBy: "\n").filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        let title = try #require(lines.firstIndex { $0.filter { $0 != " " }.contains("荣誉证书") })
        let issuer = try #require(lines.firstIndex { $0.trimmingCharacters(in: .whitespaces) == "测试总工会" })
        let date = try #require(lines.firstIndex { $0.trimmingCharacters(in: .whitespaces).hasPrefix("2021年5月") })
        let number = try #require(lines.firstIndex { $0.contains("证书编号") })
        #expect(title == 0 && title < issuer && issuer < date && date < number && number == lines.count - 1, "\(lines)")
        // Right-aligned: both end at the same column, in the right third of the page.
        let width = lines.map(\.count).max() ?? 0
        let issuerEnd = lines[issuer].trimmingCharacters(in: .whitespaces).count + lines[issuer].prefix { $0 == " " }.count
        #expect(issuerEnd > width * 2 / 3, "\(lines[issuer])")
        #expect(!lines.joined().contains("测试站点") && !lines.joined().contains("搜索"), "the site bar printed")
    }
}
