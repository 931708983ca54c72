/// The winners as published (contract §5 and the 云讲述 guide): by tier in the campaign's order,
/// by group inside per-group tiers, then rank; badged entries first among equal ranks; then id.
public struct WinnerList: Sendable {
    public struct Section: Sendable {
        public var award: String
        public var group: String?
        public var rows: [LeaderboardRow]
    }

    public var sections: [Section]
    public var organizations: [OrganizationStanding]
    public var isEmpty: Bool { sections.isEmpty && organizations.isEmpty }

    public static func make(_ r: CampaignResults) -> WinnerList {
        let awarded = r.rows.filter { $0.award != nil }
        let tierNames = r.campaign.awards.map(\.name)
        let others = Set(awarded.compactMap(\.award)).subtracting(tierNames)
            .sorted { $0.precedesInCodePoints($1) }
        var sections: [Section] = []
        for name in tierNames + others {
            let rows = awarded.filter { $0.award == name }.sorted(by: precedes)
            guard !rows.isEmpty else { continue }
            let perGroup = r.campaign.awards.first { $0.name == name }.map { if case .perGroup = $0.size { true } else { false } } ?? false
            if perGroup, let groups = r.campaign.groups {
                for g in groups.values {
                    let inGroup = rows.filter { $0.entry.group == g }
                    if !inGroup.isEmpty { sections.append(Section(award: name, group: g, rows: inGroup)) }
                }
            } else {
                sections.append(Section(award: name, group: nil, rows: rows))
            }
        }
        return WinnerList(sections: sections, organizations: r.organizations.filter { $0.award != nil })
    }

    /// Rank, then badged before not badged, then id.
    static func precedes(_ a: LeaderboardRow, _ b: LeaderboardRow) -> Bool {
        if a.rank != b.rank { return a.rank < b.rank }
        let ab = !a.entry.badges.isEmpty, bb = !b.entry.badges.isEmpty
        if ab != bb { return ab }
        return a.entry.id.precedesInCodePoints(b.entry.id)
    }
}

/// Certificate verification codes: deterministic (the same on every rebuild), different for every
/// campaign, recipient and award: the first 60 bits of HMAC-SHA256 keyed by the site's
/// `certificateKey`, so that they cannot be worked out from public data without the key.
public enum CertificateCode {
    static let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ")   // Crockford base 32: no I, L, O, U

    public static func make(key: String, campaign: String, recipient: String, award: String) -> String {
        let digest = Hashing.hmacSHA256(key: key, "podium-certificate\n\(campaign)\n\(recipient)\n\(award)")
        var bits: UInt64 = 0
        for b in digest.prefix(8) { bits = bits << 8 | UInt64(b) }
        var chars: [Character] = []
        for _ in 0..<12 { chars.append(alphabet[Int(bits & 31)]); bits >>= 5 }
        return String(chars[0..<4]) + "-" + String(chars[4..<8]) + "-" + String(chars[8..<12])
    }

    /// What people type, made comparable: upper case, no spaces or dashes, O→0, I/L→1.
    public static func normalize(_ typed: String) -> String {
        String(typed.uppercased().compactMap { c -> Character? in
            switch c {
            case "O": "0"
            case "I", "L": "1"
            case " ", "-": nil
            default: c
            }
        })
    }
}
