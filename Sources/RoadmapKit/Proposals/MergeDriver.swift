import Foundation
import GitKit

/// The git merge driver for item files (`roadmap merge-driver %O %A %B %P`), so a plain
/// `git merge` merges items field by field like `roadmap accept`.
public enum MergeDriver {
    public static let name = "roadmap"

    /// Merges the files git hands a driver: `base` (%O), `ours` (%A, also where the result
    /// goes), `theirs` (%B), for the item at `path` (%P). Returns the conflicts; with none,
    /// `ours` holds the merged file. With conflicts, `ours` gets both versions between
    /// conflict markers, as git's own merge leaves a file.
    public static func run(base: String, ours: String, theirs: String, path: String) throws -> [MergeConflict] {
        func read(_ file: String) throws -> [UInt8] {
            guard let data = FileManager.default.contents(atPath: file) else {
                throw RoadmapError("merge-driver: cannot read \(file)")
            }
            return [UInt8](data)
        }
        let baseBytes = try read(base), oursBytes = try read(ours), theirsBytes = try read(theirs)
        let result = ItemMerge.merge(base: baseBytes.isEmpty ? nil : baseBytes, ours: oursBytes, theirs: theirsBytes,
                                     id: ItemID.fromPath(path), path: path)
        var output: [UInt8]
        if let bytes = result.bytes {
            output = bytes
        } else {
            func terminated(_ b: [UInt8]) -> [UInt8] { b.last == 0x0A || b.isEmpty ? b : b + [0x0A] }
            output = Array("<<<<<<< ours\n".utf8) + terminated(oursBytes) + Array("=======\n".utf8)
                + terminated(theirsBytes) + Array(">>>>>>> theirs\n".utf8)
        }
        do {
            try Data(output).write(to: URL(fileURLWithPath: ours))
        } catch {
            throw RoadmapError("merge-driver: cannot write \(ours): \(error.localizedDescription)")
        }
        return result.conflicts
    }
}

/// Whether the merge driver is set up in a clone.
public struct MergeDriverState: Sendable {
    /// `merge.roadmap.driver` in the repository's configuration.
    public var driver: String?
    /// The `.gitattributes` lines asking for it are present (working tree).
    public var attributes: Bool

    public var installed: Bool { driver != nil && attributes }

    public var summary: String {
        switch (driver != nil, attributes) {
        case (true, true): return "installed (\(driver ?? ""))"
        case (false, true): return "missing: .gitattributes asks for merge=roadmap but this clone has no merge.roadmap.driver; run 'roadmap hooks install'"
        case (true, false): return "incomplete: merge.roadmap.driver is set but .gitattributes does not use it; run 'roadmap hooks install'"
        case (false, false): return "missing; run 'roadmap hooks install'"
        }
    }
}

extension Workspace {
    /// The `.gitattributes` lines for the items root.
    var mergeAttributeLines: [String] {
        let prefix = root.isEmpty ? "" : root + "/"
        return ["\(prefix)**/*.yaml merge=\(MergeDriver.name)", "\(prefix)**/*.yml merge=\(MergeDriver.name)"]
    }

    func gitattributesPath() throws -> String {
        try workingDirectory(for: "hooks") + "/.gitattributes"
    }

    public func mergeDriverState() throws -> MergeDriverState {
        let repository = self.repository
        let driver = try git("reading merge.roadmap.driver") { try repository.configString("merge.\(MergeDriver.name).driver") }
        var attributes = false
        if repository.workingDirectory != nil, let text = try? String(contentsOfFile: try gitattributesPath(), encoding: .utf8) {
            let lines = Set(text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) })
            attributes = mergeAttributeLines.allSatisfy(lines.contains)
        }
        return MergeDriverState(driver: driver, attributes: attributes)
    }

    /// Registers the driver: `merge.roadmap.driver` / `.name` in `.git/config`, and the
    /// attribute lines in `.gitattributes` (appended when missing; commit that file so
    /// that clones ask for the driver too).
    @discardableResult
    public func installMergeDriver(executable: String) throws -> MergeDriverState {
        let repository = self.repository
        let command = "\(Self.shellQuoted(executable)) merge-driver %O %A %B %P"
        try git("writing merge.roadmap.driver") {
            try repository.setConfigString("merge.\(MergeDriver.name).name", "roadmap items, merged field by field")
            try repository.setConfigString("merge.\(MergeDriver.name).driver", command)
        }
        guard repository.workingDirectory != nil else { return try mergeDriverState() }
        let path = try gitattributesPath()
        var text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        let present = Set(text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) })
        let missing = mergeAttributeLines.filter { !present.contains($0) }
        if !missing.isEmpty {
            if !text.isEmpty && !text.hasSuffix("\n") { text += "\n" }
            text += missing.joined(separator: "\n") + "\n"
            do { try Data(text.utf8).write(to: URL(fileURLWithPath: path)) } catch {
                throw RoadmapError("cannot write \(path): \(error.localizedDescription)")
            }
        }
        return try mergeDriverState()
    }

    /// Removes the driver's configuration and our `.gitattributes` lines.
    @discardableResult
    public func uninstallMergeDriver() throws -> MergeDriverState {
        let repository = self.repository
        try git("removing merge.roadmap.driver") {
            try repository.removeConfigEntry("merge.\(MergeDriver.name).driver")
            try repository.removeConfigEntry("merge.\(MergeDriver.name).name")
        }
        guard repository.workingDirectory != nil else { return try mergeDriverState() }
        let path = try gitattributesPath()
        if let text = try? String(contentsOfFile: path, encoding: .utf8) {
            let ours = Set(mergeAttributeLines)
            let kept = text.split(separator: "\n", omittingEmptySubsequences: false)
                .filter { !ours.contains($0.trimmingCharacters(in: .whitespaces)) }
                .joined(separator: "\n")
            do { try Data(kept.utf8).write(to: URL(fileURLWithPath: path)) } catch {
                throw RoadmapError("cannot write \(path): \(error.localizedDescription)")
            }
        }
        return try mergeDriverState()
    }
}
