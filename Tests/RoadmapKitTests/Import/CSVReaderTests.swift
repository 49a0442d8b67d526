import Foundation
import Testing
@testable import RoadmapKit

/// The CSV reader against RFC 4180 and the files spreadsheets and Jira write.
@Suite("Import: CSV reader")
struct CSVReaderTests {
    func read(_ text: String, delimiter: Character? = nil) throws -> CSVTable {
        try CSVReader.read(Array(text.utf8), path: "in.csv", delimiter: delimiter)
    }

    func failure(_ bytes: [UInt8]) -> ImportInputError? {
        do {
            _ = try CSVReader.read(bytes, path: "in.csv")
            return nil
        } catch {
            return error
        }
    }

    @Test func quotedCellsDoubledQuotesAndLineBreaksInsideCells() throws {
        let table = try read("a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\"one\r\ntwo\"\r\nplain,,last\r\n")
        #expect(table.header == ["a", "b", "c"])
        #expect(table.rows.map(\.cells) == [["x, y", "say \"hi\"", "one\ntwo"], ["plain", "", "last"]])
        // The record after a two-line cell starts on line 4.
        #expect(table.rows[1].line == 4)
        #expect(table.rows[0].locations[1] == SourceLocation(line: 2, column: 8))
    }

    @Test func aByteOrderMarkAndSemicolonsAreFoundWithoutBeingTold() throws {
        let table = try CSVReader.read([0xEF, 0xBB, 0xBF] + Array("ID;Title\nR-1;Café, bar\n".utf8), path: "in.csv")
        #expect(table.delimiter == ";")
        #expect(table.header == ["ID", "Title"])
        #expect(table.rows[0].cells == ["R-1", "Café, bar"])
    }

    @Test func aGivenDelimiterWinsAndRepeatedHeadersStayInOrder() throws {
        let table = try read("Labels;Labels,x;Labels\na;b,c;d\n", delimiter: ";")
        #expect(table.header == ["Labels", "Labels,x", "Labels"])
        #expect(table.rows[0].cells == ["a", "b,c", "d"])
    }

    @Test func aFileWithoutAFinalLineBreakAndBlankLinesReadsTheSame() throws {
        #expect(try read("a,b\n1,2").rows.map(\.cells) == [["1", "2"]])
        #expect(try read("a,b\n1,2\n\n3,4\n\n").rows.map(\.cells) == [["1", "2"], ["3", "4"]])
    }

    @Test(arguments: [
        ("a,b\n1,x\"y\n", 2, 4, "quote inside an unquoted cell"),
        ("a,b\n\"1\"x,2\n", 2, 4, "text after the closing quote"),
        ("a,b\n1,\"open\nand cut", 2, 3, "never closed"),
        ("a,b,c\n1,2,3\n4,5\n", 3, 3, "truncated"),
        ("a,b\n1,2,3\n", 2, 5, "3 cells and the header has 2"),
    ])
    func malformedInputIsNamedByLineAndColumn(text: String, line: Int, column: Int, message: String) {
        let error = failure(Array(text.utf8))
        #expect(error?.location == SourceLocation(line: line, column: column), "\(String(describing: error))")
        #expect(error?.message.contains(message) == true, "\(String(describing: error))")
    }

    @Test func invalidUTF8IsAnErrorAtItsPosition() {
        // "Crème" saved as Windows-1252: è is the single byte 0xE8.
        let bytes = Array("a,b\n1,Cr".utf8) + [0xE8] + Array("me\n".utf8)
        let error = failure(bytes)
        #expect(error?.location == SourceLocation(line: 2, column: 5))
        #expect(error?.message.contains("invalid UTF-8") == true)
        #expect(failure([0xEF, 0xBB, 0xBF] + Array("a\n".utf8) + [0xED, 0xA0, 0x80]) != nil, "an encoded surrogate is refused")
    }

    @Test(arguments: [
        ("15/Apr/27 12:00 AM", "2027-04-15"), ("1/Jun/27 5:30 PM", "2027-06-01"), ("03/Jan/2027", "2027-01-03"),
        ("2027-04-15", "2027-04-15"), ("2027-04-15T09:30:00.000+0200", "2027-04-15"), ("2027-Q2", "2027-Q2"),
    ])
    func bothJiraDateStylesAndISODaysAreRead(raw: String, day: String) {
        #expect(ImportDate.parse(raw) == day)
    }

    @Test func impossibleDatesAreNotDates() {
        #expect(ImportDate.parse("30/Feb/27") == nil)
        #expect(ImportDate.parse("15/Foo/27") == nil)
        #expect(ImportDate.parse("next week") == nil)
    }

    @Test func slugsAreValidIdsMadeUnique() {
        #expect(Slug.make("Crash on résumé upload", fallback: "story") == "crash-on-resume-upload")
        #expect(Slug.make("Push \"smart\" notifications!", fallback: "story") == "push-smart-notifications")
        #expect(Slug.make("日本語", fallback: "story") == "story")
        #expect(ItemID.isValid(Slug.make(String(repeating: "very long words ", count: 10), fallback: "story")))
        var taken: Set<String> = ["billing", "billing-2"]
        #expect(Slug.unique("billing", taken: &taken) == "billing-3")
    }
}
