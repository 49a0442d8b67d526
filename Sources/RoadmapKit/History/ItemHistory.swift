import Foundation
import GitKit

public struct HistoryAuthor: Sendable, Hashable {
    public var name: String
    public var email: String

    public init(name: String, email: String) {
        self.name = name
        self.email = email
    }
}

/// One commit of an item's history, with what it changed field by field.
public struct HistoryEntry: Sendable {
    public var commit: ObjectID
    public var author: HistoryAuthor
    /// The author date, ISO 8601 with the author's offset (`2026-03-01T10:00:00+01:00`).
    public var date: String
    public var authorDate: Date
    public var authorOffsetMinutes: Int
    public var committerDate: Date
    public var committerOffsetMinutes: Int
    public var subject: String
    /// The item's path in that commit.
    public var path: String
    /// For a move or rename: the path before.
    public var previousPath: String?
    public var change: PathChangeKind
    /// Against the first parent's version (or, when that one cannot be read, against the
    /// last version that could).
    public var fields: [FieldChange]
    /// Set when this commit's version cannot be read; `fields` is then empty.
    public var error: String?
    /// The item's data after this commit (nil when deleted or unreadable).
    public var data: YAMLValue?
}

public struct ItemHistoryResult: Sendable {
    /// The item's id when the path is an item file (its file name without extension).
    public var item: String?
    /// The path at the tip the history started from (or where it was last seen).
    public var path: String
    /// Newest first.
    public var entries: [HistoryEntry]
    /// The repository is a shallow clone and the history goes on beyond its boundary.
    public var truncated: Bool
}

public enum HistoryError: Error, Sendable, Equatable, CustomStringConvertible {
    case emptyRepository
    case unknownItem(id: String, root: String)
    case duplicateItem(id: String, paths: [String])
    case neverInHistory(path: String)
    /// `blame` needs the newest version: it does not parse, or the file was deleted.
    case nothingToBlame(path: String, commit: String, reason: String)
    /// `--field` names a field that no readable version of the item has (a typo, most
    /// likely); `fields`: the top-level keys its versions do have; `nearest`: a likely
    /// intended field path.
    case unknownField(field: String, item: String, fields: [String], nearest: String?)

    public var description: String {
        switch self {
        case .emptyRepository:
            return "the repository has no commits yet; commit the roadmap first"
        case let .unknownItem(id, root):
            return "no item '\(id)': there is no \(id).yaml or \(id).yml under '\(root)/' at this commit; check the id with 'roadmap list', or give the file's path"
        case let .duplicateItem(id, paths):
            return "the id '\(id)' names \(paths.count) files (\(paths.joined(separator: ", "))); give the file's path"
        case let .neverInHistory(path):
            return "'\(path)' is not in the history of this branch; check the path"
        case let .nothingToBlame(path, commit, reason):
            return "cannot blame \(path) at \(commit): \(reason); see 'roadmap history \(path)'"
        case let .unknownField(field, item, fields, nearest):
            let known = fields.isEmpty ? "" : " (its fields: \(fields.joined(separator: ", ")))"
            let hint = nearest.map { "did you mean '\($0)'?" } ?? "check the field's name"
            return "no version of \(item) has a field '\(field)'\(known); \(hint)"
        }
    }
}

/// The history of one item (or any YAML file): the commits that changed it, newest first —
/// those of `git log -- PATH`, or across moves and renames those of `git log --follow` (see
/// `PathHistory.itemLog`) — each with its field changes.
public final class ItemHistory {
    public let repository: Repository
    /// The items root, relative to the repository (`roadmap` by default).
    public let root: String
    public let decoder: ItemDecoder
    public let paths: PathHistory

    public init(repository: Repository, root: String = "roadmap", decoder: @escaping ItemDecoder,
                cache: HistoryCache? = nil) throws {
        self.repository = repository
        self.root = PathHistory.normalized(root)
        self.decoder = decoder
        self.paths = PathHistory(cache: try cache ?? HistoryCache(repository: repository))
        paths.savesAfterEachLog = false
    }

    /// Writes what the history cache learned (atomically); call once the command is done.
    public func save() throws {
        try paths.cache.save()
    }

