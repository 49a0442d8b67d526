// libFuzzer entry for the field-level three-way merge of two versions of an item
// (Sources/RoadmapKit/Proposals/ItemMerge.swift). Built by Fuzz/run.sh together with
// Sources/RoadmapKit/Format/*.swift, ItemMerge.swift and MergeConflict.swift.
//
// An input is `base NUL ours NUL theirs` (a missing part is empty; an empty base means
// "added on both sides"). For every input the merge never traps, and when it succeeds:
// the result parses; a field only one side changed has that side's value; a field
// neither changed keeps it; equal sides give ours byte for byte.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let parts = bytes.split(separator: 0, maxSplits: 2, omittingEmptySubsequences: false).map(Array.init)
    let base: [UInt8]? = parts.count > 0 && !parts[0].isEmpty ? parts[0] : nil
    let ours = parts.count > 1 ? parts[1] : []
    let theirs = parts.count > 2 ? parts[2] : []
    let result = ItemMerge.merge(base: base, ours: ours, theirs: theirs, id: "fuzz", path: "roadmap/fuzz.yaml")
    if ours == theirs { precondition(result.bytes == ours, "equal sides did not give ours") }
    guard let merged = result.bytes else {
        precondition(!result.conflicts.isEmpty, "no result and no conflict")
        return 0
    }
    precondition(result.conflicts.isEmpty, "a result with conflicts")
    if let base, base == ours { precondition(merged == theirs, "only their side changed, yet the result is not theirs") }
    if let base, base == theirs { precondition(merged == ours, "only our side changed, yet the result is not ours") }
    guard let mergedDoc = try? YAMLParser.parse(merged) else {
        // Only a verbatim side may be invalid (the merge copies an unchanged-elsewhere file).
        precondition(merged == ours || merged == theirs, "the merge produced invalid YAML")
        return 0
    }
    guard let o = try? YAMLParser.parse(ours).data.stringPairs, let t = try? YAMLParser.parse(theirs).data.stringPairs,
          let m = mergedDoc.data.stringPairs else { return 0 }
    let b = base.flatMap { try? YAMLParser.parse($0).data }.flatMap { $0 == .null ? [] : $0.stringPairs } ?? []
    func value(_ pairs: [(key: String, value: YAMLValue)], _ key: String) -> YAMLValue? { pairs.first { $0.key == key }?.value }
    for key in Set(o.map(\.key) + t.map(\.key) + m.map(\.key)) {
        let bv = value(b, key), ov = value(o, key), tv = value(t, key), mv = value(m, key)
        if ov == tv { precondition(mv == ov, "field '\(key)': both sides agree, the result does not") }
        else if ov == bv { precondition(mv == tv, "field '\(key)': only their side changed it, the result lost that") }
        else if tv == bv { precondition(mv == ov, "field '\(key)': only our side changed it, the result lost that") }
    }
    return 0
}
