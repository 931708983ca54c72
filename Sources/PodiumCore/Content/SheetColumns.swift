import Foundation

/// The columns a spreadsheet export may name (contract §13), each declared once: the field of
/// entries.json (§4) or of a weekly snapshot (§6) it fills, the Chinese names it may go by, and
/// how its cells become that field's value.
struct SheetColumn: Sendable {
    enum Kind: Sendable {
        /// Text as written.
        case text
        /// A number as JSON writes it (exact decimal).
        case number
        /// Several values in one cell, separated by `、`, `;` or `；`.
        case list
        /// One judge's score: `expertScores` in one cell as a list, or one column per judge
        /// (`评委1`…`评委N`, `专家评分1`…, `expertScores1`…).
        case scores
        /// A time as written by the contract, or as spreadsheets write one (`2024/8/5 9:30`).
        case time
        /// Text with Chinese values for the English ones (`已发布` → `published`).
        case choice([String: String])
    }

    let field: String
    let names: [String]
    let kind: Kind
    /// A value every row must have (an empty cell is an error, not an absent field).
    var required = false

    /// The headers that name it: the field's own name, then its Chinese names.
    var headers: [String] { [field] + names }
}

enum SheetColumns {
    /// entries.csv: the fields of §4, in its order. Names beyond §13's list are marked "extension".
    static let entries: [SheetColumn] = [
        SheetColumn(field: "id", names: ["编号", "作品编号"], kind: .text, required: true),
        SheetColumn(field: "title", names: ["作品名称", "标题"], kind: .text, required: true),
        SheetColumn(field: "author", names: ["作者", "姓名"], kind: .text),
        SheetColumn(field: "phone", names: ["手机", "手机号"], kind: .text),
        SheetColumn(field: "person", names: [], kind: .text),
        SheetColumn(field: "kind", names: ["报送主体"], kind: .choice(["个人": "individual", "单位": "unit"])),   // extension
        SheetColumn(field: "union", names: ["所属工会", "工会"], kind: .text),
        SheetColumn(field: "region", names: ["地区", "城市"], kind: .text),
        SheetColumn(field: "division", names: ["赛区", "省份"], kind: .text),
        SheetColumn(field: "organizations", names: ["组织"], kind: .list),
        SheetColumn(field: "group", names: ["类型", "组别"], kind: .text),
        SheetColumn(field: "category", names: ["类别"], kind: .text),
        SheetColumn(field: "submitted", names: ["报送时间", "提交时间"], kind: .time),
        SheetColumn(field: "status", names: ["状态"], kind: .choice(["已发布": "published", "待审核": "pending", "未通过": "rejected"])),
        SheetColumn(field: "durationSeconds", names: ["时长(秒)"], kind: .number),
        SheetColumn(field: "videoMB", names: ["视频大小(MB)"], kind: .number),
        SheetColumn(field: "textChars", names: ["字数"], kind: .number),   // extension
        SheetColumn(field: "images", names: ["图片"], kind: .list),   // extension
        SheetColumn(field: "cover", names: ["封面"], kind: .text),   // extension
        SheetColumn(field: "video", names: ["视频链接"], kind: .text),   // extension
        SheetColumn(field: "likes", names: ["点赞", "点赞数"], kind: .number),
        SheetColumn(field: "views", names: ["浏览", "浏览量"], kind: .number),
        SheetColumn(field: "favorites", names: ["收藏"], kind: .number),
        SheetColumn(field: "expertScores", names: [], kind: .scores),
        SheetColumn(field: "badges", names: ["标签", "荣誉"], kind: .list),
        SheetColumn(field: "summary", names: ["简介"], kind: .text),   // extension
    ]

    /// weeks/<date>.csv: the fields of §6, named as in entries.csv; a week must give likes. The
    /// other columns of entries.csv may be present (a weekly export of the same sheet) and are not read.
    static let weeks: [SheetColumn] = ["id", "likes", "views"].map { field in
        var column = entries.first { $0.field == field }!
        column.required = field != "views"
        return column
    }

    /// Headers of one column per judge: a prefix and the judge's number.
    static let judgePrefixes = ["评委", "专家评分", "expertScores"]

    /// A header as written, compared without surrounding spaces and with full-width brackets
    /// read as ASCII ones (`时长（秒）` is `时长(秒)`).
    static func normalized(_ header: String) -> String {
        var text = header.trimmingCharacters(in: .whitespaces)
        text = text.replacingOccurrences(of: "（", with: "(").replacingOccurrences(of: "）", with: ")")
        return text
    }

    /// The judge's number of a per-judge header (`评委3` → 3).
    static func judge(_ header: String) -> Int? {
        for prefix in judgePrefixes where header.hasPrefix(prefix) {
            let rest = header.dropFirst(prefix.count).trimmingCharacters(in: .whitespaces)
            if let n = Int(rest), n >= 1, n <= 1000, rest.allSatisfy(\.isASCII) { return n }
        }
        return nil
    }
}
