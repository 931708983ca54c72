/// A document number (文号) such as 冀工字〔2021〕3号: issuer code, year and serial number.
/// Brackets typed as [ ], 【】, ( ), （ ）or ［ ］ are normalized to the official 〔〕.
public struct DocumentNumber: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let issuerCode: String
    public let year: Int
    public let number: Int

    static let openers: Set<Character> = ["〔", "[", "【", "(", "（", "［", "〖"]
    static let closers: Set<Character> = ["〕", "]", "】", ")", "）", "］", "〗"]

    /// nil when the text is not of the form CODE〔YEAR〕N号.
    public init?(_ raw: String) {
        let text = raw.filter { !$0.isWhitespace }
        guard let open = text.firstIndex(where: { Self.openers.contains($0) }),
              let close = text[open...].firstIndex(where: { Self.closers.contains($0) }) else { return nil }
        let code = String(text[..<open])
        let yearText = text[text.index(after: open)..<close]
        var rest = text[text.index(after: close)...]
        if rest.hasSuffix("号") { rest = rest.dropLast() }
        guard !code.isEmpty, yearText.count == 4, let year = Int(yearText), let number = Int(rest), number > 0 else { return nil }
        issuerCode = code
        self.year = year
        self.number = number
    }

    /// The official form: 冀工字〔2021〕3号.
    public var description: String { "\(issuerCode)〔\(year)〕\(number)号" }

    /// Issuer code, then year, then number as a number (3号 before 10号).
    public static func < (a: DocumentNumber, b: DocumentNumber) -> Bool {
        if a.issuerCode != b.issuerCode { return a.issuerCode.precedesInCodePoints(b.issuerCode) }
        return a.year != b.year ? a.year < b.year : a.number < b.number
    }

    /// Words a search matches: the code, the year, the number (`冀工字 2021 3`).
    public var searchTerms: [String] { [issuerCode, String(year), String(number)] }
}