    /// An id (the file `<id>.yaml` or `<id>.yml` anywhere under the root at `tip`) or a
    /// path relative to the repository's root (anything with a `/` or a YAML extension).
    public func resolve(_ idOrPath: String, at tip: ObjectID) throws -> (id: String?, path: String) {
        let text = PathHistory.normalized(idOrPath)
        if text.contains("/") || text.hasSuffix(".yaml") || text.hasSuffix(".yml") {
            return (itemID(of: text), text)
        }
        let matches = try files(of: text, at: tip)
        guard let first = matches.first else { throw HistoryError.unknownItem(id: text, root: root) }
        guard matches.count == 1 else { throw HistoryError.duplicateItem(id: text, paths: matches) }
        return (text, first)
    }

    /// The files `<id>.yaml` and `<id>.yml` under the root at `tip`, in git's tree order;
    /// remembered in the cache by the root folder's tree id.
    private func files(of id: String, at tip: ObjectID) throws -> [String] {
        let cache = paths.cache
        let folder = root.split(separator: "/").map(String.init)
        guard let rootEntry = try cache.reader.entry(at: folder, inTree: cache.record(tip).treeID),
              rootEntry.mode == .tree else { return [] }
        // A remembered answer is keyed by the folder's tree, so it cannot go stale; it is
        // still checked against that tree (each path must name a file called after the id),
        // so a damaged or edited cache file costs a fresh look, never a wrong history.
        let names: Set<Substring> = ["\(id).yaml", "\(id).yml"]
        let prefix = folder.isEmpty ? "" : folder.joined(separator: "/") + "/"
        if let known = cache.resolution(of: id, inFolder: rootEntry.id), !known.isEmpty,
           try known.allSatisfy({ path in
               guard path.hasPrefix(prefix), names.contains(PathHistory.fileName(path)) else { return false }
               let inside = path.dropFirst(prefix.count).split(separator: "/").map(String.init)
               return try cache.reader.entry(at: inside, inTree: rootEntry.id)?.mode.isBlob == true
           }) {
            return known
        }
        let found = try cache.reader.files(named: ["\(id).yaml", "\(id).yml"], under: [], inTree: rootEntry.id)
            .map { folder.isEmpty ? $0 : folder.joined(separator: "/") + "/" + $0 }
        // "Not found" is not remembered: it is rare, and could not be checked when read back.
        if !found.isEmpty { cache.remember(found, for: id, inFolder: rootEntry.id) }
        return found
    }

    /// The id of an item file under the root, else nil.
    func itemID(of path: String) -> String? {
        guard root.isEmpty || path.hasPrefix(root + "/") else { return nil }
        let name = PathHistory.fileName(path)
        for suffix in [".yaml", ".yml"] where name.hasSuffix(suffix) {
            return String(name.dropLast(suffix.count))
        }
        return nil
    }

    /// The history of an item or file from `tip` (default HEAD), newest first; with
    /// `field`, only the commits that changed that field (or something inside it), showing
    /// only it — an error when no readable version has that field, so a misspelt name is
    /// not mistaken for a field that never changed; at most `limit` entries.
    public func history(of idOrPath: String, from tip: ObjectID? = nil, field: String? = nil,
                        limit: Int? = nil) throws -> ItemHistoryResult {
        guard let tip = try tip ?? repository.headCommitID() else { throw HistoryError.emptyRepository }
        // Commits are read ahead while the id is looked up among the items' files.
        let prefetching = paths.cache.startPrefetching(from: tip)
        defer { if prefetching { paths.cache.stopPrefetching() } }
        let (id, path) = try resolve(idOrPath, at: tip)
        let log = try paths.itemLog(path: path, from: tip)
        guard !log.changes.isEmpty else { throw HistoryError.neverInHistory(path: path) }

        var entries: [HistoryEntry] = []
        var lastGood: YAMLValue?
        for change in log.changes.reversed() {
            let entry = try makeEntry(change, lastGood: lastGood)
            if entry.error == nil { lastGood = entry.data }
            entries.append(entry)
        }
        entries.reverse()
        if let field {
            let all = entries
            entries = entries.compactMap { entry in
                var entry = entry
                entry.fields = entry.fields.filter { $0.concerns(field) }
                return entry.fields.isEmpty ? nil : entry
            }
            // A field some version had always shows up (its addition at least), so an empty
            // answer for a field no version had is a name that is wrong, not a quiet field —
            // unless it is one SPEC §4 gives the item's kind (a release never dated yet: its
            // date never changed), or a shallow clone hides the older versions, where the
            // field may be.
            if entries.isEmpty && !log.truncated {
                let versions = all.compactMap(\.data)
                let paths = Self.fieldPaths(versions)
                let kinds = versions.compactMap { version -> Kind? in
                    guard case let .string(name)? = Slips.value(version, "kind") else { return nil }
                    return Kind(rawValue: name)
                }
                if !paths.contains(field) && !kinds.contains(where: { $0.knownFields.contains(field) }) {
                    throw HistoryError.unknownField(field: field, item: id.map { "\($0) (\(path))" } ?? path,
                                                    fields: Self.fieldPaths(versions, nested: false),
                                                    nearest: EditDistance.nearest(to: field, in: paths))
                }
            }
        }
        if let limit { entries = Array(entries.prefix(max(0, limit))) }
        return ItemHistoryResult(item: id, path: path, entries: entries, truncated: log.truncated)
    }

