internal import CLibGit2
import Foundation

extension Repository {
    /// Each changed path under `folder` (`""`: everywhere): the index against HEAD
    /// (`staged`), the working tree against the index (`unstaged`), untracked files
    /// (recursed into untracked folders) and conflicts. Ignored files are left out.
    public func status(under folder: String = "", includeUntracked: Bool = true) throws -> [StatusEntry] {
        let folder = Self.normalized(folder)
        return try StatusList(self, paths: folder.isEmpty ? [] : [folder], includeUntracked: includeUntracked).entries
    }

    /// The index entries under `folder` (all stages), in index order.
    public func indexEntries(under folder: String = "") throws -> [IndexEntryInfo] {
        let folder = Self.normalized(folder)
        let entries = try Index(self, forReading: true).entries
        guard !folder.isEmpty else { return entries }
        return entries.filter { $0.path == folder || $0.path.hasPrefix(folder + "/") }
    }

    /// Calls `body` with every entry of the index (all stages), in index order, the path's bytes
    /// borrowed for the call only: a comparison of the index with another sorted list (the
    /// review cache's) makes no String of the entries that match.
    public func forEachIndexEntry(_ body: (_ path: UnsafeRawBufferPointer, _ id: ObjectID, _ mode: FileMode?, _ stage: Int) throws -> Void) throws {
        let index = try Index(self, forReading: true)
        for position in 0..<git_index_entrycount(index.pointer) {
            guard let entry = git_index_get_byindex(index.pointer, position), let path = entry.pointee.path else { continue }
            let stage = (Int32(entry.pointee.flags) & GIT_INDEX_ENTRY_STAGEMASK) >> GIT_INDEX_ENTRY_STAGESHIFT
            try body(UnsafeRawBufferPointer(start: path, count: strlen(path)), ObjectID(entry.pointee.id),
                     FileMode(rawMode: entry.pointee.mode), Int(stage))
        }
    }

    /// What a commit of the index would change: HEAD's tree (the empty tree when unborn)
    /// against the index, limited to `paths`, renames paired when asked. Unlike `status`
    /// this gives the staged blob ids, and it honours `GIT_INDEX_FILE`.
    public func stagedChanges(paths: [String] = [], detectRenames: Bool = false, renameThreshold: Int = 50) throws -> [DiffDelta] {
        let head = try headCommitID().map { try Commit(self, $0).tree() }
        let index = try Index(self, forReading: true)
        let diff = try Diff(self, old: head, index: index, paths: paths.map(Self.normalized))
        if detectRenames { try diff.findRenames(threshold: renameThreshold) }
        return diff.deltas
    }

    /// The tree a commit of the index would record (`git_index_write_tree_to`); fails with
    /// `isUnmerged` when the index has conflicts.
    public func indexTreeID() throws -> ObjectID {
        let index = try Index(self, forReading: true)
        var oid = git_oid()
        let rc = git_index_write_tree_to(&oid, index.pointer, pointer)
        if rc == GIT_EUNMERGED.rawValue {
            throw GitError.last(code: rc, operation: "git_index_write_tree_to").rephrased("the index has unresolved conflicts")
        }
        try check(rc, "git_index_write_tree_to")
        return ObjectID(oid)
    }

    /// `index.lock` exists: another git process is changing the index.
    public var isIndexLocked: Bool {
        let lock = (try? Index(self))?.lockPath ?? gitDirectory + "/index.lock"
        return FileManager.default.fileExists(atPath: lock)
    }

    /// `git add` for these paths (files or folders, relative to the working tree's root):
    /// present files are added (symlinks as links), missing ones removed from the index.
    /// The index is written with its lock; a held lock fails (`isLocked`) with the index
    /// unchanged.
    public func stage(paths: [String]) throws {
        let workdir = try requireWorkingDirectory("stage")
        let index = try lockedCheck(Index(self), operation: "stage")
        do {
            for raw in paths {
                let path = Self.normalized(raw)
                guard Self.isSafeRelativePath(path) else {
                    throw GitError.own("cannot stage '\(raw)': not a path inside the working tree", code: GitError.invalidCode, operation: "stage")
                }
                switch WorkdirPath.kind(workdir + "/" + path) {
                case .file, .executable, .symlink:
                    try check(git_index_add_bypath(index.pointer, path), "git_index_add_bypath")
                case .directory:
                    try withStrarray([path]) { pathspec in
                        try check(git_index_add_all(index.pointer, &pathspec, GIT_INDEX_ADD_DISABLE_PATHSPEC_MATCH.rawValue, nil, nil),
                                  "git_index_add_all")
                        try check(git_index_update_all(index.pointer, &pathspec, nil, nil), "git_index_update_all")
                    }
                case .missing, .other:
                    try check(git_index_remove_bypath(index.pointer, path), "git_index_remove_bypath")
                    try check(git_index_remove_directory(index.pointer, path, 0), "git_index_remove_directory")
                }
            }
        } catch {
            index.reloadFromDisk()
            throw error
        }
        try index.write(operation: "stage")
    }

