/// A reference from one item to another: `theme`, `epic`, `release`, a `promotes` entry or a
/// `depends-on` entry (an epic, story, release or campaign).
struct Reference {
    var field: String
    var target: String
    var node: YAMLNode
    var allowed: [Kind]

    /// The references an item holds (string values only; other types are invalid-values).
    static func of(_ item: Item) -> [Reference] {
        var refs: [Reference] = []
        func add(_ field: String, _ allowed: [Kind]) {
            if let node = item.value(field), let target = node.string {
                refs.append(Reference(field: field, target: target, node: node, allowed: allowed))
            }
        }
        switch item.kind {
        case .epic?:
            add("theme", [.theme])
            add("release", [.release])
        case .story?:
            add("epic", [.epic])
            add("release", [.release])
        case .campaign?:
            for (target, node) in item.promotes {
                refs.append(Reference(field: "promotes", target: target, node: node, allowed: [.release, .epic, .story]))
            }
        default:
            break
        }
        for dependency in item.dependsOn where item.kind.map(Dependencies.kinds.contains) == true {
            refs.append(Reference(field: "depends-on", target: dependency.id, node: dependency.node, allowed: Dependencies.kinds))
        }
        return refs
    }

    var allowedText: String {
        let names = allowed.count == 1 ? allowed[0].rawValue
            : allowed.dropLast().map(\.rawValue).joined(separator: ", ") + " or " + allowed.last!.rawValue
        return (names.first.map { "aeiou".contains($0) } == true ? "an " : "a ") + names
    }
}
