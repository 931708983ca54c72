import Foundation
import Testing
@testable import PodiumCore

/// The pure functions of Results, called directly (the end-to-end suites build sites around them).
@Suite("Results, unit by unit")
struct ResultsUnitTests {
    func decimal(_ text: String) -> ExactDecimal { ExactDecimal(literal: text)! }

    func scoring(likes: String = "30", normalize: Campaign.Scoring.Normalize = .max, expert: String = "70",
                 scale: String = "100", trim: Int = 0) -> Campaign.Scoring {
        Campaign.Scoring(likesWeight: decimal(likes), normalize: normalize, expertWeight: decimal(expert), scale: decimal(scale), trim: trim)
    }

    func key(_ id: String, composite: Int, expert: Int = 0, likes: Int = 0, views: Int = 0, submitted: Int64? = nil) -> Ranking.Key {
        Ranking.Key(composite: Points(hundredths: composite), expert: Points(hundredths: expert), likes: likes, views: views,
                    submitted: submitted.map { Instant(seconds: $0) }, id: id)
    }

    @Test("points round half up exactly, at the half and either side of it, and print two decimals")
    func points() {
        #expect(Points.roundingHalfUp(3, over: 200).hundredths == 2)        // 0.015 → 0.02
        #expect(Points.roundingHalfUp(2_999, over: 200_000).hundredths == 1) // 0.014995 → 0.01
        #expect(Points.roundingHalfUp(62_125, over: 1000).hundredths == 6213)
        #expect(Points.roundingHalfUp(0, over: 7).hundredths == 0)
        #expect(Points(hundredths: 6213).description == "62.13" && Points(hundredths: 5).description == "0.05"
                && Points.zero.description == "0.00" && Points(hundredths: 100_000).description == "1000.00")
    }

    @Test("likes points: weight × likes ÷ the largest likes (0 when nobody has any), or weight × likes")
    func likesPoints() {
        #expect(ScoreCalculator.likesPoints(likes: 200, maxLikes: 400, scoring: scoring()).description == "15.00")
        #expect(ScoreCalculator.likesPoints(likes: 1, maxLikes: 3, scoring: scoring()).description == "10.00")
        #expect(ScoreCalculator.likesPoints(likes: 2, maxLikes: 3, scoring: scoring()).description == "20.00")
        #expect(ScoreCalculator.likesPoints(likes: 0, maxLikes: 0, scoring: scoring()).description == "0.00")
        #expect(ScoreCalculator.likesPoints(likes: 7, maxLikes: 0, scoring: scoring(likes: "0.5", normalize: .none)).description == "3.50")
    }

    @Test("expert points: the trimmed mean × weight ÷ scale; trimming only with more than 2k scores, equal scores dropped by position")
    func expertPoints() {
        let five = ["60", "80", "80", "80", "100"].map(decimal)
        let (trimmed, counted) = ScoreCalculator.expertPoints(five, scoring: scoring(trim: 1))
        #expect(trimmed.description == "56.00" && counted == [false, true, true, true, false])
        let (two, both) = ScoreCalculator.expertPoints(["60", "100"].map(decimal), scoring: scoring(trim: 1))
        #expect(two.description == "56.00" && both == [true, true])
        let (equal, which) = ScoreCalculator.expertPoints(["90", "90", "90"].map(decimal), scoring: scoring(trim: 1))
        #expect(equal.description == "63.00" && which == [false, true, false])
        let (mixed, _) = ScoreCalculator.expertPoints(["88.75"].map(decimal), scoring: scoring())
        #expect(mixed.description == "62.13")                                  // 62.125, half up
        #expect(ScoreCalculator.expertPoints([], scoring: scoring()).0 == .zero)
    }

    @Test("ranking: composite, then each tie-break key, then id; equal on all keys share a rank (1224)")
    func ranking() {
        let keys = [key("d", composite: 500), key("b", composite: 900, expert: 10), key("a", composite: 900, expert: 10),
                    key("c", composite: 900, expert: 20), key("e", composite: 100)]
        let (order, ranks) = Ranking.order(keys, tieBreak: [.expert])
        #expect(order.map { keys[$0].id } == ["c", "a", "b", "d", "e"])
        #expect(ranks == [1, 2, 2, 4, 5])
        let (noTieBreak, shared) = Ranking.order(keys, tieBreak: [])
        #expect(noTieBreak.map { keys[$0].id } == ["a", "b", "c", "d", "e"] && shared == [1, 1, 1, 4, 5])
    }

    @Test("submitted earlier first, an entry without a time after every one with it")
    func submitted() {
        #expect(Ranking.submittedEarlier(Instant(seconds: 1), Instant(seconds: 2)) == -1)
        #expect(Ranking.submittedEarlier(Instant(seconds: 2), Instant(seconds: 1)) == 1)
        #expect(Ranking.submittedEarlier(Instant(seconds: 5), nil) == -1 && Ranking.submittedEarlier(nil, Instant(seconds: 5)) == 1)
        #expect(Ranking.submittedEarlier(nil, nil) == 0 && Ranking.submittedEarlier(Instant(seconds: 3), Instant(seconds: 3)) == 0)
        let keys = [key("x", composite: 1, submitted: nil), key("y", composite: 1, submitted: 50), key("z", composite: 1, submitted: 10)]
        let (order, ranks) = Ranking.order(keys, tieBreak: [.submitted])
        #expect(order.map { keys[$0].id } == ["z", "y", "x"] && ranks == [1, 2, 3])
    }

    @Test("likes boards: likes, then views (equal on both: the id decides the listing only)")
    func likesOrder() {
        let rows = [(id: "b", likes: 5, views: 9), (id: "a", likes: 5, views: 9), (id: "c", likes: 5, views: 10), (id: "d", likes: 6, views: 0)]
        let sorted = rows.sorted { x, y in LikesOrder.precedes((x.likes, x.views), (y.likes, y.views)) { x.id.precedesInCodePoints(y.id) } }
        #expect(sorted.map(\.id) == ["d", "c", "a", "b"])
    }

    @Test("awards: tier by tier in rank order, ineligible skipped, a shared rank at the boundary extends the tier, short tiers said")
    func awards() {
        func c(_ rank: Int, _ eligible: Bool = true, _ group: String? = nil) -> AwardAllocator.Candidate {
            AwardAllocator.Candidate(rank: rank, eligible: eligible, group: group)
        }
        let tiers = [Campaign.AwardTier(name: "一等奖", size: .count(1)), Campaign.AwardTier(name: "二等奖", size: .count(2))]
        let (awards, notes) = AwardAllocator.allocate(tiers, to: [c(1, false), c(2), c(3), c(4), c(4), c(6)])
        #expect(awards == [nil, "一等奖", "二等奖", "二等奖", "二等奖", nil])
        #expect(notes == [.sharedBoundary(tier: "二等奖", group: nil, rank: 4, size: 2, awarded: 3)])
        let (few, short) = AwardAllocator.allocate([Campaign.AwardTier(name: "优秀奖", size: .count(3))], to: [c(1), c(2, false)])
        #expect(few == ["优秀奖", nil] && short == [.short(tier: "优秀奖", group: nil, size: 3, awarded: 1)])
    }

    @Test("per-group tiers: each group's best, a short group gets what it has, candidates outside every group are counted")
    func perGroup() {
        let candidates = [("甲", 1), ("乙", 2), ("甲", 3), (nil, 4), ("乙", 5)].map {
            AwardAllocator.Candidate(rank: $0.1, eligible: true, group: $0.0)
        }
        let (awards, notes) = AwardAllocator.allocate([Campaign.AwardTier(name: "组别奖", size: .perGroup(1)),
                                                       Campaign.AwardTier(name: "优胜奖", size: .perGroup(2))],
                                                      to: candidates, groups: ["甲", "乙"])
        #expect(awards == ["组别奖", "组别奖", "优胜奖", nil, "优胜奖"])
        #expect(notes.contains(.short(tier: "优胜奖", group: "甲", size: 2, awarded: 1)))
        #expect(notes.contains(.ungrouped(tier: "组别奖", count: 1)))
    }

    @Test("competition ranks from a 'ties the previous' rule")
    func competitionRanks() {
        let values = [9, 7, 7, 7, 3, 3, 1]
        #expect(Ranking.competitionRanks(count: values.count) { values[$0] == values[$0 - 1] } == [1, 2, 2, 2, 5, 5, 7])
        #expect(Ranking.competitionRanks(count: 0) { _ in true } == [])
    }

    func work(_ id: String, person: String? = nil, submitted: Int64? = nil, status: Entry.Status = .published,
              seconds: String? = nil, images: Int = 0, kind: Entry.Kind = .individual) -> Entry {
        Entry(.init(index: 0, position: SourcePosition(line: 1, column: 1), id: id, title: id, author: nil, personKey: person, kind: kind,
              union: nil, region: nil, division: nil, organizations: [], group: nil, category: nil,
              submitted: submitted.map { Instant(seconds: $0) }, submittedText: nil, status: status,
              durationSeconds: seconds.map(decimal), videoMB: nil, textChars: nil, images: Array(repeating: "i.jpg", count: images),
              cover: nil, coverPosition: nil, video: nil, likes: 0, declaredLikes: nil, views: 0, favorites: 0,
              expertScores: [], badges: [], summary: nil))
    }

    @Test("eligibility: each broken rule a reason; per person the earliest entries keep their place, unpublished and units not counted")
    func eligibility() {
        let rules = Campaign.EntryRules(maxEntriesPerPerson: 2, maxDurationSeconds: decimal("300"), maxVideoMB: nil, minImages: 1, maxTextChars: nil)
        let entries = [
            work("late", person: "p", submitted: 30, images: 1), work("early", person: "p", submitted: 10, images: 1),
            work("untimed", person: "p", images: 1), work("mid", person: "p", submitted: 20, images: 1),
            work("draft", person: "p", submitted: 1, status: .pending, images: 1),
            work("unit", person: "p", submitted: 0, images: 1, kind: .unit),
            work("long", person: "q", seconds: "300.5"), work("ok", person: "q", seconds: "300", images: 2),
        ]
        let reasons = Eligibility.reasons(for: entries, rules: rules)
        let byID = Dictionary(uniqueKeysWithValues: zip(entries.map(\.id), reasons))
        #expect(byID["early"] == [] && byID["mid"] == [])
        #expect(byID["late"] == [.tooManyEntries(limit: 2, earlier: ["early", "mid"])])
        #expect(byID["untimed"] == [.tooManyEntries(limit: 2, earlier: ["early", "mid"])])   // no time: after every timed one
        #expect(byID["draft"] == [.notPublished(.pending)])
        #expect(byID["unit"] == [])
        #expect(byID["long"] == [.tooLong(seconds: decimal("300.5"), limit: decimal("300")), .tooFewImages(count: 0, minimum: 1)])
        #expect(byID["ok"] == [])
    }
}
