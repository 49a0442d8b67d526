internal import CLibGit2
import Foundation

extension Repository {
    /// What is at a path of the working tree (nil when absent): `.blob`, `.executable`,
    /// `.symlink` or `.tree` for a folder. Never follows a symlink.
    public func workdirFileMode(_ relativePath: String) throws -> FileMode? {
        let (workdir, path) = try checkedWorkdirPath(relativePath, operation: "workdirFileMode")
        switch WorkdirPath.kind(workdir + "/" + path) {
        case .missing, .other: return nil
        case .file: return .blob
        case .executable: return .executable
        case .symlink: return .symlink
        case .directory: return .tree
        }
    }

    /// The bytes of a file of the working tree; nil when absent or a folder.
    ///
    /// Never follows a symlink: for a symlink it returns the link's target path (what git
    /// records as its content), and a path that goes through a symlinked folder is refused.
    public func workdirFileData(_ relativePath: String) throws -> [UInt8]? {
        let (workdir, path) = try checkedWorkdirPath(relativePath, operation: "workdirFileData")
        let full = workdir + "/" + path
        switch WorkdirPath.kind(full) {
        case .missing, .directory, .other:
            return nil
        case .symlink:
            return WorkdirPath.readLink(full)
        case .file, .executable:
            do {
                return [UInt8](try Data(contentsOf: URL(fileURLWithPath: full)))
            } catch {
                throw GitError.own("cannot read \(path): \(error.localizedDescription)", operation: "workdirFileData")
            }
        }
    }

    /// Writes a file of the working tree atomically (a temporary file in the same folder,
    /// then a rename), creating missing folders. Keeps an existing file's permissions;
    /// a symlink at that path is replaced by the file, never written through.
    public func writeWorkdirFile(_ relativePath: String, bytes: [UInt8]) throws {
        let (workdir, path) = try checkedWorkdirPath(relativePath, operation: "writeWorkdirFile")
        let target = URL(fileURLWithPath: workdir + "/" + path)
        let folder = target.deletingLastPathComponent()
        let operation = "writeWorkdirFile"
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw GitError.own("cannot create folder \(folder.path): \(error.localizedDescription)", operation: operation)
        }
        let permissions = WorkdirPath.permissions(target.path) ?? 0o644
        // The temporary file lives in the git directory, not next to the target: a process
        // killed between creating it and the rename leaves it where neither `git status`,
        // `git add -A` nor `roadmap commit --all` sees it. Where the git directory is on
        // another file system (no atomic rename across), it goes next to the target.
        let name = ".\(target.lastPathComponent).\(UUID().uuidString).tmp"
        let scratch = Self.temporaryFolder(gitDirectory: gitDirectory)
        var failure = scratch.map { WorkdirPath.writeAndRename(bytes, temporary: $0 + "/" + name, target: target.path, permissions: permissions) }
        if scratch == nil || failure == WorkdirPath.crossDevice {
            failure = WorkdirPath.writeAndRename(bytes, temporary: folder.appendingPathComponent(name).path, target: target.path, permissions: permissions)
        }
        if let failure, let failure {
            throw GitError.own("cannot write \(path): \(failure)", operation: operation)
        }
    }

    /// Writes many files of the working tree, each as `writeWorkdirFile` does (a temporary
    /// file, then a rename; permissions kept; symlinks replaced), but flushed to disk together:
    /// every temporary file is written, then one `syncfs` flushes them all, then each is
    /// renamed. One flush instead of one per file is what makes writing thousands of files
    /// (an import) take seconds. A failure leaves no temporary file; files renamed before it
    /// stay written (as with one `writeWorkdirFile` call per file).
    public func writeWorkdirFiles(_ files: [(path: String, bytes: [UInt8])]) throws {
        let operation = "writeWorkdirFiles"
        guard let scratch = Self.temporaryFolder(gitDirectory: gitDirectory) else {
            for file in files { try writeWorkdirFile(file.path, bytes: file.bytes) }
            return
        }
        var made = Set<String>()
        var pending: [(temporary: String, target: String, path: String, bytes: [UInt8], permissions: mode_t)] = []
        defer { for file in pending { unlink(file.temporary) } }
        for file in files {
            let (workdir, path) = try checkedWorkdirPath(file.path, operation: operation)
            let target = URL(fileURLWithPath: workdir + "/" + path)
            let folder = target.deletingLastPathComponent()
            if made.insert(folder.path).inserted {
                do {
                    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                } catch {
                    throw GitError.own("cannot create folder \(folder.path): \(error.localizedDescription)", operation: operation)
                }
            }
            let permissions = WorkdirPath.permissions(target.path) ?? 0o644
            let temporary = scratch + "/.\(target.lastPathComponent).\(UUID().uuidString).tmp"
            if let failure = WorkdirPath.writeTemporary(file.bytes, temporary: temporary, permissions: permissions, sync: false) {
                throw GitError.own("cannot write \(path): \(failure)", operation: operation)
            }
            pending.append((temporary, target.path, path, file.bytes, permissions))
        }
        WorkdirPath.flushFileSystem(of: scratch)
        while let file = pending.first {
            if rename(file.temporary, file.target) != 0 {
                let error = errno
                unlink(file.temporary)
                pending.removeFirst()
                // Across file systems: next to the target, as writeWorkdirFile does.
                guard error == EXDEV else {
                    throw GitError.own("cannot write \(file.path): \(String(cString: strerror(error)))", operation: operation)
                }
                try writeWorkdirFile(file.path, bytes: file.bytes)
                continue
            }
            pending.removeFirst()
        }
    }

    /// `<git dir>/roadmap/tmp`, created when missing, with what killed writers left there
    /// over an hour ago removed; nil when it cannot be made.
    static func temporaryFolder(gitDirectory: String) -> String? {
        let folder = gitDirectory + "/roadmap/tmp"
        let files = FileManager.default
        guard (try? files.createDirectory(atPath: folder, withIntermediateDirectories: true)) != nil else { return nil }
        let hourAgo = Date().addingTimeInterval(-3600)
        for name in (try? files.contentsOfDirectory(atPath: folder)) ?? [] where name.hasSuffix(".tmp") {
            let path = folder + "/" + name
            if let modified = (try? files.attributesOfItem(atPath: path))?[.modificationDate] as? Date, modified < hourAgo {
                try? files.removeItem(atPath: path)
            }
        }
        return folder
    }

    /// Checks that a relative path stays inside the working tree without passing through
    /// a symlinked folder.
    private func checkedWorkdirPath(_ relativePath: String, operation: String) throws -> (String, String) {
        let workdir = try requireWorkingDirectory(operation)
        let path = Self.normalized(relativePath)
        guard Self.isSafeRelativePath(path) else {
            throw GitError.own("'\(relativePath)' is not a path inside the working tree", code: GitError.invalidCode, operation: operation)
        }
        guard WorkdirPath.insideWithoutLinks(workdir: workdir, relativePath: path) else {
            throw GitError.own("'\(relativePath)' goes through a symbolic link; refusing to follow it out of the repository",
                               code: GitError.invalidCode, operation: operation)
        }
        return (workdir, path)
    }
}
