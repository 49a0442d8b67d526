internal import CLibGit2

/// An owned `git_tree`.
final class Tree {
    let pointer: OpaquePointer
    let repository: Repository

    init(_ repository: Repository, _ id: ObjectID) throws {
        var out: OpaquePointer?
        var oid = id.oid
        try check(git_tree_lookup(&out, repository.pointer, &oid), "git_tree_lookup")
        guard let out else { throw GitError.own("no tree \(id)", operation: "git_tree_lookup") }
        pointer = out
        self.repository = repository
    }

    deinit { git_tree_free(pointer) }

    var id: ObjectID { ObjectID(git_tree_id(pointer)) }

    /// The entry at `path` (nil when absent), copied out.
    func entry(at path: String) throws -> TreeEntryInfo? {
        guard let entry = try TreeEntry(self, path: path) else { return nil }
        return entry.info(path: path)
    }

    /// Every non-tree entry under this tree, recursively, in git's tree order; paths are
    /// prefixed with `prefix` (which ends with `/` unless empty).
    func recursiveEntries(prefix: String) throws -> [TreeEntryInfo] {
        var result: [TreeEntryInfo] = []
        try collect(into: &result, prefix: prefix)
        return result
    }

    private func collect(into result: inout [TreeEntryInfo], prefix: String) throws {
        let count = git_tree_entrycount(pointer)
        for index in 0..<count {
            // Borrowed from the tree: copied at once.
            guard let entry = git_tree_entry_byindex(pointer, index) else { continue }
            let name = decode(git_tree_entry_name(entry))
            guard let id = git_tree_entry_id(entry).map({ ObjectID($0) }),
                  let mode = FileMode(rawMode: git_tree_entry_filemode(entry).rawValue) else { continue }
            if mode == .tree {
                try Tree(repository, id).collect(into: &result, prefix: prefix + name + "/")
            } else {
                result.append(TreeEntryInfo(path: prefix + name, id: id, mode: mode))
            }
        }
    }
}

/// An owned `git_tree_entry` (from `git_tree_entry_bypath`).
final class TreeEntry {
    let pointer: OpaquePointer
    let tree: Tree

    /// nil when no entry exists at `path`.
    init?(_ tree: Tree, path: String) throws {
        var out: OpaquePointer?
        let rc = git_tree_entry_bypath(&out, tree.pointer, path)
        if rc == GIT_ENOTFOUND.rawValue {
            git_error_clear()
            return nil
        }
        try check(rc, "git_tree_entry_bypath")
        guard let out else { return nil }
        pointer = out
        self.tree = tree
    }

    deinit { git_tree_entry_free(pointer) }

    func info(path: String) -> TreeEntryInfo? {
        guard let id = git_tree_entry_id(pointer).map({ ObjectID($0) }),
              let mode = FileMode(rawMode: git_tree_entry_filemode(pointer).rawValue) else { return nil }
        return TreeEntryInfo(path: path, id: id, mode: mode)
    }
}

/// Looks up many paths in one tree, reading each folder's tree once.
///
/// `git_tree_entry_bypath` reads every folder on the way from the root again: libgit2 keeps
/// no tree over 4 KiB in its object cache, so staging 10,000 files of one 10,000-entry
/// folder parsed that folder 10,000 times (quadratic). Here a folder is parsed once and a
/// name is found in it by binary search.
final class TreePathLookup {
    private let root: Tree
    private var folders: [String: Tree?] = [:]

    init(_ root: Tree) { self.root = root }

    /// The entry at `path` (nil when absent).
    func entry(at path: String) throws -> TreeEntryInfo? {
        let (folder, name) = Self.split(path)
        guard let tree = try folderTree(folder) else { return nil }
        return Self.entry(named: name, in: tree, path: path)
    }

    private func folderTree(_ folder: String) throws -> Tree? {
        if folder.isEmpty { return root }
        if let known = folders[folder] { return known }
        let (parentFolder, name) = Self.split(folder)
        var tree: Tree?
        if let parent = try folderTree(parentFolder), let entry = Self.entry(named: name, in: parent, path: folder), entry.mode == .tree {
            tree = try Tree(root.repository, entry.id)
        }
        folders[folder] = tree
        return tree
    }

    private static func entry(named name: String, in tree: Tree, path: String) -> TreeEntryInfo? {
        // Borrowed from the tree: copied at once.
        guard let entry = git_tree_entry_byname(tree.pointer, name),
              let id = git_tree_entry_id(entry).map({ ObjectID($0) }),
              let mode = FileMode(rawMode: git_tree_entry_filemode(entry).rawValue) else { return nil }
        return TreeEntryInfo(path: path, id: id, mode: mode)
    }

    private static func split(_ path: String) -> (folder: String, name: String) {
        guard let slash = path.lastIndex(of: "/") else { return ("", path) }
        return (String(path[..<slash]), String(path[path.index(after: slash)...]))
    }
}
