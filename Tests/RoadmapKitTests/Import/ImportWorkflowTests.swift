import Foundation
import Testing
@testable import RoadmapKit

/// `roadmap import` against real repositories, with the hand-written fixtures in
/// Tests/Data/import:
/// - jira-export.csv follows Jira Cloud's "Export issues → CSV (all fields)": one column per
///   field, repeated `Fix Version/s` and `Labels` columns (one per value), custom fields written
///   `Custom field (Epic Link)`, `Parent` holding the parent's numeric Issue id, dates in the
///   default `dd/MMM/yy h:mm a` style and ISO for Target start / Target end, CRLF records and a
///   multi-line quoted Description (Atlassian support: "Export Jira issues to CSV").
/// - github-project.json follows `gh project item-list --format json` as the GitHub CLI writes
///   it (cli/cli pkg/cmd/project/shared/format/json.go): `items` with `id`, `content` (Issue,
///   PullRequest, DraftIssue), and the project's fields by lower-cased name, an iteration as
///   `{title, startDate, duration}` and a milestone as `{title, description, dueOn}`.
/// - libreoffice.csv is LibreOffice Calc's "Text CSV" with field delimiter `;` and "UTF-8 with
///   BOM", a quoted cell holding a line break and doubled quotes.
@Suite("Import: from exports to commits")
struct ImportWorkflowTests {
    static let data = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Data/import").path

    static func fixture(_ name: String) throws -> String {
        try String(contentsOfFile: data + "/" + name, encoding: .utf8)
    }

    /// A repository with an initial commit holding roadmap.yaml and one hand-made release.
    func repository() throws -> GitFixture {
        let fixture = try GitFixture()
        try fixture.write("roadmap.yaml", "root: roadmap\n")
        try fixture.write("roadmap/releases/existing.yaml", "kind: release\ntitle: Existing\nstatus: proposed\n")
        try fixture.commitAll("start")
        return fixture
    }

    func importFile(_ fixture: GitFixture, _ file: String, from source: ImportSource, map: String? = nil,
                    propose: String? = nil, dryRun: Bool = false) throws -> ImportOutcome {
        try fixture.workspace().importItems(file: file, from: source, map: map, propose: propose, dryRun: dryRun,
                                            today: RoadmapDate("2027-01-15")!)
    }

    func copy(_ name: String, to fixture: GitFixture, as target: String? = nil) throws {
        try FileManager.default.copyItem(atPath: Self.data + "/" + name, toPath: fixture.path + "/" + (target ?? name))
    }

    @Test func aJiraExportBecomesItemsReleasesAndLinksInOneCommit() throws {
        let fixture = try repository()
        try copy("jira-export.csv", to: fixture)
        let outcome = try importFile(fixture, "jira-export.csv", from: .jira)
        #expect(outcome.plan.count(.added) == 11, "8 issues and 3 fix versions")
        #expect(try fixture.git("rev-list", "--count", "HEAD").trimmingCharacters(in: .whitespacesAndNewlines) == "2")
        #expect(try fixture.git("status", "--porcelain", "roadmap").isEmpty, "the working tree and index hold the commit")
        _ = try fixture.git("fsck", "--strict")

        let story = try fixture.read("roadmap/stories/invoice-pdfs.yaml")
        #expect(story.contains("epic: billing-v2\n"))
        #expect(story.contains("release: \"2.0\"\n") || story.contains("release: '2.0'\n"), "\(story)")
        #expect(story.contains("end: 2027-04-15\n"), "Due Date 15/Apr/27 12:00 AM")
        #expect(story.contains("x-source-key: LUM-2\n"))
        #expect(story.contains("the \"Download\" button"), "the multi-line description with its quotes")
        let epic = try fixture.read("roadmap/epics/billing-v2.yaml")
        #expect(epic.contains("status: in-progress\n") && epic.contains("start: 2027-02-01\n") && epic.contains("end: 2027-04-15\n"))
        #expect(epic.contains("tags: [billing, q2]") || epic.contains("- billing\n  - q2"), "\(epic)")
        // A sub-task (parent: a story's Issue id) links to its story's epic.
        #expect(try fixture.read("roadmap/stories/write-the-tax-table.yaml").contains("epic: billing-v2\n"))
        #expect(try fixture.read("roadmap/stories/crash-on-resume-upload.yaml").contains("owner: José Álvarez\n"))
        #expect(try fixture.read("roadmap/stories/dunning-e-mails.yaml").contains("status: cancelled\n"))
        let releases = try FileManager.default.contentsOfDirectory(atPath: fixture.path + "/roadmap/releases").sorted()
        #expect(releases == ["2.0.yaml", "2.1.yaml", "3.0.yaml", "existing.yaml"])
        #expect(outcome.plan.notes.contains { $0.contains("LUM-2 is in 2 releases") })

        // Review's structural rules pass on every imported file.
        let review = try fixture.workspace().review(.worktree, today: RoadmapDate("2027-01-15")!)
        #expect(review.result.findings.filter { $0.finding.severity == .error }.isEmpty, "\(review.result.findings.map(\.finding.message))")
    }

