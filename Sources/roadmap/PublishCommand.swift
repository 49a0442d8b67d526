import ArgumentParser
import Foundation
import RoadmapKit

struct PublishCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "publish",
        abstract: "Write a static site of the roadmap as an audience sees it.",
        discussion: """
        Publishes what HEAD holds: index.html (timeline and board), items/<id>.html per item, \
        roadmap.ics and roadmap.json, with no scripts and nothing loaded from the network, \
        stamped with the commit. Time is judged as of the commit's day (UTC) unless --today is \
        given, so publishing the same commit twice writes the same bytes. DIR is replaced as a \
        whole; a folder that exists must be empty or an earlier publish. Templates: \
        templates/publish/index.html.mustache and item.html.mustache, the repository's own \
        copies when it has them.
        """
    )

    @OptionGroup var global: GlobalOptions
    @Option(help: ArgumentHelp("Publish the roadmap as this audience sees it: public, stakeholders, key or team.", valueName: "AUDIENCE"))
    var audience: Audience
    @Option(name: .shortAndLong, help: ArgumentHelp("The folder to write the site to.", valueName: "DIR")) var output: String

    func run() throws {
        let workspace = try global.workspace()
        var view = try workspace.view(at: .current, committed: true, today: try global.todayDate())
        let todayGiven = global.today != nil || ProcessInfo.processInfo.environment["ROADMAP_TODAY"] != nil
        if !todayGiven, let date = view.commitDate {
            let day = RoadmapDate(dayNumber: Int((date.timeIntervalSince1970 / 86_400).rounded(.down)))
            view = RoadmapView(snapshot: view.snapshot, config: workspace.config, commit: view.commit, commitDate: view.commitDate, today: day)
        }
        view = workspace.audienceView(audience).filter(view)
        let files = try SitePublisher.site(view,
                                           indexTemplate: try workspace.exportTemplate("publish/index.html.mustache"),
                                           itemTemplate: try workspace.exportTemplate("publish/item.html.mustache"))
        let folder = output.hasPrefix("/") ? output : global.workingFolder + "/" + output
        try SiteWriter.write(files, to: folder, marker: "\(view.commit?.hex ?? "no commit") \(audience.rawValue)\n", shownAs: output)
        Output.note("roadmap: published \(files.count) files for the \(audience.rawValue) audience, from \(view.stampText), to \(output)")
    }
}

/// Writes a site as a whole: into a sibling folder first, then swapped in, so a failure leaves
/// DIR as it was and a reader never sees half a site.
enum SiteWriter {
    /// The file that marks a folder as written by `roadmap publish` (so it may be replaced).
    static let markerName = ".roadmap-publish"

    static func write(_ files: [String: [UInt8]], to folder: String, marker: String, shownAs: String) throws {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        let exists = manager.fileExists(atPath: folder, isDirectory: &isDirectory)
        if exists {
            guard isDirectory.boolValue else { throw RoadmapError("\(shownAs) exists and is not a folder; choose another -o") }
            let contents = (try? manager.contentsOfDirectory(atPath: folder)) ?? []
            guard contents.isEmpty || contents.contains(markerName) else {
                throw RoadmapError("\(shownAs) holds files that roadmap publish did not write; choose an empty or new folder")
            }
        }
        let staging = folder + ".roadmap-tmp"
        let old = folder + ".roadmap-old"
        try? manager.removeItem(atPath: staging)
        try? manager.removeItem(atPath: old)
        do {
            for (path, bytes) in files.sorted(by: { $0.key < $1.key }) + [(markerName, Array(marker.utf8))] {
                let url = URL(fileURLWithPath: staging + "/" + path)
                try manager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(bytes).write(to: url)
            }
            if exists { try manager.moveItem(atPath: folder, toPath: old) }
            do {
                try manager.moveItem(atPath: staging, toPath: folder)
            } catch {
                if exists { try? manager.moveItem(atPath: old, toPath: folder) }
                throw error
            }
            try? manager.removeItem(atPath: old)
        } catch {
            try? manager.removeItem(atPath: staging)
            throw RoadmapError("cannot write the site to \(shownAs): \(error.localizedDescription)")
        }
    }
}
