/// Reads and validates `campaign.json` (contract §3).
enum CampaignDecoder {
    static let keys = ["title", "organizer", "start", "end", "timezone", "phases", "divisions", "groups",
                       "scoring", "tieBreak", "awards", "organizationAwards", "rules", "likeRules", "description", "publishAudit", "announcement"]

    static func read(_ reader: JSONReader, slug: String) -> Campaign? {
        guard let o = reader.object(reader.document.root, .root, keys: keys) else { return nil }
        let title = o.string("title", required: true)
        let organizer = o.string("organizer", required: true)
        let start = o.date("start", required: true)
        let end = o.date("end", required: true)
        if let start, let end, end < start {
            reader.error(o.offset(of: "end"), o.field.key("end"), "the campaign ends (\(end)) before it starts (\(start))")
        }
        var timezone = UTCOffset.beijing
        if let tz = o.string("timezone") {
            if let parsed = UTCOffset(tz) { timezone = parsed } else {
                reader.error(o.offset(of: "timezone"), o.field.key("timezone"), "\"\(tz)\" is not an offset such as +08:00")
            }
        }
        let phases = readPhases(o)
        let divisions = uniqueList(o, "divisions")
        let groups = readGroups(o)
        let scoring = readScoring(o)
        let tieBreak = readTieBreak(o)
        let awards = readTiers(o, "awards", required: true, groups: groups, allowPerGroup: true)
        let organizationAwards = readTiers(o, "organizationAwards", required: false, groups: groups, allowPerGroup: false)
        let rules = readRules(o)
        let likeRules = readLikeRules(o)
        let description = o.string("description")

        // Problems are already reported; a campaign with placeholders still lets entries.json be
        // checked against it, so one run shows every problem.
        let placeholder = CalendarDate(year: 2000, month: 1, day: 1)!
        return Campaign(slug: slug, title: title ?? slug, organizer: organizer ?? "", start: start ?? placeholder,
                        end: end ?? start ?? placeholder, timezone: timezone,
                        phases: phases, divisions: divisions, groups: groups, scoring: scoring, tieBreak: tieBreak,
                        awards: awards ?? [], organizationAwards: organizationAwards ?? [], rules: rules,
                        likeRules: likeRules, description: description, publishAudit: o.bool("publishAudit") ?? false,
                        announcement: readAnnouncement(o))
    }

    private static func uniqueList(_ o: JSONObject, _ key: String) -> [String]? {
        guard let values = o.stringArray(key) else { return nil }
        var seen: Set<String> = []
        for (i, v) in values.enumerated() where !seen.insert(v).inserted {
            o.reader.error(o.offset(of: key), o.field.key(key).index(i), "\"\(v)\" is listed twice")
        }
        return values
    }

    private static func readPhases(_ o: JSONObject) -> [Campaign.Phase] {
        var phases: [Campaign.Phase] = []
        for (node, field) in o.array("phases") ?? [] {
            guard let p = o.reader.object(node, field, keys: ["name", "start", "end"]) else { continue }
            let name = p.string("name", required: true)
            let start = p.date("start", required: true)
            let end = p.date("end", required: true)
            guard let name, let start, let end else { continue }
            if end < start {
                o.reader.error(p.offset(of: "end"), field.key("end"), "the phase \"\(name)\" ends (\(end)) before it starts (\(start))")
                continue
            }
            phases.append(Campaign.Phase(name: name, start: start, end: end))
        }
        return phases
    }

    private static func readGroups(_ o: JSONObject) -> Campaign.Groups? {
        guard let g = o.object("groups", keys: ["label", "values"]) else { return nil }
        let label = g.string("label") ?? "分组"
        guard g.value("values", required: true) != nil else { return nil }
        let values = uniqueList(g, "values") ?? []
        if values.isEmpty { o.reader.error(g.offset(of: "values"), g.field.key("values"), "must list at least one group") }
        return Campaign.Groups(label: label, values: values)
    }

    private static func readScoring(_ o: JSONObject) -> Campaign.Scoring? {
        guard let s = o.object("scoring", keys: ["likes", "expert"]) else { return nil }
        var likesWeight = ExactDecimal(0), expertWeight = ExactDecimal(0)
        var normalize = Campaign.Scoring.Normalize.max
        var scale = ExactDecimal(100)
        var trim = 0
        if let l = s.object("likes", keys: ["weight", "normalize"]) {
            likesWeight = l.decimal("weight", required: true, min: ExactDecimal(0)) ?? likesWeight
            if let n = l.string("normalize") {
                if let parsed = Campaign.Scoring.Normalize(rawValue: n) { normalize = parsed } else {
                    o.reader.error(l.offset(of: "normalize"), l.field.key("normalize"), "must be \"max\" or \"none\", found \"\(n)\"")
                }
            }
        }
        if let e = s.object("expert", keys: ["weight", "scale", "trim"]) {
            expertWeight = e.decimal("weight", required: true, min: ExactDecimal(0)) ?? expertWeight
            if let sc = e.decimal("scale") {
                if sc <= ExactDecimal(0) {
                    o.reader.error(e.offset(of: "scale"), e.field.key("scale"), "must be greater than 0")
                } else { scale = sc }
            }
            trim = e.integer("trim") ?? 0
        }
        if !s.has("likes") && !s.has("expert") {
            o.reader.error(s.offset, s.field, "needs \"likes\", \"expert\" or both")
        }
        return Campaign.Scoring(likesWeight: likesWeight, normalize: normalize, expertWeight: expertWeight, scale: scale, trim: trim)
    }

