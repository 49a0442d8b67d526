import Foundation
import GitKit

/// A roadmap repository opened for a command: the git repository, its `roadmap.yaml`, and
/// the folder the user's relative paths start from.
public final class Workspace: @unchecked Sendable {
    public let repository: Repository
    public let config: RoadmapConfig
    /// The folder `-C DIR` names, or the current directory: user paths are relative to it.
    public let directory: String

    init(repository: Repository, config: RoadmapConfig, directory: String) {
        self.repository = repository
        self.config = config
        self.directory = directory
    }

    /// Opens the repository containing `directory` (any sub-folder works) and reads its
    /// `roadmap.yaml` from the working tree, or from HEAD in a bare repository.
    public static func open(at directory: String) throws -> Workspace {
        let absolute = URL(fileURLWithPath: directory).standardizedFileURL.path
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: absolute, isDirectory: &isFolder), isFolder.boolValue else {
            throw RoadmapError("cannot open '\(directory)': no such folder")
        }
        let repository: Repository
        do {
            repository = try Repository.discover(from: absolute, environment: ProcessInfo.processInfo.environment)
        } catch let error as GitError where error.isNotFound {
            throw RoadmapError("'\(absolute)' is not in a git repository; run 'roadmap init' there first")
        } catch let error as GitError {
            if let known = CloneFeatures.error(error, doing: "opening the repository") { throw known }
            throw RoadmapError("opening the repository at \(absolute): \(error.message)")
        }
        let config = try loadConfig(repository)
        // A partial clone: a missing object is then named as such (CloneFeatures).
        CloneFeatures.remember(try? repository.partialClone(), root: config.root)
        return Workspace(repository: repository, config: config, directory: absolute)
    }

    static func loadConfig(_ repository: Repository) throws -> RoadmapConfig {
        let name = RoadmapConfig.fileName
        guard let bytes = try configBytes(repository) else { return RoadmapConfig() }
        let parsed = ItemParsing.parse(SourceFile(path: name, bytes: bytes))
        do {
            return try RoadmapConfig.load(parsed)
        } catch {
            throw RoadmapError("\(error.description); fix \(name) and run the command again")
        }
    }

    /// The bytes of `roadmap.yaml` the configuration is read from (the working tree's, in a
    /// bare repository HEAD's); nil when there is none. `roadmap serve` keys its views by them.
    public func configBytes() throws -> [UInt8]? { try Self.configBytes(repository) }

    static func configBytes(_ repository: Repository) throws -> [UInt8]? {
        let name = RoadmapConfig.fileName
        var bytes: [UInt8]?
        if repository.workingDirectory != nil {
            bytes = try git("reading \(name)") { try repository.workdirFileData(name) }
            if bytes != nil, try repository.workdirFileMode(name) == .symlink {
                throw RoadmapError("\(name): is a symbolic link; roadmap.yaml must be a regular file")
            }
        } else if let head = try git("reading HEAD", { try repository.headCommitID() }) {
            bytes = try git("reading \(name) at HEAD") { try repository.fileData(at: name, inCommit: head) }
        }
        return bytes
    }

    /// The items root (repository-relative).
    public var root: String { config.root }

    /// The working tree's absolute path; an error for a bare repository.
    public func workingDirectory(for command: String) throws -> String {
        guard let workdir = repository.workingDirectory else {
            throw RoadmapError("'roadmap \(command)' needs a working tree, and \(repository.gitDirectory) is a bare repository")
        }
        return workdir
    }

    /// HEAD's commit, nil on an unborn branch.
    public func headCommit() throws -> ObjectID? {
        try git("reading HEAD") { try repository.headCommitID() }
    }

    /// The commit a revision names (`main~3`, a tag, a short id …).
    public func resolve(_ revision: String) throws -> ObjectID {
        do {
            return try repository.resolveCommit(revision)
        } catch let error as GitError where error.isNotFound || error.isAmbiguous || error.code == GitError.invalidCode {
            if !error.isAmbiguous, let boundary = try? repository.shallowBoundary(), !boundary.isEmpty {
                throw unknownRevisionInShallowClone(revision, boundary: boundary)
            }
            let what = error.isAmbiguous ? "ambiguous revision" : "unknown revision"
            throw RoadmapError("\(what) '\(revision)': name a branch, tag or commit id")
        } catch let error as GitError {
            throw RoadmapError("cannot resolve revision '\(revision)': \(error.message)")
        }
    }

    // MARK: Reading states

    /// The item files (`*.yaml`, `*.yml` under the root) of a state, sorted by path.
    public func itemFiles(_ state: TreeState) throws -> [SourceFile] {
        try read(stateFiles(state), at: state)
    }

    /// Every file of a state under a folder ("" = the whole repository), sorted by path.
    public func files(_ state: TreeState, under folder: String) throws -> [SourceFile] {
        try read(stateFiles(state, under: folder), at: state)
    }

    /// A file from git, its size checked from the object header first so that an oversized
    /// blob is never loaded.
    func blobFile(path: String, id: ObjectID, mode: FileMode, at: String) throws -> SourceFile {
        let repository = self.repository
        let size = try git("reading \(path) at \(at)") { try repository.objectSize(id) }
        if size > yamlMaximumFileSize && mode != .symlink {
            return SourceFile(path: path, bytes: [], blob: id, oversize: size)
        }
        return SourceFile(path: path, bytes: try git("reading \(path) at \(at)") { try repository.blobData(id) },
                          blob: id, isSymlink: mode == .symlink)
    }

    static func fileSize(workdir: String?, _ path: String) -> Int? {
        // stat(2) directly: FileManager.attributesOfItem cost a cold review a tenth of its time.
        guard let workdir else { return nil }
        var info = stat()
        guard stat(workdir + "/" + path, &info) == 0 else { return nil }
        return Int(info.st_size)
    }

    /// All items of a state.
    public func snapshot(_ state: TreeState) throws -> Snapshot {
        // Parsing runs on every core for large states (Cache/CachedReview.swift, ItemParsing.parseAll).
        Snapshot(files: ItemParsing.parseAll(try itemFiles(state)), config: config)
    }

    // MARK: Paths

    /// A user's path (relative to `directory`, or absolute) as a repository-relative path.
    public func repositoryPath(_ userPath: String) throws -> String {
        guard let workdir = repository.workingDirectory else {
            return userPath.hasPrefix("/") ? String(userPath.dropFirst()) : userPath
        }
        let absolute = userPath.hasPrefix("/") ? userPath : directory + "/" + userPath
        let standardized = URL(fileURLWithPath: absolute).standardizedFileURL.path
        let base = URL(fileURLWithPath: workdir).standardizedFileURL.path
        if standardized == base { return "" }
        guard standardized.hasPrefix(base + "/") else {
            throw RoadmapError("'\(userPath)' is outside the repository at \(base)")
        }
        return String(standardized.dropFirst(base.count + 1))
    }
}

/// Runs a git step, rephrasing a libgit2 failure as what the tool was doing.
func git<T>(_ doing: String, _ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as GitError {
        if let known = CloneFeatures.error(error, doing: doing) { throw known }
        if error.isLocked && !error.message.contains("index") {
            // A ref's or the config's lock: name the file libgit2 could not take.
            throw RoadmapError("\(doing): \(error.message): another git process is running, or one was killed; remove that .lock file if none is")
        }
        if error.isLocked {
            throw RoadmapError("\(doing): the index is locked (index.lock exists): another git process is running, or one crashed; remove .git/index.lock if none is")
        }
        if error.isNotFound && error.message.contains("no match for id") {
            // An object the repository's own history refers to: the repository is damaged.
            throw RoadmapError("\(doing): \(error.message): the repository is missing this object; run 'git fsck' to see what else is missing, and fetch it again from a clone that has it")
        }
        throw RoadmapError("\(doing): \(error.message)")
    }
}
