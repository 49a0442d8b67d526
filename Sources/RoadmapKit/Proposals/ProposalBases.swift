import Foundation
import GitKit

/// What the proposals of one `roadmap proposals` run share, by merge base: the base's item
/// files and its review base (`Workspace.ReviewBase`). Open proposals mostly start from the
/// same commit, so each of these is built once per run instead of once per proposal.
///
/// In memory for one run only, keyed by commit id (whose files and review never change), so
/// it cannot go stale.
final class ProposalBases {
    struct Base {
        let commit: ObjectID
        let tree: ObjectID
        /// `stateFiles(.commit(commit))`, sorted by path.
        let files: [StateFile]
        /// Indices into `files` by item id.
        let indicesByID: [String: [Int]]
        let review: Workspace.ReviewBase
        /// Whether `files` are the review entry's files, index for index (so that indices
        /// into one are indices into the other).
        let filesMatchReview: Bool
        /// Whether every path is told apart from the others as a `String`: no two paths
        /// Swift compares equal (two Unicode spellings of one name) and none decoded with a
        /// replacement character (bytes that are not UTF-8). Otherwise a tip's files are
        /// listed in full, not patched by path.
        let pathsAreDistinct: Bool
    }

    private var bases: [ObjectID: Base] = [:]

    func base(_ commit: ObjectID, in workspace: Workspace, today: RoadmapDate) throws -> Base {
        if let base = bases[commit] { return base }
        let files = try workspace.stateFiles(.commit(commit))
        let review = try workspace.reviewBase(commit, today: today, headFiles: files, head: .commit(commit))
        var indicesByID: [String: [Int]] = [:]
        indicesByID.reserveCapacity(files.count)
        for (index, file) in files.enumerated() { indicesByID[file.id, default: []].append(index) }
        let reviewFiles = review.entry.files
        let match = files.count == reviewFiles.count && zip(files, reviewFiles).allSatisfy {
            $0.path == $1.path && $0.blob == $1.blob && $0.mode == $1.mode
        }
        let distinct = !files.contains { $0.path.unicodeScalars.contains("\u{FFFD}") }
            && !zip(files, files.dropFirst()).contains { $0.path == $1.path }
        let base = Base(commit: commit, tree: review.tree, files: files, indicesByID: indicesByID, review: review,
                        filesMatchReview: match, pathsAreDistinct: distinct)
        bases[commit] = base
        return base
    }
}

/// A proposal tip's item files as a change of its base's: what the tree diff between the two
/// adds, removes and modifies.
struct ProposalFiles {
    /// `stateFiles(.commit(tip))`.
    let files: [StateFile]
    /// `Workspace.changedIDs(base.files, files)`.
    let changed: Set<String>
    /// The files of `files` whose id is in `changed`, in path order.
    let changedFiles: [StateFile]
    /// The files of the base whose id is in `changed`, in path order, and their indices in
    /// the base's files.
    let changedBaseFiles: [StateFile]
    let changedBaseIndices: [Int]
}

extension Workspace {
    /// The item files of `tip` from those of `base` and the tree diff between them, which
    /// skips the subtrees they share: at the cost of the change, not of the tree. Equal to
    /// `stateFiles(.commit(tip))` (which it falls back to when a path is ambiguous, e.g. two
    /// spellings of one path that Swift compares equal).
    func proposalFiles(tip: ObjectID, from base: ProposalBases.Base) throws -> ProposalFiles {
        let repository = self.repository
        let root = self.root
        let tipTree = try git("reading commit \(tip.short)") { try repository.commit(tip) }.treeID
        let deltas = try git("comparing tree \(base.tree.short) with \(tipTree.short)") {
            try repository.diff(oldTree: base.tree, newTree: tipTree)
        }
        let prefix = Array((root + "/").utf8)
        func isItem(_ path: String) -> Bool {
            Snapshot.isItemPath(path, root: root) && (root.isEmpty || path.utf8.starts(with: prefix))
        }
        let baseFiles = base.files
        /// The index of `path` in the base's files (sorted by `<`), nil when absent.
        func baseIndex(_ path: String) -> Int? {
            var low = 0, high = baseFiles.count
            while low < high {
                let mid = (low + high) / 2
                if baseFiles[mid].path < path { low = mid + 1 } else { high = mid }
            }
            return low < baseFiles.count && baseFiles[low].path == path ? low : nil
        }
        func listed() throws -> ProposalFiles {
            let files = try stateFiles(.commit(tip))
            let changed = Self.changedIDs(baseFiles, files)
            return ProposalFiles(files: files, changed: changed, changedFiles: files.filter { changed.contains($0.id) },
                                 changedBaseFiles: baseFiles.filter { changed.contains($0.id) },
                                 changedBaseIndices: baseFiles.indices.filter { changed.contains(baseFiles[$0].id) })
        }

        guard base.pathsAreDistinct else { return try listed() }
        var removed = Set<Int>()
        var added: [StateFile] = []
        for delta in deltas {
            // A mode the diff passes through as recorded (an old `100664`) is not one
            // `FileMode` knows, while the tree listing reads it as a file: list in full.
            if delta.status != .added, let path = delta.oldPath, isItem(path) {
                guard let mode = delta.oldMode else { return try listed() }
                if mode.isBlob {
                    guard let index = baseIndex(path), removed.insert(index).inserted else { return try listed() }
                }
            }
            if delta.status != .deleted, let path = delta.newPath, isItem(path) {
                guard let mode = delta.newMode, let id = delta.newID else { return try listed() }
                if mode.isBlob { added.append(StateFile(path: path, blob: id, mode: mode)) }
                if path.unicodeScalars.contains("\u{FFFD}") { return try listed() }
            }
        }
        added.sort { $0.path < $1.path }
        for (a, b) in zip(added, added.dropFirst()) where a.path == b.path { return try listed() }

        // The base's files without the removed ones, merged with the added ones by path.
        var files: [StateFile] = []
        files.reserveCapacity(baseFiles.count - removed.count + added.count)
        var next = 0
        for (index, file) in baseFiles.enumerated() where !removed.contains(index) {
            while next < added.count && added[next].path < file.path {
                files.append(added[next])
                next += 1
            }
            if next < added.count && added[next].path == file.path { return try listed() }
            files.append(file)
        }
        files += added[next...]

        let removedFiles = removed.sorted().map { baseFiles[$0] }
        let changed = Self.changedIDs(removedFiles, added)
        // The files of the changed ids: those of the base that stay, and the added ones.
        var baseIndices: [Int] = []
        for id in changed { baseIndices += base.indicesByID[id] ?? [] }
        baseIndices.sort()
        let changedBaseFiles = baseIndices.map { baseFiles[$0] }
        var changedFiles = baseIndices.filter { !removed.contains($0) }.map { baseFiles[$0] }
        changedFiles += added.filter { changed.contains($0.id) }
        changedFiles.sort { $0.path < $1.path }
        return ProposalFiles(files: files, changed: changed, changedFiles: changedFiles, changedBaseFiles: changedBaseFiles,
                             changedBaseIndices: baseIndices)
    }

    /// The change as `derive` takes it, when the base's files are its review entry's.
    func fileChange(_ files: ProposalFiles, from base: ProposalBases.Base) -> FileChange? {
        guard base.filesMatchReview else { return nil }
        return FileChange(changed: files.changed, newFiles: files.changedFiles, oldFiles: files.changedBaseFiles,
                          oldIndices: files.changedBaseIndices)
    }
}