    @Test func reimportingChangesNothingAndAnEditedCellIsAOneLineDiff() throws {
        let fixture = try repository()
        try copy("jira-export.csv", to: fixture)
        _ = try importFile(fixture, "jira-export.csv", from: .jira)
        // A hand edit: a comment and a field of the team's own survive the next imports.
        let path = "roadmap/stories/invoice-pdfs.yaml"
        try fixture.write(path, "# Reviewed with finance on 2027-01-10.\n" + (try fixture.read(path)) + "x-finance: approved\n")
        try fixture.commitAll("hand edit")
        let tip = try fixture.rev("HEAD")

        let again = try importFile(fixture, "jira-export.csv", from: .jira)
        #expect(again.commit == nil)
        #expect(again.plan.count(.unchanged) == 11 && again.plan.count(.changed) == 0)
        #expect(try fixture.rev("HEAD") == tip)

        // One cell edited in the export: LUM-2's Status To Do → In Progress.
        var text = try Self.fixture("jira-export.csv")
        text = text.replacingOccurrences(of: "Invoice PDFs,LUM-2,10002,Story,To Do,", with: "Invoice PDFs,LUM-2,10002,Story,In Progress,")
        try text.write(toFile: fixture.path + "/jira-export.csv", atomically: true, encoding: .utf8)
        let third = try importFile(fixture, "jira-export.csv", from: .jira)
        #expect(third.plan.count(.changed) == 1)
        let diff = try fixture.git("diff", "--unified=0", "HEAD~1", "HEAD")
        let changed = diff.split(separator: "\n").filter { ($0.hasPrefix("+") || $0.hasPrefix("-")) && !$0.hasPrefix("+++") && !$0.hasPrefix("---") }
        #expect(changed == ["-status: planned", "+status: in-progress"], "\(diff)")
        #expect(try fixture.read(path).hasPrefix("# Reviewed with finance"))
        #expect(try fixture.read(path).contains("x-finance: approved"))
    }

    @Test func itemsGoneFromTheSourceAreReportedAndKept() throws {
        let fixture = try repository()
        try copy("jira-export.csv", to: fixture)
        _ = try importFile(fixture, "jira-export.csv", from: .jira)
        let lines = try Self.fixture("jira-export.csv").components(separatedBy: "\r\n").filter { !$0.hasPrefix("Dunning e-mails,") }
        try lines.joined(separator: "\r\n").write(toFile: fixture.path + "/jira-export.csv", atomically: true, encoding: .utf8)
        let outcome = try importFile(fixture, "jira-export.csv", from: .jira)
        #expect(outcome.plan.vanished.map(\.key) == ["LUM-5"])
        #expect(FileManager.default.fileExists(atPath: fixture.path + "/roadmap/stories/dunning-e-mails.yaml"))
    }

