// libFuzzer entry for the commit-graph reader history walks use (Sources/GitKit/ObjectStore:
// CommitGraph, CommitGraphFile, ChangedPathFilter). Built by Fuzz/run.sh with the
// ObjectStore sources, libgit2 and zlib.
//
// An input is a commit-graph file (first byte even), or two layers of a split chain (first
// byte odd: the rest is cut before its second "CGPH"). The harness writes them as a
// repository's objects/info (a chain's layers named after their trailing 20 bytes, as git
// names them), loads the graph without checking checksums (else nearly every input would
// stop there), and reads every commit it lists: its link, generations, and filter answers.
// For every input: nothing traps or reads out of bounds; a link's parents are commits of the
// graph.
//
// The same bytes (after the first) are also read as roadmap's complete changed-path index
// (ChangedPathIndex, `path-index-v1`): opened with every check on (its own check is cheap, so
// the seeds carry a valid one), asked for every position it covers, and matched against the
// graph. A real index is among the seeds (Fuzz/corpus/graph/).

import Foundation

private var round = 0
private let scratch = (FileManager.default.fileExists(atPath: "/dev/shm") ? URL(fileURLWithPath: "/dev/shm")
    : FileManager.default.temporaryDirectory).appendingPathComponent("graphfuzz-\(getpid())")
private let queries = ["a", "a/b/one.txt", "top.txt", "caf\u{e9}", "s1/f.txt"].map { ChangedPathQuery(path: $0) }

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard bytes.count >= 2 else { return 0 }
    if round == 0 { atexit { try? FileManager.default.removeItem(at: scratch) } }
    round += 1
    let objects = scratch.appendingPathComponent("\(round)")
    let info = objects.appendingPathComponent("info")
    defer { try? FileManager.default.removeItem(at: objects) }
    do {
        if bytes[0] & 1 == 0 {
            try FileManager.default.createDirectory(at: info, withIntermediateDirectories: true)
            try Data(bytes[1...]).write(to: info.appendingPathComponent("commit-graph"))
        } else {
            let rest = Array(bytes[1...])
            let magic = Array("CGPH".utf8)
            var cut = rest.count
            if rest.count > 8 {
                for start in 4..<(rest.count - 3) where Array(rest[start..<(start + 4)]) == magic {
                    cut = start
                    break
                }
            }
            let folder = info.appendingPathComponent("commit-graphs")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            var chain = ""
            for layer in [Array(rest[..<cut]), Array(rest[cut...])] where layer.count >= 20 {
                let name = layer.suffix(20).map { String(format: "%02x", $0) }.joined()
                try Data(layer).write(to: folder.appendingPathComponent("graph-\(name).graph"))
                chain += name + "\n"
            }
            try Data(chain.utf8).write(to: folder.appendingPathComponent("commit-graph-chain"))
        }
    } catch {
        preconditionFailure("cannot write the scratch graph: \(error)")
    }
    let indexFile = objects.appendingPathComponent("path-index-v1")
    try? Data(bytes[1...]).write(to: indexFile)
    let index = ChangedPathIndex(path: indexFile.path)
    if let index {
        let keys = queries.map { ChangedPathIndex.key($0.path) }
        for position in 0..<min(index.commitCount, 4096) {
            for key in keys { precondition(index.mayHaveChanged(key: key, atPosition: position) != nil, "a covered position unanswered") }
        }
        precondition(index.mayHaveChanged(key: 0, atPosition: index.commitCount) == nil, "a position beyond the index answered")
    }
    guard let graph = CommitGraph.load(objectsDirectory: objects.path, verifyChecksum: false) else { return 0 }
    if let index { _ = index.matches(graph) }
    let ids = graph.allIDs()
    precondition(ids.count == graph.count, "\(ids.count) ids for \(graph.count) commits")
    let known = Set(ids)
    for id in ids.prefix(4096) {
        if let link = graph.link(id) {
            precondition(link.parents.allSatisfy(known.contains), "a parent outside the graph")
        }
        _ = graph.generation(of: id)
        for query in queries { _ = graph.mayHaveChanged(query, in: id) }
    }
    return 0
}
