/// The three-way merge of one item file, field by field (SPEC §8 `accept`).
///
/// The result starts from our bytes; a field only the other side changed is copied from
/// their file byte for byte (or, when its layout cannot be carried over, set with the
/// format-preserving editor), so every other line stays as it was. A list changed on both
/// sides merges by value (their additions appended, their removals dropped); a mapping
/// (`waive`) merges key by key; a campaign's `assets` merge asset by asset, by id
/// (`AssetMerge`); a field set to two different values is a conflict.
public enum ItemMerge {
    public struct Result: Sendable {
        /// The merged bytes; nil when there are conflicts.
        public var bytes: [UInt8]?
        public var conflicts: [MergeConflict]
    }

    /// - Parameters:
    ///   - base: the file in the merge base; nil when both sides added it.
    ///   - id: the item's id, for conflict messages; `path` likewise.
    ///   - sides: how conflict messages name our side and theirs (`on main`, `in the proposal`).
    public static func merge(base: [UInt8]?, ours: [UInt8], theirs: [UInt8], id: String, path: String,
                             sides: (ours: String, theirs: String) = ("on one side", "on the other")) -> Result {
        if ours == theirs { return Result(bytes: ours, conflicts: []) }
        if let base, base == ours { return Result(bytes: theirs, conflicts: []) }
        if let base, base == theirs { return Result(bytes: ours, conflicts: []) }

        func fileConflict(_ reason: String) -> Result {
            Result(bytes: nil, conflicts: [MergeConflict(item: id, path: path, field: nil, reason: reason)])
        }
        let oursDoc: YAMLDocument, theirsDoc: YAMLDocument
        var baseData: YAMLValue = .mapping([])
        do { oursDoc = try YAMLParser.parse(ours) } catch { return fileConflict("cannot merge field by field: our version is not valid YAML (\(error.message))") }
        do { theirsDoc = try YAMLParser.parse(theirs) } catch { return fileConflict("cannot merge field by field: their version is not valid YAML (\(error.message))") }
        if let base {
            do { baseData = try YAMLParser.parse(base).data } catch { return fileConflict("cannot merge field by field: the common version is not valid YAML (\(error.message))") }
        }
        guard let basePairs = baseData.stringPairs ?? (baseData == .null ? [] : nil),
              let oursPairs = oursDoc.data.stringPairs, let theirsPairs = theirsDoc.data.stringPairs,
              oursDoc.tree.isMapping, theirsDoc.tree.isMapping
        else {
            return fileConflict("cannot merge field by field: a version is not a mapping of named fields")
        }

        var keys = oursPairs.map(\.key)
        for pair in theirsPairs where !keys.contains(pair.key) { keys.append(pair.key) }
        func lookup(_ pairs: [(key: String, value: YAMLValue)], _ key: String) -> YAMLValue? {
            pairs.first { $0.key == key }?.value
        }

        var document = oursDoc
        var conflicts: [MergeConflict] = []
        do {
            for key in keys {
                let b = lookup(basePairs, key), o = lookup(oursPairs, key), t = lookup(theirsPairs, key)
                if t == b || o == t { continue }
                if o == b {
                    if t == nil {
                        try document.remove([key])
                    } else {
                        try carry(key, from: theirsDoc, theirsOrder: theirsPairs.map(\.key), into: &document)
                    }
                    continue
                }
                if key == "assets",
                   try AssetMerge.merge(base: b, ours: o, theirs: t, into: &document, id: id, path: path, sides: sides, conflicts: &conflicts) {
                    continue
                }
                let merged = mergeValues(b, o, t, field: key, id: id, path: path, sides: sides, conflicts: &conflicts)
                guard conflicts.isEmpty else { continue }
                if let merged {
                    if case let .sequence(items) = merged {
                        try document.setSequence([key], items)
                    } else {
                        try document.setValue([key], merged)
                    }
                } else if o != nil {
                    try document.remove([key])
                }
            }
        } catch {
            return fileConflict("cannot merge field by field: \(error)")
        }
        if !conflicts.isEmpty { return Result(bytes: nil, conflicts: conflicts) }
        return Result(bytes: document.bytes, conflicts: [])
    }