    @Test func aGitHubProjectBecomesItemsKeyedByURLOrDraftID() throws {
        let fixture = try repository()
        try copy("github-project.json", to: fixture)
        let outcome = try importFile(fixture, "github-project.json", from: .github)
        #expect(outcome.commit != nil)
        let epic = try fixture.read("roadmap/epics/billing-v2.yaml")
        #expect(epic.contains("x-source-key: https://github.com/lumen-app/lumen/issues/41\n"))
        #expect(epic.contains("owner: \"@mlopez\"\n") || epic.contains("owner: '@mlopez'\n"), "\(epic)")
        #expect(epic.contains("release: iteration-5\n") && epic.contains("start: 2027-02-01\n") && epic.contains("end: 2027-03-14\n"))
        // The iteration is a release ending on its last day; the milestone on its due day.
        #expect(try fixture.read("roadmap/releases/iteration-5.yaml").contains("date: 2027-03-14\n"))
        #expect(try fixture.read("roadmap/releases/onboarding-ga.yaml").contains("date: 2027-06-30\n"))
        let draft = try fixture.read("roadmap/stories/guided-setup-checklist.yaml")
        #expect(draft.contains("x-source-key: PVTI_lADOCa1b2c4AbCdEzgXyZ03\n") && draft.contains("status: proposed\n"))
        #expect(try fixture.read("roadmap/stories/invoice-pdfs.yaml").contains("x-source-key: https://github.com/lumen-app/lumen/pull/57\n"))
        #expect(try importFile(fixture, "github-project.json", from: .github).commit == nil, "idempotent")
    }

    @Test func aLibreOfficeSheetWithAMapImports() throws {
        let fixture = try repository()
        try copy("libreoffice.csv", to: fixture)
        try copy("libreoffice-map.yaml", to: fixture)
        let outcome = try importFile(fixture, "libreoffice.csv", from: .csv, map: "libreoffice-map.yaml")
        #expect(outcome.plan.count(.added) == 6, "4 rows and 2 releases")
        let theme = try fixture.read("roadmap/themes/mobile-app.yaml")
        #expect(theme.contains("status: active\n") && theme.contains("start: 2027-01\n"))
        let epic = try fixture.read("roadmap/epics/offline-mode.yaml")
        #expect(epic.contains("tags: [mobile, sync]") || epic.contains("- sync"), "\(epic)")
        #expect(epic.contains("Works on a plane; syncs on landing.\n  Conflicts are shown, never lost."), "\(epic)")
        #expect(try fixture.read("roadmap/epics/push-smart-notifications.yaml").contains("title: Push \"smart\" notifications\n"))
    }

    @Test func aDryRunAndAProposalLeaveTheBranchAndWorkingTreeAlone() throws {
        let fixture = try repository()
        try copy("jira-export.csv", to: fixture)
        let tip = try fixture.rev("HEAD")
        let dry = try importFile(fixture, "jira-export.csv", from: .jira, dryRun: true)
        #expect(dry.commit == nil && dry.plan.count(.added) == 11)
        let proposal = try importFile(fixture, "jira-export.csv", from: .jira, propose: "jira-import")
        #expect(proposal.branch == "proposal/jira-import")
        #expect(try fixture.rev("HEAD") == tip)
        #expect(try fixture.git("status", "--porcelain") == "?? jira-export.csv\n")
        let files = try fixture.git("ls-tree", "-r", "--name-only", "proposal/jira-import", "roadmap/stories")
        #expect(files.contains("roadmap/stories/invoice-pdfs.yaml"))
    }

    // MARK: Bad input: nothing is written

    func expectNothingWritten(_ fixture: GitFixture, tip: String, _ body: () throws -> Void) throws -> ImportFailure? {
        var failure: ImportFailure?
        do {
            try body()
        } catch let error as ImportFailure {
            failure = error
        } catch {
            Issue.record("expected an ImportFailure, got \(error)")
        }
        #expect(try fixture.rev("HEAD") == tip)
        #expect(try fixture.git("status", "--porcelain", "roadmap").isEmpty)
        return failure
    }

