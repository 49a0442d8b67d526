import Testing
@testable import RoadmapKit

/// Issue 20 point 5 (SPEC §11): `±days` only for a field that holds a date for the item's
/// kind, and only when both values are date strings — never for a number that looks like a year.
struct DateFieldDaysTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var old: String
        var new: String
        var field: String
        var days: Int?
        var testDescription: String { "\(field): \(old) → \(new)" }
    }

    static let cases: [Case] = [
        Case(old: "kind: release\ndate: 2026-06-15\n", new: "kind: release\ndate: 2026-07-30\n", field: "date", days: 45),
        Case(old: "kind: release\ndate: 2026-Q2\n", new: "kind: release\ndate: 2026-07\n", field: "date", days: 91),
        // The case: a string that reads as a year, then a number.
        Case(old: "kind: release\nversion: '4818'\n", new: "kind: release\nversion: 4819\n", field: "version", days: nil),
        Case(old: "kind: release\ndate: '4818'\n", new: "kind: release\ndate: 4819\n", field: "date", days: nil),
        Case(old: "kind: release\ndate: 2026\n", new: "kind: release\ndate: 2027\n", field: "date", days: nil),
        // Date strings in a field that is not a date for the kind.
        Case(old: "kind: release\nx-build: '2026'\n", new: "kind: release\nx-build: '2027'\n", field: "x-build", days: nil),
        Case(old: "kind: theme\ntitle: '2026-01'\n", new: "kind: theme\ntitle: '2026-02'\n", field: "title", days: nil),
        Case(old: "kind: release\nstart: 2026-01-01\n", new: "kind: release\nstart: 2026-01-11\n", field: "start", days: nil),
        // Dates of other kinds, and a waiver's until.
        Case(old: "kind: campaign\nlaunch: 2026-05-01\n", new: "kind: campaign\nlaunch: 2026-05-04\n", field: "launch", days: 3),
        Case(old: "kind: story\nend: 2026-05-04\n", new: "kind: story\nend: 2026-05-01\n", field: "end", days: -3),
        Case(old: "kind: story\nwaive:\n  launch-lag: {reason: r, until: 2026-05-01}\n",
             new: "kind: story\nwaive:\n  launch-lag: {reason: r, until: 2026-06-01}\n", field: "waive.launch-lag.until", days: 31),
        // Not an item: no schema, no dates.
        Case(old: "date: 2026-06-15\n", new: "date: 2026-07-30\n", field: "date", days: nil),
    ]

    @Test(arguments: cases)
    func daysOnlyForDateFieldsBetweenDateStrings(_ c: Case) throws {
        let old = try YAMLParser.parse(Array(c.old.utf8)).root.data
        let new = try YAMLParser.parse(Array(c.new.utf8)).root.data
        let change = try #require(FieldChange.changes(from: old, to: new).first { $0.field == c.field })
        #expect(change.days == c.days)
    }
}
