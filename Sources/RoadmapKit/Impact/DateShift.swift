extension RoadmapDate {
    /// The date moved by `days` (SPEC §14 `impact`): a day moves exactly; a coarse date keeps
    /// its precision and becomes the period holding its last day moved by `days`, so that an
    /// end never lands earlier than the move asks (`2027-02` by +30 days is `2027-03`; by +10
    /// days, `2027-03` too: it may have ended on the 28th).
    public func shifted(by days: Int) -> RoadmapDate {
        guard days != 0 else { return self }
        if precision == .day { return RoadmapDate(dayNumber: firstDay + days) }
        let (year, month, _) = RoadmapDate.civil(fromDayNumber: lastDay + days)
        let y = RoadmapDate.format(year: year, month: 1, day: 1).prefix(4)
        let text: String
        switch precision {
        case .month: text = "\(y)-\(month < 10 ? "0" : "")\(month)"
        case .quarter: text = "\(y)-Q\((month - 1) / 3 + 1)"
        case .half: text = "\(y)-H\(month <= 6 ? 1 : 2)"
        case .year, .day: text = String(y)
        }
        return RoadmapDate(text) ?? RoadmapDate(dayNumber: lastDay + days)
    }
}