    /// Merges one value changed on both sides; nil means absent. Records conflicts.
    static func mergeValues(_ b: YAMLValue?, _ o: YAMLValue?, _ t: YAMLValue?, field: String, id: String, path: String,
                            sides: (ours: String, theirs: String), conflicts: inout [MergeConflict]) -> YAMLValue? {
        if o == t { return o }
        if o == b { return t }
        if t == b { return o }
        func describe(_ v: YAMLValue?) -> String { v.map { "'\($0.shortText)'" } ?? "removed" }
        switch (o, t) {
        case let (.sequence(os)?, .sequence(ts)?):
            var bs: [YAMLValue] = []
            if case let .sequence(items)? = b { bs = items } else if b != nil && b != .null { break }
            let removedByThem = bs.filter { !ts.contains($0) }
            var result = os.filter { !removedByThem.contains($0) }
            for value in ts where !bs.contains(value) && !result.contains(value) { result.append(value) }
            return .sequence(result)
        case (.mapping?, .mapping?):
            guard let op = o?.stringPairs, let tp = t?.stringPairs else { break }
            let bp = b?.stringPairs ?? []
            var keys = op.map(\.key)
            for pair in tp where !keys.contains(pair.key) { keys.append(pair.key) }
            var out: [(key: YAMLValue, value: YAMLValue)] = []
            for key in keys {
                let value = mergeValues(bp.first { $0.key == key }?.value, op.first { $0.key == key }?.value,
                                        tp.first { $0.key == key }?.value, field: field + "." + key, id: id, path: path,
                                        sides: sides, conflicts: &conflicts)
                if let value { out.append((key: .string(key), value: value)) }
            }
            return .mapping(out)
        default:
            break
        }
        let reason: String
        if o == nil {
            reason = "removed \(sides.ours) and set to \(describe(t)) \(sides.theirs)"
        } else if t == nil {
            reason = "set to \(describe(o)) \(sides.ours) and removed \(sides.theirs)"
        } else {
            reason = "set to \(describe(o)) \(sides.ours) and \(describe(t)) \(sides.theirs)"
        }
        conflicts.append(MergeConflict(item: id, path: path, field: field, reason: reason))
        return o
    }

    /// Copies their `key: value` text into our document: replacing our pair's bytes, or
    /// inserting it after the field that precedes it in their file. Falls back to the
    /// format-preserving editor when the text cannot be carried over as it is.
    static func carry(_ key: String, from theirs: YAMLDocument, theirsOrder: [String], into ours: inout YAMLDocument) throws {
        guard let value = theirs.data.field(key) else { return }
        let eolMatches = theirs.lineEnding == ours.lineEnding
        if eolMatches, theirs.tree.kind == .blockMapping, ours.tree.kind == .blockMapping,
           let ti = YAMLDocument.index(of: key, in: theirs.tree) {
            let tStart = theirs.tree.keys[ti].start
            let tRange = tStart..<theirs.lineEndOf(pairEnd(theirs.tree, ti))
            let text = Array(theirs.bytes[tRange])
            let tColumn = tStart - theirs.lineStartOf(tStart)
            if let oi = YAMLDocument.index(of: key, in: ours.tree) {
                let oStart = ours.tree.keys[oi].start
                if oStart - ours.lineStartOf(oStart) == tColumn {
                    let expected = try YAMLDocument.applying(ours.data, [key][...], .set(value))
                    var attempt = ours
                    if (try? attempt.commit(oStart..<ours.lineEndOf(pairEnd(ours.tree, oi)), text, expected: expected)) != nil {
                        ours = attempt
                        return
                    }
                }
            } else if tColumn == 0, ours.tree.keys.first.map({ $0.start - ours.lineStartOf($0.start) }) == 0 {
                // Insert after the nearest field that precedes it in their file and exists in ours.
                let position = theirsOrder.firstIndex(of: key) ?? 0
                let previous = theirsOrder[..<position].reversed().first { YAMLDocument.index(of: $0, in: ours.tree) != nil }
                guard var pairs = ours.data.stringPairs else { throw YAMLEditError("not a mapping") }
                var attempt = ours
                var ok = false
                if let previous, let oi = YAMLDocument.index(of: previous, in: ours.tree) {
                    let at = (pairs.firstIndex { $0.key == previous } ?? pairs.count - 1) + 1
                    pairs.insert((key, value), at: at)
                    let expected = YAMLValue.mapping(pairs.map { (key: .string($0.key), value: $0.value) })
                    ok = (try? attempt.insertLine(after: pairEnd(ours.tree, oi), text, expected: expected)) != nil
                } else if let first = ours.tree.keys.first {
                    pairs.insert((key, value), at: 0)
                    let expected = YAMLValue.mapping(pairs.map { (key: .string($0.key), value: $0.value) })
                    let at = ours.lineStartOf(first.start)
                    ok = (try? attempt.commit(at..<at, text + ours.lineEnding, expected: expected)) != nil
                }
                if ok {
                    ours = attempt
                    return
                }
            }
        }
        try ours.setValue([key], value)
    }

    /// The byte after a block mapping entry's value (its `:` when the value is empty); the
    /// rest of that line can only be spaces and a comment, which travel with the field.
    static func pairEnd(_ mapping: SyntaxNode, _ i: Int) -> Int {
        max(mapping.children[i].end, mapping.indicators.indices.contains(i) ? mapping.indicators[i] + 1 : mapping.keys[i].end)
    }
}
