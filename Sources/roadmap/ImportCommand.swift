import ArgumentParser
import Foundation
import RoadmapKit

extension ImportSource: ExpressibleByArgument {}

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Bring items in from a CSV file, a Jira CSV export or a GitHub Project's JSON, in one commit.",
        discussion: """
        Re-importing updates the items an earlier import made (found by x-source-key) with
        one-field edits, and reports items added, changed, unchanged, and gone from the source
        (never deleted). A bad row, an unknown status or an encoding error is reported with its
        file, line and column, and nothing is written. `roadmap import --init-map FILE` prints
        a commented starting map for a CSV file. See docs/import.md.
        """
    )

    enum Format: String, ExpressibleByArgument { case text, json }

    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp("The export to read.", valueName: "FILE")) var file: String?
    @Option(help: "The export's format: csv, jira or github.") var from: ImportSource?
    @Option(help: ArgumentHelp("A map (YAML): columns → fields, kinds, statuses, the key column.", valueName: "MAP.yaml")) var map: String?
    @Option(help: ArgumentHelp("Commit on a new proposal branch NAME instead of the current branch.", valueName: "NAME")) var propose: String?
    @Flag(help: "Print the plan and write nothing.") var dryRun = false
    @Option(help: ArgumentHelp("Print a starting map for this CSV file and exit.", valueName: "FILE")) var initMap: String?
    @Option(help: "text or json.") var format: Format = .text

    func validate() throws {
        if initMap != nil {
            if file != nil || from != nil || map != nil || propose != nil || dryRun {
                throw ValidationError("--init-map FILE takes no other file or option")
            }
            return
        }
        guard file != nil else { throw ValidationError("name the export to import: roadmap import FILE --from csv|jira|github") }
        guard from != nil else { throw ValidationError("say what the file is: --from csv, --from jira or --from github") }
        if propose != nil && dryRun { throw ValidationError("--dry-run writes nothing, so it takes no --propose") }
    }

    func run() throws {
        if let initMap {
            let path = initMap.hasPrefix("/") ? initMap : global.workingFolder + "/" + initMap
            guard let data = FileManager.default.contents(atPath: path) else {
                throw RoadmapError("cannot read '\(initMap)': no such file, or it is not readable")
            }
            do {
                Output.write(try ImportMapTemplate.make(csv: [UInt8](data), path: initMap))
            } catch {
                throw RoadmapError(error.description)
            }
            return
        }
        guard let file, let from else { return }
        let workspace = try global.workspace()
        let outcome: ImportOutcome
        do {
            outcome = try workspace.importItems(file: file, from: from, map: map, propose: propose, dryRun: dryRun, today: try global.todayDate())
        } catch let failure as ImportFailure {
            // Every problem as a compiler-style line, then the one error line (SPEC §10).
            for problem in failure.problems.dropLast() {
                FileHandle.standardError.write(Data("\(sanitizeForTerminal(problem.description))\n".utf8))
            }
            let last = failure.problems.last.map(\.description) ?? "the import failed"
            let count = failure.problems.count
            throw RoadmapError("\(last)\(count > 1 ? " (\(count) problems)" : ""); nothing was written")
        }
        switch format {
        case .text: Output.writeSanitized(ImportPlanRenderer.text(outcome, dryRun: dryRun))
        case .json: Output.write(ImportPlanRenderer.json(outcome, source: from, file: file, dryRun: dryRun))
        }
    }
}
