extension ChangedPathIndex {
    /// The index file's bytes for the reader's commit-graph: every commit's changes against
    /// its first parent, from its trees, looking into every folder that differs. Commits are
    /// compared oldest first, so a commit's parent's trees were read just before and are still
    /// held by the reader. Nil when the repository has no usable graph, a commit of it cannot
    /// be read, or `shouldContinue` (asked every few commits) says to stop.
    public static func build(_ reader: HistoryReader, shouldContinue: () -> Bool = { true }) throws -> [UInt8]? {
        guard let graph = reader.commitGraph else { return nil }
        var links: [CommitLink] = []
        links.reserveCapacity(graph.count)
        for position in 0..<graph.count {
            guard let link = graph.link(atPosition: position) else { return nil }
            links.append(link)
        }
        let order = links.indices.sorted { (links[$0].commitTime, $0) < (links[$1].commitTime, $1) }
        var keys = [[UInt64]](repeating: [], count: links.count)
        for (done, position) in order.enumerated() {
            if done % 64 == 0, !shouldContinue() { return nil }
            let link = links[position]
            var parentTree: ObjectID?
            if let first = link.parents.first {
                guard let parent = graph.link(first) else { return nil }
                parentTree = parent.treeID
            }
            keys[position] = try reader.changes(from: parentTree, to: link.treeID, expanding: { _ in true }).map { key($0.path) }
        }
        return encode(graphChecksum: graph.checksum, layerCount: graph.layerCount, keys: keys)
    }
}
