import Foundation
import Testing
@testable import PodiumCore

@Suite("Scores and ranks (contract §5)")
struct ScoringTests {
    @Test("half-up rounding is exact: 0.015 → 0.02 and 62.125 → 62.13")
    func halfUpRounding() throws {
        let site = try TestSite()
        defer { site.remove() }
        // likes: 3 × 1 / 200 = 0.015 (binary floating point gives 0.01499…); expert: 70 × 88.75 / 100 = 62.125.
        try site.campaign("c", ["scoring": ["likes": ["weight": 3], "expert": ["weight": 70, "scale": 100]]], entries: [
            entry("a", likes: 1, scores: [88.75]),
            entry("top", likes: 200, scores: [50]),
        ])
        try site.build()
        let json = try site.read("campaigns/c/leaderboard.json")
        let a = try site.record("c", "a")
        #expect(json.contains(#""likesPoints":0.02"#))
        #expect(json.contains(#""expertPoints":62.13"#))
        #expect(json.contains(#""composite":62.15"#))
        #expect(a["rank"] as? Int == 1)
    }

    @Test("trimming drops the highest and lowest score only when there are more than 2k scores")
    func trimming() throws {
        let site = try TestSite()
        defer { site.remove() }
        try site.campaign("c", scoring30_70, entries: [
            entry("five", scores: [60, 80, 80, 80, 100]),   // trimmed: mean 80 → 56.00
            entry("two", scores: [60, 100]),                // 2 ≤ 2k: not trimmed, mean 80 → 56.00
            entry("skew", scores: [0, 90, 90, 90, 90]),     // trimmed: mean 90 → 63.00 (untrimmed would be 72 → 50.40)
            entry("none"),
        ])
        try site.build()
        #expect(try site.record("c", "five")["expertPoints"] as? Double == 56)
        #expect(try site.record("c", "two")["expertPoints"] as? Double == 56)
        #expect(try site.record("c", "skew")["expertPoints"] as? Double == 63)
        #expect(try site.record("c", "none")["expertPoints"] is NSNull)   // 未评 on the page: no value in the download
        #expect(try site.read("campaigns/c/leaderboard.csv").contains(",none,") && site.read("campaigns/c/leaderboard.csv").split(separator: "\r\n").first { $0.contains(",none,") }!.contains(",0.00,,"))
        let page = try site.read("campaigns/c/entries/skew.html")
        #expect(page.contains("评委 1：0（去掉）"))
        #expect(page.contains("70 × 90 ÷ 100 = 63.00"))
        #expect(try site.read("campaigns/c/leaderboard/index.html").contains("未评"))
    }

    @Test("an ineligible entry's likes do not set the normalizing maximum")
    func normalizingMaximum() throws {
        let site = try TestSite()
        defer { site.remove() }
        try site.campaign("c", scoring30_70.merging(["rules": ["maxDurationSeconds": 300]]) { a, _ in a }, entries: [
            entry("long", likes: 1000, scores: [90], ["durationSeconds": 301]),
            entry("a", likes: 400, scores: [80]),
            entry("b", likes: 200, scores: [80]),
        ])
        try site.build()
        #expect(try site.record("c", "a")["likesPoints"] as? Double == 30)     // 30 × 400 / 400
        #expect(try site.record("c", "b")["likesPoints"] as? Double == 15)
        #expect(try site.record("c", "long")["likesPoints"] as? Double == 75)  // 30 × 1000 / 400, shown but not awarded
        #expect(try site.record("c", "long")["eligible"] as? Bool == false)
    }

    @Test("competition ranks 1224: equal on composite and every tie-break share a rank, listed by id")
    func competitionRanks() throws {
        let site = try TestSite()
        defer { site.remove() }
        try site.campaign("c", ["tieBreak": ["likes"]], entries: [
            entry("d", likes: 10), entry("b", likes: 50), entry("c", likes: 50), entry("a", likes: 90),
        ])
        try site.build()
        let board = try site.leaderboard("c")
        #expect(board.map { $0["id"] as? String } == ["a", "b", "c", "d"])
        #expect(board.map { $0["rank"] as? Int } == [1, 2, 2, 4])
        #expect(board[0]["likesPoints"] is NSNull)   // no scoring: points are null, composite is likes
        #expect(board[0]["composite"] as? Int == 90)
    }

    @Test("tie-break chain: expert, then likes, then earlier submission; missing submitted sorts last")
    func tieBreakChain() throws {
        let site = try TestSite()
        defer { site.remove() }
        // All composites 50.00 (normalize none, weight 1): likes 20 + expert 30 ...
        let s: [String: Any] = ["scoring": ["likes": ["weight": 1, "normalize": "none"], "expert": ["weight": 100, "scale": 100]]]
        try site.campaign("c", s, entries: [
            entry("late", likes: 20, scores: [30], ["submitted": "2021-03-05"]),
            entry("early", likes: 20, scores: [30], ["submitted": "2021-03-04T23:59:00+08:00"]),
            entry("nodate", likes: 20, scores: [30]),
            entry("expert", likes: 10, scores: [40]),
            entry("likes", likes: 30, scores: [20]),
        ])
        try site.build()
        let board = try site.leaderboard("c")
        #expect(board.map { $0["id"] as? String } == ["expert", "early", "late", "nodate", "likes"])
        #expect(board.map { $0["rank"] as? Int } == [1, 2, 3, 4, 5])
    }
}
