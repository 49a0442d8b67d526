// libFuzzer entry for the roadmap date parser (SPEC §5). Built by Fuzz/run.sh together with
// Sources/RoadmapKit/Model/RoadmapDate.swift alone (it depends on nothing else).
//
// For every input: parsing never traps; an accepted date is a non-empty interval of days in
// one of the five forms; a day prints back as itself; the calendar arithmetic round-trips
// at both ends; comparing two dates is consistent both ways.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    // Two dates in one input, split at the first NUL (or one date and itself).
    let split = bytes.firstIndex(of: 0) ?? bytes.count
    let left = String(decoding: bytes[..<split], as: UTF8.self)
    let right = split < bytes.count ? String(decoding: bytes[(split + 1)...], as: UTF8.self) : left
    _ = try? RoadmapDate.today(option: left)
    guard let a = RoadmapDate(left) else { return 0 }
    check(a)
    guard let b = RoadmapDate(right) else { return 0 }
    check(b)
    let ab = a.compare(b), ba = b.compare(a)
    switch (ab, ba) {
    case (.before, .after), (.after, .before), (.same, .same), (.cannotTell, .cannotTell): break
    default: preconditionFailure("compare is not symmetric: \(a) \(ab) \(b) but \(b) \(ba) \(a)")
    }
    precondition(a.definitelyBefore(b) == (ab == .before), "definitelyBefore disagrees with compare")
    precondition(a.days(since: b) == -b.days(since: a), "days(since:) is not antisymmetric")
    return 0
}

func check(_ date: RoadmapDate) {
    precondition(date.firstDay <= date.lastDay, "empty interval for \(date.text)")
    precondition([4, 7, 10].contains(date.text.utf8.count), "accepted an unexpected form: \(date.text)")
    precondition(date.contains(day: date.firstDay) && date.contains(day: date.lastDay), "interval misses its own ends")
    for day in [date.firstDay, date.lastDay] {
        let (y, m, d) = RoadmapDate.civil(fromDayNumber: day)
        precondition((1...12).contains(m) && d >= 1 && d <= RoadmapDate.daysIn(year: y, month: m), "civil date out of range")
        precondition(RoadmapDate.dayNumber(year: y, month: m, day: d) == day, "calendar round trip failed for day \(day)")
        let single = RoadmapDate(dayNumber: day)
        precondition(RoadmapDate(single.text)?.firstDay == day, "\(single.text) does not parse back to day \(day)")
    }
    switch date.precision {
    case .day:
        precondition(date.firstDay == date.lastDay, "a day spans more than one day")
        precondition(RoadmapDate(dayNumber: date.firstDay).text == date.text, "\(date.text) does not print back as itself")
    case .month: precondition((28...31).contains(date.lastDay - date.firstDay + 1), "month length")
    case .quarter: precondition((90...92).contains(date.lastDay - date.firstDay + 1), "quarter length")
    case .half: precondition((181...184).contains(date.lastDay - date.firstDay + 1), "half-year length")
    case .year: precondition((365...366).contains(date.lastDay - date.firstDay + 1), "year length")
    }
}
