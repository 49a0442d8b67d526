import GitKit

extension Workspace {
    /// `cachedReview(base:head: .index)` (the pre-commit hook's review) at the cost of the
    /// change, not of the roadmap: the base tree's cache file is read in place
    /// (`IndexedEntry`), git's index is merged with its file list by bytes (no String or
    /// object per unchanged file), and only the entries the change's closure reaches are
    /// decoded. The result is `cachedReview`'s: the same `findingsAfter` over the same graphs.
    ///
    /// Without `listing`, only the findings of the items the change may affect are decoded and
    /// compared; every other item's (existing in both states) are counted from the file's
    /// totals (`ReviewResult.unlisted`), so nothing here grows with the roadmap's findings.
    ///
    /// Nil when this does not apply, and the caller reviews the general way: no cache file
    /// of this version for the base tree (that review writes it), a path that is not ASCII
    /// (Swift orders and compares those otherwise than bytes), an index not sorted by bytes,
    /// a damaged file, or a change `findingsAfter` cannot do exactly.
    func stagedReview(base: ObjectID, today: RoadmapDate, listing: Bool = true) throws -> ReviewResult? {
        let repository = self.repository
        let tree = try git("reading commit \(base.short)") { try repository.commit(base) }.treeID
        let key = ReviewCache.key(tree: tree, config: config, today: today)
        guard let entry = ReviewCache(repository: repository).indexed(tree: tree, key: key), entry.byteOrdered,
              root.utf8.allSatisfy({ $0 < 0x80 }) else { return nil }
        let prefix = Array((root.isEmpty ? "" : root + "/").utf8)
        let configFile = Array(RoadmapConfig.fileName.utf8)
        let yaml = Array(".yaml".utf8), yml = Array(".yml".utf8)
        /// `Snapshot.isItemPath` on the bytes of an ASCII path.
        func isItem(_ path: UnsafeRawBufferPointer) -> Bool {
            guard path.count > prefix.count, path.starts(with: prefix),
                  path.reversed().starts(with: yaml.reversed()) || path.reversed().starts(with: yml.reversed()) else { return false }
            return !prefix.isEmpty || !path.elementsEqual(configFile)
        }

        // The index's item files against the entry's, both sorted by bytes: the entry's files
        // that are gone or differ (by blob, or symlink or not: `changedIDs`), and the index's
        // files that are new or differ.
        var removed: [Int] = [], added: [StateFile] = []
        var items = 0, valid = true
        var oldIndex = 0, position = entry.firstFile
        var current = entry.count > 0 ? entry.file(at: position) : nil
        func advance() {
            oldIndex += 1
            position = current?.next ?? position
            current = oldIndex < entry.count ? entry.file(at: position) : nil
        }
        var previous: [UInt8] = []
        try git("reading the index") {
            try repository.forEachIndexEntry { path, id, mode, stage in
                guard valid, stage == 0, let mode, mode.isBlob, isItem(path) else { return }
                guard path.allSatisfy({ $0 < 0x80 }), previous.lexicographicallyPrecedes(path) else {
                    valid = false
                    return
                }
                previous.removeAll(keepingCapacity: true)
                previous.append(contentsOf: path)
                items += 1
                while let old = current, old.path.lexicographicallyPrecedes(path) {
                    removed.append(oldIndex)
                    advance()
                }
                if let old = current, old.path.elementsEqual(path) {
                    if old.blob != id || (old.mode == 2) != (mode == .symlink) {
                        removed.append(oldIndex)
                        added.append(StateFile(path: String(decoding: path, as: UTF8.self), blob: id, mode: mode))
                    }
                    advance()
                } else {
                    added.append(StateFile(path: String(decoding: path, as: UTF8.self), blob: id, mode: mode))
                }
            }
        }
        while current != nil {
            removed.append(oldIndex)
            advance()
        }
        guard valid, !entry.damaged else { return nil }
        if removed.isEmpty && added.isEmpty {
            guard listing else { return Reviewer.compare(base: [], head: [], items: items, unlisted: entry.totals) }
            let findings = entry.findings
            return entry.damaged ? nil : Reviewer.compare(base: findings, head: findings, items: items)
        }

        // The files of the changed ids in both states (`FileChange`), and the new entries.
        var changed = Set(added.map(\.id))
        for index in removed {
            guard let (_, file) = entry.record(index) else { return nil }
            changed.insert(file.id)
        }
        let oldIndices = Set(changed.flatMap { entry.indices(ofID: $0) }).sorted()
        let removedSet = Set(removed)
        var oldFiles: [StateFile] = [], changedNew = added
        for index in oldIndices {
            guard let (_, file) = entry.record(index) else { return nil }
            oldFiles.append(file)
            if !removedSet.contains(index) { changedNew.append(file) }  // unchanged, of a changed id
        }
        changedNew.sort { $0.path < $1.path }
        var parsed: [String: ParsedFile] = [:]
        for file in ItemParsing.parseAll(try read(changedNew, at: .index)) { parsed[file.path] = file }
        var changedGraph: [String: GraphEntry] = [:]
        for g in GraphEntry.entries(of: Snapshot(files: Array(parsed.values), config: config)) { changedGraph[g.path] = g }
        var changedEntries: [GraphEntry] = []
        for file in changedNew {
            guard let g = changedGraph[file.path] else { return nil }
            changedEntries.append(g)
        }

        let before = ItemGraph(entry, removing: [], adding: [])
        let after = ItemGraph(entry, removing: Set(oldIndices), adding: changedEntries)
        let neededFiles = { (needed: Set<String>) -> [StateFile] in
            // An unchanged id has the same files in both states.
            var files = changedNew.filter { needed.contains($0.id) }
            for id in needed where !changed.contains(id) { files += entry.indices(ofID: id).compactMap { entry.record($0)?.1 } }
            files.sort { $0.path < $1.path }
            return files
        }
        if listing {
            let oldFindings = entry.findings
            guard !entry.damaged,
                  let headFindings = try findingsAfter(change: changed, from: oldFindings, before: before, after: after,
                                                       neededFiles: neededFiles, oldFiles: { oldFiles }, parsed: parsed,
                                                       at: .tree(tree), .index, today: today, withBase: true),
                  !entry.damaged else { return nil }
            return Reviewer.compare(base: oldFindings, head: headFindings, items: items)
        }
        // The affected items' findings alone, both states; every other finding is in both.
        var oldByItem: [String: [Finding]] = [:]
        func oldFindings(of id: String) -> [Finding] {
            if let known = oldByItem[id] { return known }
            let found = entry.findings(ofItem: id)
            oldByItem[id] = found
            return found
        }
        let dangling = DanglingReferenceRule().id
        guard let (affected, local) = try rejudge(change: changed, before: before, after: after, hadDangling: entry.danglingCount > 0,
                                                  danglingAmong: { $0.contains { oldFindings(of: $0).contains { $0.rule == dangling } } },
                                                  neededFiles: neededFiles, oldFiles: { oldFiles }, parsed: parsed,
                                                  at: .tree(tree), .index, today: today, withBase: true) else { return nil }
        let oldAffected = affected.flatMap(oldFindings(of:)).sorted(by: Finding.reportOrder)
        var unlisted = entry.totals
        for finding in oldAffected { unlisted[finding.severity, default: 0] -= 1 }
        guard !entry.damaged, unlisted.values.allSatisfy({ $0 >= 0 }) else { return nil }
        return Reviewer.compare(base: oldAffected, head: local.sorted(by: Finding.reportOrder), items: items, unlisted: unlisted)
    }
}
