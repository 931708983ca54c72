/// A work's or document's title in book-title marks, as GB/T 15834 writes it: a title already
/// inside 《》 is not wrapped again, and 《》 inside a title become 〈〉 (「《〈奋斗的青春〉诵读》」,
/// never 「《《奋斗的青春》诵读》」). Used wherever a page quotes a title (certificates, the 公示, the
/// verification index).
enum BookTitle {
    static func quoted(_ title: String) -> String {
        let t = title.trimmingCharacters(in: .whitespaces)
        // Already one title in marks: 《…》 whose first closing mark is its last character.
        if t.hasPrefix("《"), t.hasSuffix("》"), t.firstIndex(of: "》") == t.index(before: t.endIndex) { return t }
        return "《" + String(t.map { $0 == "《" ? "〈" : $0 == "》" ? "〉" : $0 }) + "》"
    }
}