    @Test func aTruncatedExportIsRefusedAtTheCutCell() throws {
        let fixture = try repository()
        let text = try Self.fixture("jira-export.csv")
        // Cut inside LUM-2's multi-line Description, as an interrupted download would.
        let cut = text.range(of: "Acceptance:")!.lowerBound
        try String(text[..<cut]).write(toFile: fixture.path + "/cut.csv", atomically: true, encoding: .utf8)
        let tip = try fixture.rev("HEAD")
        let failure = try expectNothingWritten(fixture, tip: tip) { _ = try importFile(fixture, "cut.csv", from: .jira) }
        #expect(failure?.problems.first?.location == SourceLocation(line: 3, column: 154), "\(String(describing: failure?.problems))")
        #expect(failure?.problems.first?.message.contains("never closed") == true)
    }

    @Test func badUTF8AnUnknownStatusADuplicateKeyAndAMissingColumnAreRefused() throws {
        let fixture = try repository()
        let tip = try fixture.rev("HEAD")
        var bytes = Array("Summary,Issue key,Issue Type,Status\nCaf".utf8) + [0xE9] + Array(",LUM-1,Story,To Do\n".utf8)
        _ = FileManager.default.createFile(atPath: fixture.path + "/latin1.csv", contents: Data(bytes))
        let encoding = try expectNothingWritten(fixture, tip: tip) { _ = try importFile(fixture, "latin1.csv", from: .jira) }
        #expect(encoding?.problems.first?.description.hasPrefix("latin1.csv:2:4: invalid UTF-8") == true, "\(String(describing: encoding?.problems))")

        bytes = Array("Summary,Issue key,Issue Type,Status\nA,LUM-1,Story,Parked\nB,LUM-1,Story,Done\nC,LUM-3,Saga,Done\n".utf8)
        _ = FileManager.default.createFile(atPath: fixture.path + "/bad.csv", contents: Data(bytes))
        let rows = try expectNothingWritten(fixture, tip: tip) { _ = try importFile(fixture, "bad.csv", from: .jira) }
        let messages = rows?.problems.map(\.description) ?? []
        #expect(messages.contains { $0.hasPrefix("bad.csv:2:15: unknown status 'Parked'") }, "\(messages)")
        #expect(messages.contains { $0.hasPrefix("bad.csv:3:3: duplicate key 'LUM-1'") }, "\(messages)")
        #expect(messages.contains { $0.hasPrefix("bad.csv:4:9: unknown type 'Saga'") }, "\(messages)")

        try copy("libreoffice.csv", to: fixture)
        try fixture.write("bad-map.yaml", "key: ID\ncolumns:\n  Title: title\n  Parent: parent\ndefault-kind: story\n")
        let map = try expectNothingWritten(fixture, tip: tip) { _ = try importFile(fixture, "libreoffice.csv", from: .csv, map: "bad-map.yaml") }
        #expect(map?.problems.first?.description.hasPrefix("bad-map.yaml:4:3: column 'Parent' is not in libreoffice.csv") == true,
                "\(String(describing: map?.problems))")
    }

    @Test func anUncommittedChangeToAFileTheImportWritesRefusesIt() throws {
        let fixture = try repository()
        try copy("jira-export.csv", to: fixture)
        _ = try importFile(fixture, "jira-export.csv", from: .jira)
        let path = "roadmap/stories/invoice-pdfs.yaml"
        try fixture.write(path, (try fixture.read(path)) + "x-draft: yes\n")
        var text = try Self.fixture("jira-export.csv")
        text = text.replacingOccurrences(of: "Invoice PDFs,LUM-2,10002,Story,To Do,", with: "Invoice PDFs,LUM-2,10002,Story,Done,")
        try text.write(toFile: fixture.path + "/jira-export.csv", atomically: true, encoding: .utf8)
        let tip = try fixture.rev("HEAD")
        #expect(throws: RoadmapError.self) { _ = try importFile(fixture, "jira-export.csv", from: .jira) }
        #expect(try fixture.rev("HEAD") == tip)
        #expect(try fixture.read(path).hasSuffix("x-draft: yes\n"))
    }
}
