/// Reads and validates `campaign.json` (contract §3). Each key is declared by its read
/// (`JSONReader.object`): a new optional field is one line here and the model's property.
enum CampaignDecoder {
    static func read(_ reader: JSONReader, slug: String) -> Campaign? {
        reader.object(reader.document.root, .root) { read($0, reader, slug: slug) }
    }

    private static func read(_ o: JSONObject, _ reader: JSONReader, slug: String) -> Campaign? {
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
        let publishAudit = o.bool("publishAudit") ?? false
        let announcement = readAnnouncement(o)

        // Problems are already reported; a campaign with placeholders still lets entries.json be
        // checked against it, so one run shows every problem.
        let placeholder = CalendarDate(year: 2000, month: 1, day: 1)!
        return Campaign(slug: slug, title: title ?? slug, organizer: organizer ?? "", start: start ?? placeholder,
                        end: end ?? start ?? placeholder, timezone: timezone,
                        phases: phases, divisions: divisions, groups: groups, scoring: scoring, tieBreak: tieBreak,
                        awards: awards ?? [], organizationAwards: organizationAwards ?? [], rules: rules,
                        likeRules: likeRules, description: description, publishAudit: publishAudit,
                        announcement: announcement)
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
            let phase = o.reader.object(node, field) { p -> Campaign.Phase? in
                let name = p.string("name", required: true)
                let start = p.date("start", required: true)
                let end = p.date("end", required: true)
                guard let name, let start, let end else { return nil }
                if end < start {
                    o.reader.error(p.offset(of: "end"), field.key("end"), "the phase \"\(name)\" ends (\(end)) before it starts (\(start))")
                    return nil
                }
                return Campaign.Phase(name: name, start: start, end: end)
            }
            if let phase { phases.append(phase) }
        }
        return phases
    }

    private static func readGroups(_ o: JSONObject) -> Campaign.Groups? {
        o.object("groups") { g in
            let label = g.string("label") ?? "分组"
            guard g.value("values", required: true) != nil else { return nil }
            let values = uniqueList(g, "values") ?? []
            if values.isEmpty { o.reader.error(g.offset(of: "values"), g.field.key("values"), "must list at least one group") }
            return Campaign.Groups(label: label, values: values)
        }
    }

    private static func readScoring(_ o: JSONObject) -> Campaign.Scoring? {
        o.object("scoring") { readScoring(o, $0) }
    }

    private static func readScoring(_ o: JSONObject, _ s: JSONObject) -> Campaign.Scoring? {
        var likesWeight = ExactDecimal(0), expertWeight = ExactDecimal(0)
        var normalize = Campaign.Scoring.Normalize.max
        var scale = ExactDecimal(100)
        var trim = 0
        _ = s.object("likes") { l -> Void? in
            likesWeight = l.decimal("weight", required: true, min: ExactDecimal(0)) ?? likesWeight
            if let n = l.string("normalize") {
                if let parsed = Campaign.Scoring.Normalize(rawValue: n) { normalize = parsed } else {
                    o.reader.error(l.offset(of: "normalize"), l.field.key("normalize"), "must be \"max\" or \"none\", found \"\(n)\"")
                }
            }
            return ()
        }
        _ = s.object("expert") { e -> Void? in
            expertWeight = e.decimal("weight", required: true, min: ExactDecimal(0)) ?? expertWeight
            if let sc = e.decimal("scale") {
                if sc <= ExactDecimal(0) {
                    o.reader.error(e.offset(of: "scale"), e.field.key("scale"), "must be greater than 0")
                } else { scale = sc }
            }
            trim = e.integer("trim") ?? 0
            return ()
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
            // "perGroup" is read, and so accepted, only where per-group tiers are allowed.
            guard let (t, name, count, perGroup, hasCount, hasPerGroup) = o.reader.object(node, field, { t in
                (t, t.string("name", required: true), t.integer("count", min: 1), allowPerGroup ? t.integer("perGroup", min: 1) : nil,
                 t.has("count"), allowPerGroup && t.has("perGroup"))
            }), let name else { continue }
            if !names.insert(name).inserted {
                o.reader.error(t.offset(of: "name"), field.key("name"), "the award \"\(name)\" is listed twice")
            }
            switch (hasCount, hasPerGroup) {
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
        func positive(_ v: ExactDecimal?) -> ExactDecimal? { v.flatMap { $0 > ExactDecimal(0) ? $0 : nil } }
        func positive(_ v: Int?) -> Int? { v.flatMap { $0 > 0 ? $0 : nil } }
        return o.object("rules") { r in
            Campaign.EntryRules(
                maxEntriesPerPerson: positive(r.integer("maxEntriesPerPerson")),
                maxDurationSeconds: positive(r.decimal("maxDurationSeconds", min: ExactDecimal(0))),
                maxVideoMB: positive(r.decimal("maxVideoMB", min: ExactDecimal(0))),
                minImages: positive(r.integer("minImages")),
                maxTextChars: positive(r.integer("maxTextChars")))
        } ?? Campaign.EntryRules()
    }

    private static func readAnnouncement(_ o: JSONObject) -> Campaign.Announcement? {
        o.object("announcement") { a in
            // Every field read first (and so accepted), then judged.
            let start = a.date("start", required: true), workingDays = a.integer("workingDays", min: 1), written = a.date("end")
            let notice = a.string("notice"), methods = a.stringArray("methods") ?? [], contacts = a.stringArray("contacts") ?? []
            let date = a.date("date")
            guard let start else { return nil }
            var end = WorkingDays.end(start: start, count: workingDays ?? 5)
            if let written {
                if a.has("workingDays") {
                    o.reader.error(a.offset(of: "end"), a.field.key("end"), "give either \"end\" or \"workingDays\", not both")
                } else if written < start {
                    o.reader.error(a.offset(of: "end"), a.field.key("end"), "the objection period ends (\(written)) before it starts (\(start))")
                }
                end = written
            }
            return Campaign.Announcement(start: start, end: end, workingDays: a.has("end") ? nil : (workingDays ?? 5),
                                         notice: notice, noticePosition: a.has("notice") ? o.reader.position(a.offset(of: "notice")) : nil,
                                         methods: methods, contacts: contacts, date: date ?? start)
        }
    }

    private static func readLikeRules(_ o: JSONObject) -> Campaign.LikeRules {
        func positive(_ v: Int?) -> Int? { v.flatMap { $0 > 0 ? $0 : nil } }
        return o.object("likeRules") { r in
            Campaign.LikeRules(perVoterPerEntryPerDay: positive(r.integer("perVoterPerEntryPerDay")),
                               maxEntriesPerVoterPerDay: positive(r.integer("maxEntriesPerVoterPerDay")))
        } ?? Campaign.LikeRules()
    }
}
