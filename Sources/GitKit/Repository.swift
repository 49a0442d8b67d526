internal import CLibGit2
import Foundation

/// A git repository (an owned `git_repository`).
///
/// `Sendable` so it can be handed from one task to another; like libgit2's own handle it
/// must not be used from two threads at the same time.
public final class Repository: @unchecked Sendable {
    let pointer: OpaquePointer
    /// The index file named by `GIT_INDEX_FILE` (absolute), read instead of the
    /// repository's own index by `indexEntries`, `indexTreeID` and `stagedChanges`.
    public let indexFileOverride: String?

    private init(owning pointer: OpaquePointer, indexFile: String? = nil) {
        self.pointer = pointer
        self.indexFileOverride = indexFile
    }

    deinit { git_repository_free(pointer) }

    // MARK: Opening

    /// Finds the repository containing `path` (searching parent folders, like git).
    ///
    /// With `environment` (pass `ProcessInfo.processInfo.environment` from the product),
    /// honours git's `GIT_DIR` and `GIT_WORK_TREE` (relative to `path`) and
    /// `GIT_INDEX_FILE` (relative to the working tree's root), as a hook run by git needs
    /// to: during `git commit -a` the pre-commit hook must review the index git is about
    /// to commit. Empty by default, so results never depend on the caller's process
    /// environment. `GIT_INDEX_FILE` applies to `indexEntries`, `indexTreeID` and
    /// `stagedChanges` (read-only); `status` and index writes keep the repository's own
    /// index (libgit2 1.5.1 only offers `git_repository_set_index` in its `sys/` headers).
    ///
    /// `GIT_OBJECT_DIRECTORY` and `GIT_ALTERNATE_OBJECT_DIRECTORIES` are added as read-only
    /// object folders (see `addObjectDirectories`): in a `pre-receive` hook they hold the
    /// pushed objects, still in git's quarantine.
    public static func discover(from path: String, environment: [String: String] = [:]) throws -> Repository {
        var repository = try discoverIgnoringIndexFile(from: path, environment: environment)
        if let indexFile = environment["GIT_INDEX_FILE"], !indexFile.isEmpty {
            let top = URL(fileURLWithPath: repository.workingDirectory ?? path)
            let absolute = URL(fileURLWithPath: indexFile, relativeTo: top).standardizedFileURL.path
            repository = try Repository(reopening: repository, indexFile: absolute)
        }
        try repository.addObjectDirectories(objectDirectories(in: environment, relativeTo: path))
        return repository
    }

    private convenience init(reopening repository: Repository, indexFile: String) throws {
        var out: OpaquePointer?
        try check(git_repository_open_ext(&out, repository.gitDirectory, GIT_REPOSITORY_OPEN_NO_SEARCH.rawValue, nil), "git_repository_open_ext")
        guard let out else { throw GitError.own("cannot reopen \(repository.gitDirectory)", operation: "git_repository_open_ext") }
        self.init(owning: out, indexFile: indexFile)
        if let workdir = repository.workingDirectory, workingDirectory != workdir {
            try check(git_repository_set_workdir(pointer, workdir, 0), "git_repository_set_workdir")
        }
    }

    private static func discoverIgnoringIndexFile(from path: String, environment: [String: String]) throws -> Repository {
        Library.ensureInitialized()
        let base = URL(fileURLWithPath: path)
        if let gitDir = environment["GIT_DIR"], !gitDir.isEmpty {
            let repository = try open(at: URL(fileURLWithPath: gitDir, relativeTo: base).path)
            if let workTree = environment["GIT_WORK_TREE"], !workTree.isEmpty {
                try check(git_repository_set_workdir(repository.pointer, URL(fileURLWithPath: workTree, relativeTo: base).path, 0),
                          "git_repository_set_workdir")
            }
            return repository
        }
        var out: OpaquePointer?
        let rc = git_repository_open_ext(&out, base.path, 0, nil)
        if rc == GIT_ENOTFOUND.rawValue {
            let error = GitError.last(code: rc, operation: "git_repository_open_ext")
            throw error.rephrased("not a git repository (or any of the parent folders): \(base.path)")
        }
        try check(rc, "git_repository_open_ext")
        guard let out else { throw GitError.own("cannot open \(path)", operation: "git_repository_open_ext") }
        return Repository(owning: out)
    }

    /// Opens the repository at exactly `path` (a working tree's root or a git directory).
    public static func open(at path: String) throws -> Repository {
        Library.ensureInitialized()
        var out: OpaquePointer?
        let rc = git_repository_open_ext(&out, path, GIT_REPOSITORY_OPEN_NO_SEARCH.rawValue, nil)
        if rc == GIT_ENOTFOUND.rawValue {
            throw GitError.last(code: rc, operation: "git_repository_open_ext").rephrased("not a git repository: \(path)")
        }
        try check(rc, "git_repository_open_ext")
        guard let out else { throw GitError.own("cannot open \(path)", operation: "git_repository_open_ext") }
        return Repository(owning: out)
    }

    /// Creates a repository (and missing folders) with HEAD on `initialBranch`.
    public static func create(at path: String, bare: Bool = false, initialBranch: String = "main") throws -> Repository {
        Library.ensureInitialized()
        var options = git_repository_init_options()
        try check(git_repository_init_options_init(&options, UInt32(GIT_REPOSITORY_INIT_OPTIONS_VERSION)), "git_repository_init_options_init")
        options.flags = GIT_REPOSITORY_INIT_MKPATH.rawValue | (bare ? GIT_REPOSITORY_INIT_BARE.rawValue : 0)
        var out: OpaquePointer?
        try initialBranch.withCString { (head) throws in
            options.initial_head = head
            try check(git_repository_init_ext(&out, path, &options), "git_repository_init_ext")
        }
        guard let out else { throw GitError.own("cannot create \(path)", operation: "git_repository_init_ext") }
        return Repository(owning: out)
    }

    // MARK: Layout

    /// The git directory, absolute, without a trailing slash (for a linked worktree: its own
    /// `.git/worktrees/NAME`).
    public var gitDirectory: String { Self.trimmed(decode(git_repository_path(pointer))) }

    /// The working tree's root, absolute, without a trailing slash; nil when bare.
    public var workingDirectory: String? { decodeOptional(git_repository_workdir(pointer)).map(Self.trimmed) }

    /// The directory shared by all worktrees (objects, refs, config).
    public var commonDirectory: String { Self.trimmed(decode(git_repository_commondir(pointer))) }

    public var isBare: Bool { git_repository_is_bare(pointer) == 1 }

    /// HEAD names a branch that has no commit yet.
    public var isHeadUnborn: Bool { git_repository_head_unborn(pointer) == 1 }

    public var isHeadDetached: Bool { git_repository_head_detached(pointer) == 1 }

    public var isShallow: Bool { git_repository_is_shallow(pointer) == 1 }

    /// This repository is a linked worktree (made by `git worktree add`).
    public var isLinkedWorktree: Bool { git_repository_is_worktree(pointer) == 1 }

    static func trimmed(_ path: String) -> String {
        var path = path
        while path.count > 1 && path.hasSuffix("/") { path.removeLast() }
        return path
    }
}
