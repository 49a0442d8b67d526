import Foundation
import Synchronization

/// git's commit-graph of a repository: `objects/info/commit-graph`, or else the split chain
/// `objects/info/commit-graphs/commit-graph-chain` (one `graph-<checksum>.graph` per line,
/// the lowest layer first), read as git reads it.
///
/// A history walk takes each commit's tree, parents and time from here instead of
/// inflating the commit, and asks the changed-path Bloom filters whether a path may have
/// changed against the first parent. Commits the graph does not hold (made after it was
/// written) are read from their objects. Positions are over the whole chain: a layer's
/// commits come after those of the layers below it, and a parent is named by position.
///
/// Like git, a chain is used as far as its layers load and agree with each other (each
/// layer's file named by its checksum, and naming the layers below in its BASE chunk); a
/// layer that does not is left out with the layers above it.
public final class CommitGraph: Sendable {
    private let layers: [CommitGraphFile]
    /// The position of each layer's first commit.
    private let starts: [Int]
    /// How many commits the graph holds.
    public let count: Int

    init?(layers: [CommitGraphFile]) {
        guard !layers.isEmpty else { return nil }
        var starts: [Int] = []
        var total = 0
        for layer in layers {
            starts.append(total)
            total += layer.count
        }
        self.layers = layers
        self.starts = starts
        self.count = total
    }

    /// The checksum of the top layer (of the file, for a single one): it names the whole
    /// graph, as each layer names the layers below it.
    public var checksum: ObjectID { layers[layers.count - 1].checksum }

    /// How many layers are in use (1 for a single file).
    public var layerCount: Int { layers.count }

    /// True when some layer has changed-path Bloom filters.
    public var hasChangedPathFilters: Bool { layers.contains { $0.bloomSettings != nil } }

    /// The graph of an objects folder as it is now, nil when there is none that can be used.
    /// Each graph file is read and its checksum checked once per process (and again after
    /// git rewrites it); with `verifiedRecord` (a file path), the files verified by an
    /// earlier process are trusted without hashing them again (see `VerifiedGraphFiles`).
    public static func shared(objectsDirectory: String, verifiedRecord: String? = nil) -> CommitGraph? {
        let info = objectsDirectory + "/info"
        let stamp = [Stamp.of(info + "/commit-graph"), Stamp.of(info + "/commit-graphs/commit-graph-chain")]
        if stamp.allSatisfy({ $0 == nil }) { return nil }
        return registry.withLock { registry in
            if let existing = registry[objectsDirectory], existing.stamp == stamp { return existing.graph }
            var verified = verifiedRecord.map(VerifiedGraphFiles.init(path:))
            let made = load(objectsDirectory: objectsDirectory, verified: &verified)
            verified?.save()
            registry[objectsDirectory] = Loaded(stamp: stamp, graph: made)
            return made
        }
    }

    private struct Stamp: Equatable, Sendable {
        var inode: UInt64
        var size: Int
        var seconds: Int
        var nanoseconds: Int

        static func of(_ path: String) -> Stamp? {
            var status = stat()
            guard stat(path, &status) == 0 else { return nil }
            return Stamp(inode: UInt64(status.st_ino), size: Int(status.st_size),
                         seconds: Int(status.st_mtim.tv_sec), nanoseconds: Int(status.st_mtim.tv_nsec))
        }
    }

    private struct Loaded: Sendable {
        var stamp: [Stamp?]
        var graph: CommitGraph?
    }

    private static let registry = Mutex<[String: Loaded]>([:])

    /// Reads the graph afresh (`verifyChecksum` off only for the fuzzer).
    static func load(objectsDirectory: String, verifyChecksum: Bool = true) -> CommitGraph? {
        var verified: VerifiedGraphFiles?
        return load(objectsDirectory: objectsDirectory, verifyChecksum: verifyChecksum, verified: &verified)
    }

    /// Reads the graph afresh, trusting the files `verified` remembers and adding to it the
    /// files it verifies.
    static func load(objectsDirectory: String, verifyChecksum: Bool = true, verified: inout VerifiedGraphFiles?) -> CommitGraph? {
        let info = objectsDirectory + "/info"
        func open(_ path: String) -> CommitGraphFile? {
            guard let file = MappedFile(path: path) else { return nil }
            let trusted = verified?.isVerified(file) == true
            guard let graph = CommitGraphFile(file, verifyChecksum: verifyChecksum && !trusted) else { return nil }
            if verifyChecksum && !trusted { verified?.add(file, checksum: graph.checksum) }
            return graph
        }
        // git reads the single file first, and the chain only when that does not load.
        if let graph = open(info + "/commit-graph"), graph.baseCount == 0 {
            return CommitGraph(layers: [graph])
        }
        // Mapped, not read with FileManager.contents(atPath:), which leaks its 4 KB buffer on an
        // empty file (LeakSanitizer in the graph fuzz target); an empty chain names no layer.
        guard let chain = MappedFile(path: info + "/commit-graphs/commit-graph-chain") else { return nil }
        var layers: [CommitGraphFile] = []
        for line in String(decoding: chain.bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false) {
            guard let name = ObjectID(hex: String(line)),
                  let layer = open(info + "/commit-graphs/graph-\(name.hex).graph"),
                  layer.checksum == name, layer.baseCount == layers.count,
                  layers.indices.allSatisfy({ layer.base($0) == layers[$0].checksum }) else { break }
            layers.append(layer)
        }
        return CommitGraph(layers: layers)
    }