    private static func readTieBreak(_ o: JSONObject) -> [Campaign.TieBreakKey] {
        guard let names = o.stringArray("tieBreak") else { return Campaign.defaultTieBreak }
        var keys: [Campaign.TieBreakKey] = []
        for (i, name) in names.enumerated() {
            guard let key = Campaign.TieBreakKey(rawValue: name) else {
                let all = Campaign.TieBreakKey.allCases.map(\.rawValue)
                var message = "unknown tie-break key \"\(name)\""
                if let hint = NameSuggestion.closest(to: name, in: all) { message += "; did you mean \"\(hint)\"?" }
                else { message += "; known keys: \(all.joined(separator: ", "))" }
                o.reader.error(o.offset(of: "tieBreak"), o.field.key("tieBreak").index(i), message)
                continue
            }
            if keys.contains(key) {
                o.reader.error(o.offset(of: "tieBreak"), o.field.key("tieBreak").index(i), "\"\(name)\" is listed twice")
            }
            keys.append(key)
        }
        return keys
    }

    private static func readTiers(_ o: JSONObject, _ key: String, required: Bool, groups: Campaign.Groups?,
                                  allowPerGroup: Bool) -> [Campaign.AwardTier]? {
        guard let items = o.array(key, required: required) else { return required ? nil : [] }
        var tiers: [Campaign.AwardTier] = []
        var names: Set<String> = []
        for (node, field) in items {
            let keys = allowPerGroup ? ["name", "count", "perGroup"] : ["name", "count"]
            guard let t = o.reader.object(node, field, keys: keys) else { continue }
            let name = t.string("name", required: true)
            let count = t.integer("count", min: 1)
            let perGroup = allowPerGroup ? t.integer("perGroup", min: 1) : nil
            guard let name else { continue }
            if !names.insert(name).inserted {
                o.reader.error(t.offset(of: "name"), field.key("name"), "the award \"\(name)\" is listed twice")
            }
            switch (t.has("count"), t.has("perGroup")) {
            case (true, true):
                o.reader.error(t.offset, field, "an award has either \"count\" or \"perGroup\", not both")
            case (false, false):
                o.reader.error(t.offset, field, allowPerGroup ? "an award needs \"count\" or \"perGroup\"" : "an award needs \"count\"")
            case (true, false):
                if let count { tiers.append(Campaign.AwardTier(name: name, size: .count(count))) }
            case (false, true):
                if groups == nil {
                    o.reader.error(t.offset(of: "perGroup"), field.key("perGroup"), "\"perGroup\" needs \"groups\" in campaign.json")
                } else if let perGroup {
                    tiers.append(Campaign.AwardTier(name: name, size: .perGroup(perGroup)))
                }
            }
        }
        return tiers
    }

    private static func readRules(_ o: JSONObject) -> Campaign.EntryRules {
        guard let r = o.object("rules", keys: ["maxEntriesPerPerson", "maxDurationSeconds", "maxVideoMB", "minImages", "maxTextChars"]) else {
            return Campaign.EntryRules()
        }
        func positive(_ v: ExactDecimal?) -> ExactDecimal? { v.flatMap { $0 > ExactDecimal(0) ? $0 : nil } }
        func positive(_ v: Int?) -> Int? { v.flatMap { $0 > 0 ? $0 : nil } }
        return Campaign.EntryRules(
            maxEntriesPerPerson: positive(r.integer("maxEntriesPerPerson")),
            maxDurationSeconds: positive(r.decimal("maxDurationSeconds", min: ExactDecimal(0))),
            maxVideoMB: positive(r.decimal("maxVideoMB", min: ExactDecimal(0))),
            minImages: positive(r.integer("minImages")),
            maxTextChars: positive(r.integer("maxTextChars")))
    }

    private static func readAnnouncement(_ o: JSONObject) -> Campaign.Announcement? {
        guard let a = o.object("announcement", keys: ["start", "end", "workingDays", "notice", "methods", "contacts", "date"]) else { return nil }
        guard let start = a.date("start", required: true) else { return nil }
        let workingDays = a.integer("workingDays", min: 1)
        var end = WorkingDays.end(start: start, count: workingDays ?? 5)
        if let written = a.date("end") {
            if a.has("workingDays") {
                o.reader.error(a.offset(of: "end"), a.field.key("end"), "give either \"end\" or \"workingDays\", not both")
            } else if written < start {
                o.reader.error(a.offset(of: "end"), a.field.key("end"), "the objection period ends (\(written)) before it starts (\(start))")
            }
            end = written
        }
        return Campaign.Announcement(start: start, end: end, workingDays: a.has("end") ? nil : (workingDays ?? 5),
                                     notice: a.string("notice"), noticePosition: a.has("notice") ? o.reader.position(a.offset(of: "notice")) : nil,
                                     methods: a.stringArray("methods") ?? [], contacts: a.stringArray("contacts") ?? [],
                                     date: a.date("date") ?? start)
    }

    private static func readLikeRules(_ o: JSONObject) -> Campaign.LikeRules {
        guard let r = o.object("likeRules", keys: ["perVoterPerEntryPerDay", "maxEntriesPerVoterPerDay"]) else {
            return Campaign.LikeRules()
        }
        func positive(_ v: Int?) -> Int? { v.flatMap { $0 > 0 ? $0 : nil } }
        return Campaign.LikeRules(perVoterPerEntryPerDay: positive(r.integer("perVoterPerEntryPerDay")),
                                  maxEntriesPerVoterPerDay: positive(r.integer("maxEntriesPerVoterPerDay")))
    }
}
