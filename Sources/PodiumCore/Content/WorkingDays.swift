/// Objection periods (公示期) count working days: Monday to Friday.
public enum WorkingDays {
    /// The last day of a period of `count` working days that starts on `start` (a weekend start
    /// moves to the next Monday).
    public static func end(start: CalendarDate, count: Int) -> CalendarDate {
        var day = start
        var counted = 0
        while true {
            if isWorkingDay(day) {
                counted += 1
                if counted >= count { return day }
            }
            day = CalendarDate(daysSinceEpoch: day.daysSinceEpoch + 1)
        }
    }

    /// Monday to Friday (1970-01-01 was a Thursday).
    public static func isWorkingDay(_ d: CalendarDate) -> Bool {
        let weekday = ((d.daysSinceEpoch % 7) + 7 + 3) % 7   // 0 = Monday
        return weekday < 5
    }
}
