/// An inline SVG line chart of cumulative likes, drawn at build time (no JavaScript). It holds
/// only numbers and dates, never content strings; names go in the HTML legend beside it.
enum GrowthChart {
    static let colors = ["#b3261e", "#0b5cad", "#1b7f3b", "#8a5a00", "#6b3fa0"]

    /// `series[i][w]` is series i's likes at week w (nil before it appears).
    static func svg(dates: [CalendarDate], series: [[Int?]]) -> String {
        // Drawn about as wide as a phone shows it (360 units in about 330 CSS px), so 14-unit text
        // stays above 12 CSS px there; the right margin holds each series' last value.
        let width = 360.0, height = 220.0
        let left = 54.0, right = 50.0, top = 12.0, bottom = 30.0
        let plotW = width - left - right, plotH = height - top - bottom
        let maxValue = max(1, series.flatMap { $0.compactMap { $0 } }.max() ?? 1)
        let step = niceStep(Double(maxValue) / 4)
        let yMax = max(step, (Double(maxValue) / step).rounded(.up) * step)
        func x(_ w: Int) -> Double { dates.count < 2 ? left + plotW / 2 : left + plotW * Double(w) / Double(dates.count - 1) }
        func y(_ v: Int) -> Double { top + plotH * (1 - Double(v) / yMax) }
        func f(_ d: Double) -> String { String(Int((d * 10).rounded())) .withDecimal }

        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-labelledby=\"chart-title\" class=\"chart\">"
        out += "<title id=\"chart-title\">前五名累计点赞增长</title>"
        var tick = 0.0
        while tick <= yMax + 0.5 {
            let ty = top + plotH * (1 - tick / yMax)
            out += "<line x1=\"\(f(left))\" y1=\"\(f(ty))\" x2=\"\(f(width - right))\" y2=\"\(f(ty))\" stroke=\"#d8dde3\" stroke-width=\"1\"/>"
            out += "<text x=\"\(f(left - 6))\" y=\"\(f(ty + 4))\" text-anchor=\"end\" font-size=\"14\" fill=\"#5b636d\">\(Format.integer(Int(tick)))</text>"
            tick += step
        }
        // Dates under the axis: at most five, the last one always, none crowding it.
        let labelEvery = max(1, (dates.count + 4) / 5)
        for (w, d) in dates.enumerated() where (w % labelEvery == 0 && dates.count - 1 - w >= labelEvery / 2 + 1) || w == dates.count - 1 {
            out += "<text x=\"\(f(x(w)))\" y=\"\(f(height - bottom + 20))\" text-anchor=\"middle\" font-size=\"14\" fill=\"#5b636d\">\(d.month)/\(d.day)</text>"
        }
        for (i, values) in series.enumerated() {
            let color = colors[i % colors.count]
            let points = values.enumerated().compactMap { w, v in v.map { "\(f(x(w))),\(f(y($0)))" } }
            guard !points.isEmpty else { continue }
            if points.count > 1 {
                out += "<polyline fill=\"none\" stroke=\"\(color)\" stroke-width=\"2.5\" stroke-linejoin=\"round\" points=\"\(points.joined(separator: " "))\"/>"
            }
            for p in points {
                let xy = p.split(separator: ",")
                out += "<circle cx=\"\(xy[0])\" cy=\"\(xy[1])\" r=\"3\" fill=\"\(color)\"/>"
            }
        }
        // Each series' last value beside its last point (phones cannot hover), kept 15 units apart.
        var labels = series.enumerated().compactMap { i, values in
            values.lastIndex { $0 != nil }.map { w in (i: i, w: w, value: values[w]!, y: y(values[w]!) + 5) }
        }.sorted { $0.y < $1.y }
        for k in labels.indices.dropFirst() where labels[k].y < labels[k - 1].y + 15 { labels[k].y = labels[k - 1].y + 15 }
        for k in labels.indices.reversed() where labels[k].y > height - bottom + 4 - Double(labels.count - 1 - k) * 15 {
            labels[k].y = height - bottom + 4 - Double(labels.count - 1 - k) * 15
        }
        for l in labels {
            out += "<text x=\"\(f(x(l.w) + 6))\" y=\"\(f(l.y))\" font-size=\"14\" fill=\"\(colors[l.i % colors.count])\">\(Format.integer(l.value))</text>"
        }
        return out + "</svg>"
    }

    /// 1, 2 or 5 times a power of ten, at least `raw`.
    static func niceStep(_ raw: Double) -> Double {
        guard raw > 1 else { return 1 }
        var power = 1.0
        while power * 10 <= raw { power *= 10 }
        for m in [1.0, 2.0, 5.0, 10.0] where m * power >= raw { return m * power }
        return 10 * power
    }
}

private extension String {
    /// "1234" (tenths) → "123.4".
    var withDecimal: String {
        let negative = hasPrefix("-")
        var digits = negative ? String(dropFirst()) : self
        while digits.count < 2 { digits = "0" + digits }
        let text = digits.dropLast() + "." + digits.suffix(1)
        return (negative ? "-" : "") + (text.hasSuffix(".0") ? String(text.dropLast(2)) : String(text))
    }
}