    /// Every field path (`date`, `waive`, `waive.launch-lag`; without `nested`, only the
    /// top-level keys) of these versions, each once, in the order of the versions and their keys.
    static func fieldPaths(_ versions: [YAMLValue], nested: Bool = true) -> [String] {
        var seen: Set<String> = [], paths: [String] = []
        func walk(_ value: YAMLValue, _ prefix: String) {
            guard case let .mapping(pairs) = value else { return }
            for pair in pairs {
                let path = prefix.isEmpty ? FieldChange.keyText(pair.key) : prefix + "." + FieldChange.keyText(pair.key)
                if seen.insert(path).inserted { paths.append(path) }
                if nested { walk(pair.value, path) }
            }
        }
        for version in versions { walk(version, "") }
        return paths
    }

    private func decode(_ path: String, in commit: ObjectID) throws -> Result<YAMLValue, HistoryDecodeFailure>? {
        // Through the walk's reader: the trees on the way were read when the walk confirmed
        // the change, and it still holds them.
        let cache = paths.cache
        let names = path.split(separator: "/").map(String.init)
        guard let entry = try cache.reader.entry(at: names, inTree: cache.record(commit).treeID), entry.mode.isBlob else {
            return nil
        }
        return decoder(try repository.blobData(entry.id))
    }

    private func makeEntry(_ change: PathChange, lastGood: YAMLValue?) throws -> HistoryEntry {
        let info = try repository.commit(change.commit)
        var entry = HistoryEntry(
            commit: change.commit,
            author: HistoryAuthor(name: info.author.name, email: info.author.email),
            date: CommitTime.iso8601(info.author.date, offsetMinutes: info.author.timeZoneOffsetMinutes),
            authorDate: info.author.date, authorOffsetMinutes: info.author.timeZoneOffsetMinutes,
            committerDate: info.committer.date, committerOffsetMinutes: info.committer.timeZoneOffsetMinutes,
            subject: info.summary, path: change.path,
            previousPath: change.previousPath, change: change.kind, fields: [], error: nil, data: nil)

        var new: YAMLValue?
        if change.kind != .deleted {
            switch try decode(change.path, in: change.commit) {
            case let .success(value)?: new = value
            case let .failure(failure)?:
                entry.error = "\(change.path) at \(change.commit.short) cannot be read: \(failure)"
                return entry
            case nil: break
            }
        }
        var old: YAMLValue?
        if change.kind != .added, change.kind != .boundary, !paths.cache.isShallowBoundary(change.commit), let parent = info.parents.first {
            switch try decode(change.previousPath ?? change.path, in: parent) {
            case let .success(value)?: old = value
            case .failure?: old = lastGood
            case nil: old = nil
            }
        }
        entry.data = new
        // At a shallow boundary the version before is unknown: no field is said to change
        // there, so blame credits it with nothing and slips take no first date from it.
        entry.fields = change.kind == .boundary ? [] : FieldChange.changes(from: old, to: new)
        return entry
    }
}