    /// Sets the index entries of `paths` to what `tree` holds (removing those it lacks), so
    /// that after committing that tree `git status` is clean. Where the working file has
    /// exactly that content, the entry takes the file's stat data too.
    public func updateIndex(toTree tree: ObjectID, paths: [String]) throws {
        let treeObject = try Tree(self, tree)
        let lookup = TreePathLookup(treeObject)
        let index = try lockedCheck(Index(self), operation: "updateIndex")
        let workdir = workingDirectory
        // With no conflict to resolve, a file already hashed equal to the tree's blob is
        // staged from its stat data: `git_index_add_bypath` would read and hash it again.
        let conflicts = git_index_has_conflicts(index.pointer) != 0
        do {
            for raw in paths {
                let path = Self.normalized(raw)
                guard Self.isSafeRelativePath(path) else {
                    throw GitError.own("invalid path '\(raw)'", code: GitError.invalidCode, operation: "updateIndex")
                }
                if let entry = try lookup.entry(at: path), entry.mode != .tree {
                    if let workdir, entry.mode.isBlob, try workdirMatches(workdir: workdir, path: path, entry: entry) {
                        if conflicts {
                            try check(git_index_add_bypath(index.pointer, path), "git_index_add_bypath")
                        } else {
                            try addMatching(entry, path: path, full: workdir + "/" + path, to: index)
                        }
                    } else {
                        var item = git_index_entry()
                        item.id = entry.id.oid
                        item.mode = entry.mode.raw.rawValue
                        try path.withCString { cPath in
                            item.path = cPath
                            try check(git_index_add(index.pointer, &item), "git_index_add")
                        }
                    }
                } else {
                    try check(git_index_remove_bypath(index.pointer, path), "git_index_remove_bypath")
                    try check(git_index_remove_directory(index.pointer, path, 0), "git_index_remove_directory")
                    if let entry = try lookup.entry(at: path), entry.mode == .tree {
                        for child in try Tree(self, entry.id).recursiveEntries(prefix: path + "/") {
                            var item = git_index_entry()
                            item.id = child.id.oid
                            item.mode = child.mode.raw.rawValue
                            try child.path.withCString { cPath in
                                item.path = cPath
                                try check(git_index_add(index.pointer, &item), "git_index_add")
                            }
                        }
                    }
                }
            }
        } catch {
            index.reloadFromDisk()
            throw error
        }
        try index.write(operation: "updateIndex")
    }

    /// Stages `entry` for a working file known to hold its content, with the file's stat
    /// data (as libgit2's `git_index_entry__init_from_stat` fills them), so that git sees
    /// the file clean without hashing it.
    private func addMatching(_ entry: TreeEntryInfo, path: String, full: String, to index: Index) throws {
        var info = stat()
        guard lstat(full, &info) == 0 else {
            try check(git_index_add_bypath(index.pointer, path), "git_index_add_bypath")
            return
        }
        var item = git_index_entry()
        item.ctime = git_index_time(seconds: Int32(truncatingIfNeeded: info.st_ctim.tv_sec), nanoseconds: UInt32(truncatingIfNeeded: info.st_ctim.tv_nsec))
        item.mtime = git_index_time(seconds: Int32(truncatingIfNeeded: info.st_mtim.tv_sec), nanoseconds: UInt32(truncatingIfNeeded: info.st_mtim.tv_nsec))
        item.dev = UInt32(truncatingIfNeeded: info.st_rdev)
        item.ino = UInt32(truncatingIfNeeded: info.st_ino)
        item.uid = info.st_uid
        item.gid = info.st_gid
        item.file_size = UInt32(truncatingIfNeeded: info.st_size)
        item.id = entry.id.oid
        item.mode = entry.mode.raw.rawValue
        try path.withCString { cPath in
            item.path = cPath
            try check(git_index_add(index.pointer, &item), "git_index_add")
        }
    }

    private func workdirMatches(workdir: String, path: String, entry: TreeEntryInfo) throws -> Bool {
        let full = workdir + "/" + path
        let kind = WorkdirPath.kind(full)
        switch (kind, entry.mode) {
        case (.symlink, .symlink), (.file, .blob), (.executable, .executable):
            break
        default:
            return false
        }
        guard WorkdirPath.insideWithoutLinks(workdir: workdir, relativePath: path) else { return false }
        var oid = git_oid()
        let rc = git_repository_hashfile(&oid, pointer, full, GIT_OBJECT_BLOB, path)
        if rc < 0 {
            git_error_clear()
            return false
        }
        return ObjectID(oid) == entry.id
    }

    private func lockedCheck(_ index: Index, operation: String) throws -> Index {
        if let lock = index.lockPath, FileManager.default.fileExists(atPath: lock) {
            throw Index.lockedError(lockPath: lock, operation: operation)
        }
        return index
    }

    func requireWorkingDirectory(_ operation: String) throws -> String {
        guard let workdir = workingDirectory else {
            throw GitError.own("this operation needs a working tree, and the repository is bare", code: GitError.invalidCode, operation: operation)
        }
        return workdir
    }
}
