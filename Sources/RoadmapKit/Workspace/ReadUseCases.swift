import Foundation
import GitKit

/// Which state a read command (`list`, `show`) looks at.
public enum ReadPoint: Sendable, Equatable {
    /// The working tree as it is (HEAD in a bare repository).
    case current
    /// A revision (`main~2`, a tag, a commit id) or a day (`2026-03-01`: the base branch at the
    /// end of that day).
    case at(String)
}

/// One file shown by `roadmap show`.
public struct ShownFile: Sendable {
    public var id: String?
    public var path: String
    public var commit: ObjectID?
    public var bytes: [UInt8]
    public var parsed: ParsedFile
}

extension Workspace {
    /// The state and commit a read point names.
    public func state(of point: ReadPoint) throws -> (state: TreeState, commit: ObjectID?) {
        switch point {
        case .current:
            if repository.isBare { return (.head, try headCommit()) }
            return (.worktree, nil)
        case let .at(text):
            if let day = RoadmapDate(text), day.precision == .day {
                guard let commit = try commitAtEndOfDay(day) else {
                    throw RoadmapError("branch '\(config.base)' has no commit on or before \(text)")
                }
                return (.commit(commit), commit)
            }
            if text.range(of: #"^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}$"#, options: .regularExpression) != nil {
                throw RoadmapError("'\(text)' is not a valid day: --at takes a revision or a day as YYYY-MM-DD")
            }
            let commit = try resolve(text)
            return (.commit(commit), commit)
        }
    }

    /// The commit the base branch held at the end of `day` (local time): the newest commit of
    /// its first-parent history committed on or before that day (`RoadmapAsOf`).
    public func commitAtEndOfDay(_ day: RoadmapDate) throws -> ObjectID? {
        let repository = self.repository
        let base = config.base
        guard try git("reading branch \(base)", { try repository.referenceTarget("refs/heads/\(base)") }) != nil else {
            throw RoadmapError("there is no branch '\(base)' (the base branch of roadmap.yaml) to read a date from")
        }
        let lastDay = RoadmapDate(dayNumber: day.lastDay)
        return try git("walking \(base)") {
            try RoadmapAsOf.commit(in: repository, onBranch: base, endOfDay: lastDay.text)
        }
    }

    /// The items of a state, with the filters of `roadmap list`.
    /// For an audience, only what it may see is listed and filtered on (an `--owner` hidden from
    /// it matches nothing, so no count betrays an owner).
    public func listItems(at point: ReadPoint, kind: Kind?, status: String?, owner: String?, audience: Audience = .team) throws -> [Item] {
        let snapshot = AudienceView(audience, config: config).filter(try snapshot(try state(of: point).state))
        return snapshot.items.filter { item in
            (kind == nil || item.kind == kind)
                && (status == nil || item.status == status)
                && (owner == nil || item.owner?.caseInsensitiveCompare(owner!) == .orderedSame)
        }
    }

    /// One item by id, or any YAML file of the repository by path, as it is or was.
    public func show(_ target: String, at point: ReadPoint) throws -> ShownFile {
        let (state, commit) = try state(of: point)
        let looksLikePath = target.contains("/") || target.hasSuffix(".yaml") || target.hasSuffix(".yml")
        if !looksLikePath {
            let files = try itemFiles(state).filter { ItemID.fromPath($0.path) == target }
            guard let file = files.first else { throw noItem(target, at: point) }
            if files.count > 1 {
                throw RoadmapError("id '\(target)' is held by \(files.map(\.path).joined(separator: " and ")); name the file by its path")
            }
            return ShownFile(id: target, path: file.path, commit: commit, bytes: file.bytes, parsed: ItemParsing.parse(file))
        }
        let path = try repositoryPath(target)
        guard path.hasSuffix(".yaml") || path.hasSuffix(".yml") else {
            throw RoadmapError("'\(target)' is not a YAML file (*.yaml or *.yml)")
        }
        let folder = (path as NSString).deletingLastPathComponent
        guard let file = try files(state, under: folder).first(where: { $0.path == path }) else { throw noFile(path, at: point) }
        let id: String? = Snapshot.isItemPath(path, root: root) ? ItemID.fromPath(path) : nil
        return ShownFile(id: id, path: path, commit: commit, bytes: file.bytes, parsed: ItemParsing.parse(file))
    }

    /// The answer for an id no file holds (and, for an audience, an item it may not see).
    func noItem(_ target: String, at point: ReadPoint) -> RoadmapError {
        RoadmapError("no item '\(target)' under \(root)/\(point == .current ? "" : " at \(describe(point))"); 'roadmap list' shows the ids")
    }

    /// The answer for a path no file has (and, for an audience, a file it may not see).
    func noFile(_ path: String, at point: ReadPoint) -> RoadmapError {
        RoadmapError("no file '\(path)'\(point == .current ? " in the working tree" : " at \(describe(point))")")
    }

    private func describe(_ point: ReadPoint) -> String {
        if case let .at(text) = point { return text }
        return "the working tree"
    }
}
