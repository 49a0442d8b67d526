import Foundation
import GitKit

/// Makes the complete changed-path index (`ChangedPathIndex`) of a repository's
/// commit-graph, so that every history query after it — for any item, in any folder — reads
/// one commit's keys by position instead of comparing trees where git's Bloom filters say
/// "maybe".
///
/// Making it compares every commit's trees with its first parent's: seconds of CPU for
/// 20,000 commits (what `git log --raw -r --first-parent -m` costs), far more than one
/// query. So a history command that finds a commit-graph without an index starts it in a
/// process of its own (`roadmap index-history`, hidden) once it has printed its answer, and
/// does not wait for it; that process lowers its priority, and only one runs per repository
/// (a lock file holding its process id; a lock whose process is gone is taken over). It
/// stops as soon as its lock file is gone (the cache folder deleted), so nothing is written
/// into a cache someone removed. Nothing is started without a commit-graph: the index is
/// tied to the graph's positions and checksum, and a new graph (`git maintenance`, `git gc`)
/// makes the next query start a new one.
public enum PathIndexJob {
    public enum Outcome: Sendable, Equatable {
        /// The index was made and written.
        case made
        /// An index for the graph in use was there already.
        case present
        /// The repository has no commit-graph a walk would use.
        case noGraph
        /// Another process is making it (only without waiting).
        case busy
        /// The lock was taken away while making it, or a commit could not be read.
        case stopped
    }

    static func lockPath(_ repository: Repository) -> String { repository.commonDirectory + "/roadmap/path-index.lock" }

    /// True when the repository has a usable commit-graph, no sound index made for it (a
    /// damaged one is made again), and no process making one.
    /// After a query that answered from the index, that costs no file read: the graph is
    /// the process's own, and the index was checked when the query opened it.
    public static func isWanted(_ repository: Repository) -> Bool {
        guard let graph = HistoryReader.usableCommitGraph(repository, verifiedGraphs: HistoryCache.verifiedGraphsPath(for: repository)) else {
            return false
        }
        let indexPath = HistoryCache.pathIndexPath(for: repository)
        if ChangedPathIndex.wasReadSound(path: indexPath, for: graph) { return false }
        return ChangedPathIndex(path: indexPath)?.matches(graph) != true && !isLocked(lockPath(repository))
    }

    /// Starts `executable arguments…` (the hidden `index-history` command) in the background
    /// when `isWanted`, in a process group of its own, with no terminal input or output; does
    /// not wait for it.
    public static func startIfWanted(_ repository: Repository, executable: String, arguments: [String]) {
        guard isWanted(repository) else { return }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // Its own process group: a Ctrl-C meant for the command that started it does not
        // reach it, and a shell waiting for the command does not wait for it.
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP))
        posix_spawnattr_setpgroup(&attributes, 0)
        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        _ = posix_spawn(&pid, executable, &actions, &attributes, argv, environ)
    }

    /// `run` for the repository at (or above) a folder.
    public static func run(at folder: String, waiting: Bool) throws -> Outcome {
        try run(Repository.open(at: folder), waiting: waiting)
    }

    /// Makes the index when the repository's graph has none (`waiting`: when another process
    /// is making it, waits for that one, then makes it if it did not).
    public static func run(_ repository: Repository, waiting: Bool) throws -> Outcome {
        let folder = repository.commonDirectory + "/roadmap"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let reader = try HistoryReader(repository, verifiedGraphs: HistoryCache.verifiedGraphsPath(for: repository))
        guard let graph = reader.commitGraph else { return .noGraph }
        let indexPath = HistoryCache.pathIndexPath(for: repository)
        let lock = lockPath(repository)
        while true {
            if ChangedPathIndex(path: indexPath)?.matches(graph) == true { return .present }
            if takeLock(lock) { break }
            if !waiting { return .busy }
            usleep(50_000)
        }
        defer { if holdsLock(lock) { unlink(lock) } }
        guard let bytes = try ChangedPathIndex.build(reader, shouldContinue: { holdsLock(lock) }) else { return .stopped }
        let temporary = "\(indexPath).\(getpid()).tmp"
        try Data(bytes).write(to: URL(fileURLWithPath: temporary))
        guard holdsLock(lock), rename(temporary, indexPath) == 0 else {
            unlink(temporary)
            return .stopped
        }
        return .made
    }

    /// Creates the lock file holding this process's id; a lock whose process is gone is
    /// removed first. False when a live process holds it.
    static func takeLock(_ path: String) -> Bool {
        for _ in 0..<2 {
            let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
            if descriptor >= 0 {
                let text = Array("\(getpid())\n".utf8)
                _ = text.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
                close(descriptor)
                return true
            }
            guard errno == EEXIST, !isLocked(path) else { return false }
            unlink(path)
        }
        return false
    }

    /// Whether the lock file names this process.
    static func holdsLock(_ path: String) -> Bool {
        lockHolder(path) == getpid()
    }

    private static func lockHolder(_ path: String) -> pid_t? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return pid_t(String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// Whether a live process holds the lock. A lock without a process id yet (its maker is
    /// between creating and writing it) counts as held for ten seconds.
    static func isLocked(_ path: String) -> Bool {
        var status = stat()
        guard stat(path, &status) == 0 else { return false }
        guard let pid = lockHolder(path), pid > 0 else { return time(nil) - status.st_mtim.tv_sec < 10 }
        return kill(pid, 0) == 0 || errno == EPERM
    }
}
