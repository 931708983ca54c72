import Testing
@testable import PodiumCore

/// The link check's table of links known to lead to files (`LinkCheck.Known`).
@Suite("Link check: known links")
struct KnownLinksTests {
    @Test("holds every link put in as it grows, nothing that differs by one byte, and starts over in another folder")
    func table() {
        func bytes(_ s: String, _ body: (UnsafeBufferPointer<UInt8>) -> Void) { Array(s.utf8).withUnsafeBufferPointer(body) }
        var known = LinkCheck.Known()
        known.enter("campaigns/c/entries/a.html")
        // 1,000 links: the table (256 slots to begin with) grows twice over.
        let links = (0..<1000).map { "../../../campaigns/c/entries/w\($0).html" }
        for link in links { bytes(link) { known.insert($0, hash: LinkCheck.Known.hash($0)) } }
        for link in links {
            bytes(link) { #expect(known.contains($0, hash: LinkCheck.Known.hash($0)), "\(link)") }
            bytes(link + "l") { #expect(!known.contains($0, hash: LinkCheck.Known.hash($0))) }
            bytes(String(link.dropFirst())) { #expect(!known.contains($0, hash: LinkCheck.Known.hash($0))) }
        }
        // A second page of the folder keeps them; a page of another folder does not.
        known.enter("campaigns/c/entries/b.html")
        bytes(links[7]) { #expect(known.contains($0, hash: LinkCheck.Known.hash($0))) }
        known.enter("campaigns/c/leaderboard/index.html")
        bytes(links[7]) { #expect(!known.contains($0, hash: LinkCheck.Known.hash($0))) }
    }
}
