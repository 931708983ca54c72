/// The campaign's rules and scoring method as sentences people read on the overview.
enum RuleText {
    static func number(_ d: ExactDecimal) -> String { d.description }

    static func rules(_ c: Campaign) -> [String] {
        var lines: [String] = []
        let r = c.rules
        if let n = r.maxEntriesPerPerson { lines.append("每人最多报送 \(n) 件作品，超出的按提交时间只保留最早的 \(n) 件参评；单位报送不受此限。") }
        if let s = r.maxDurationSeconds {
            let minutes = s.integerValue.flatMap { $0 % 60 == 0 ? $0 / 60 : nil }
            lines.append("作品时长不超过 " + (minutes.map { "\($0) 分钟" } ?? "\(number(s)) 秒") + "。")
        }
        if let mb = r.maxVideoMB { lines.append("视频大小不超过 \(number(mb)) MB。") }
        if let n = r.minImages { lines.append("图片不少于 \(n) 张。") }
        if let n = r.maxTextChars { lines.append("文字不超过 \(Format.integer(n)) 字。") }
        if let n = c.likeRules.perVoterPerEntryPerDay { lines.append("每个手机号每天对同一作品最多点赞 \(n) 次。") }
        if let n = c.likeRules.maxEntriesPerVoterPerDay { lines.append("每个手机号每天最多为 \(n) 件作品点赞。") }
        lines.append("违反规则的作品仍在榜单中显示并注明原因，但不参与评奖。")
        return lines
    }

    static func scoring(_ results: CampaignResults) -> [String] {
        let c = results.campaign
        var lines: [String] = []
        if let s = c.scoring {
            let likesPart: String
            switch s.normalize {
            case .max:
                likesPart = "点赞积分 = \(number(s.likesWeight)) × 作品点赞数 ÷ 有效作品中的最高点赞数（目前为 \(Format.integer(results.maxLikes))）"
            case .none:
                likesPart = "点赞积分 = \(number(s.likesWeight)) × 作品点赞数"
            }
            lines.append("综合成绩 = 点赞积分 + 专家评分。")
            lines.append(likesPart + "。")
            var expert = "专家评分 = \(number(s.expertWeight)) × 评委平均分 ÷ \(number(s.scale))"
            if s.trim > 0 { expert += "；评委多于 \(2 * s.trim) 人时，先去掉 \(s.trim) 个最高分和 \(s.trim) 个最低分" }
            lines.append(expert + "；尚无评分的作品专家评分记 0 分。")
            lines.append("两项各自四舍五入保留两位小数，再相加得到综合成绩。")
        } else {
            lines.append("本活动按点赞数排名。")
        }
        let names: [Campaign.TieBreakKey: String] = [.expert: "专家评分高者在前", .likes: "点赞数多者在前", .views: "浏览量多者在前", .submitted: "提交时间早者在前"]
        if !c.tieBreak.isEmpty {
            lines.append("成绩相同时依次比较：" + c.tieBreak.map { names[$0]! }.joined(separator: "，") + "；仍然相同的并列同一名次（按编号列出）。")
        } else {
            lines.append("成绩相同的并列同一名次（按编号列出）。")
        }
        lines.append("奖项按名次依次评定，每件作品最多获一个奖项；名额的最后一名出现并列时，并列者均获奖。")
        return lines
    }

    struct Award: Codable, Sendable { var name, size: String }

    static func awards(_ c: Campaign) -> [Award] {
        c.awards.map { tier in
            switch tier.size {
            case .count(let n): Award(name: tier.name, size: "\(n) 名")
            case .perGroup(let n):
                Award(name: tier.name, size: "每个\(c.groups?.label ?? "分组") \(n) 名，共 \((c.groups?.values.count ?? 0) * n) 名")
            }
        } + c.organizationAwards.map { tier in
            if case .count(let n) = tier.size { Award(name: tier.name, size: "\(n) 个组织") } else { Award(name: tier.name, size: "") }
        }
    }
}