    /// The commit's position in the graph; nil when the graph does not hold it.
    public func position(of id: ObjectID) -> Int? {
        for (number, layer) in layers.enumerated().reversed() {
            if let index = layer.index(of: id) { return starts[number] + index }
        }
        return nil
    }

    /// The layer holding a position, and the position within it.
    private func locate(_ position: Int) -> (layer: Int, index: Int)? {
        guard position >= 0, position < count else { return nil }
        var number = layers.count - 1
        while starts[number] > position { number -= 1 }
        return (number, position - starts[number])
    }

    /// The commit's tree, parents and commit time; nil when the graph does not hold it or
    /// its entry names a parent outside the layers it may refer to.
    public func link(_ id: ObjectID) -> CommitLink? {
        guard let position = position(of: id) else { return nil }
        return link(at: position, id: id)
    }

    /// The link of the commit at a position (0 ..< count); nil out of range or when its
    /// entry names a parent outside the layers it may refer to.
    public func link(atPosition position: Int) -> CommitLink? {
        guard let (number, index) = locate(position) else { return nil }
        return link(at: position, id: layers[number].id(at: index))
    }

    func link(at position: Int, id: ObjectID) -> CommitLink? {
        guard let (number, index) = locate(position), let entry = layers[number].entry(at: index) else { return nil }
        // A layer names commits of its own and of the layers below it only (git's check).
        let limit = starts[number] + layers[number].count
        var parents: [ObjectID] = []
        parents.reserveCapacity(entry.parents.count)
        for parent in entry.parents {
            guard Int(parent) < limit, let (parentLayer, parentIndex) = locate(Int(parent)) else { return nil }
            parents.append(layers[parentLayer].id(at: parentIndex))
        }
        return CommitLink(id: id, treeID: entry.tree, parents: parents, commitTime: entry.commitTime)
    }

    // MARK: By position, without making ids (walks over the whole graph)

    /// The id of the commit at a position; nil out of range.
    public func id(atPosition position: Int) -> ObjectID? {
        guard let (number, index) = locate(position) else { return nil }
        return layers[number].id(at: index)
    }

    /// The root tree of the commit at a position; nil out of range.
    public func tree(atPosition position: Int) -> ObjectID? {
        guard let (number, index) = locate(position) else { return nil }
        return layers[number].tree(at: index)
    }

    /// The commit time of the commit at a position; nil out of range.
    public func commitTime(atPosition position: Int) -> Int64? {
        guard let (number, index) = locate(position) else { return nil }
        return layers[number].commitTime(at: index)
    }

    /// Puts the positions of the parents of the commit at a position, in order, into
    /// `parents` (emptied first; no allocation once it has room). False out of range or when
    /// the entry names a parent outside the layers it may refer to (git's check), as
    /// `link(atPosition:)` refuses it.
    public func parentPositions(atPosition position: Int, into parents: inout [Int]) -> Bool {
        parents.removeAll(keepingCapacity: true)
        guard let (number, index) = locate(position) else { return false }
        let layer = layers[number]
        let limit = starts[number] + layer.count
        let (first, second) = layer.parentWords(at: index)
        if second & CommitGraphFile.extraEdges != 0 {
            guard let entry = layer.entry(at: index) else { return false }
            for parent in entry.parents {
                guard Int(parent) < limit else { return false }
                parents.append(Int(parent))
            }
            return true
        }
        if first != CommitGraphFile.parentNone {
            guard Int(first) < limit else { return false }
            parents.append(Int(first))
        }
        if second != CommitGraphFile.parentNone {
            guard Int(second) < limit else { return false }
            parents.append(Int(second))
        }
        return true
    }

    /// The commit's generation numbers: git's topological level and, when the graph has
    /// generation data (GDA2), its corrected commit date. Nil when the graph does not hold it.
    public func generation(of id: ObjectID) -> (level: UInt32, correctedCommitDate: Int64?)? {
        guard let position = position(of: id), let (number, index) = locate(position),
              let entry = layers[number].entry(at: index) else { return nil }
        return (layers[number].topologicalLevel(at: index), layers[number].correctedCommitDate(at: index, commitTime: entry.commitTime))
    }

    /// Whether the path may differ between the commit and its first parent (root commits:
    /// the empty tree), as its changed-path filter tells: false is certain, true may be
    /// wrong; nil when there is no filter for the commit (not in the graph, its layer has
    /// none, or git did not compute one for it).
    public func mayHaveChanged(_ query: ChangedPathQuery, in id: ObjectID) -> Bool? {
        guard let position = position(of: id) else { return nil }
        return mayHaveChanged(query, atPosition: position)
    }

    /// `mayHaveChanged(_:in:)` for the commit at a position (a walk over positions).
    public func mayHaveChanged(_ query: ChangedPathQuery, atPosition position: Int) -> Bool? {
        guard let (number, index) = locate(position) else { return nil }
        let layer = layers[number]
        guard let settings = layer.bloomSettings, let filter = layer.filter(at: index) else { return nil }
        return settings.mayContain(query, filter: filter)
    }

    /// Every commit's id, in position order (for tests and the fuzzer).
    func allIDs() -> [ObjectID] {
        layers.flatMap { layer in (0..<layer.count).map { layer.id(at: $0) } }
    }
}
