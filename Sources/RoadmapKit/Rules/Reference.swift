/// A reference from one item to another: `theme`, `epic`, `release`, a `promotes` entry, a
/// `depends-on` entry (an epic, story, release or campaign), and (SPEC §13) a `goals` entry,
/// a campaign's `program` and an asset's `announces` entry.
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
        func addGoals() {
            for (target, node) in item.goals {
                refs.append(Reference(field: "goals", target: target, node: node, allowed: [.goal]))
            }
        }
        switch item.kind {
        case .theme?:
            addGoals()
        case .epic?:
            add("theme", [.theme])
            add("release", [.release])
            addGoals()
        case .story?:
            add("epic", [.epic])
            add("release", [.release])
        case .campaign?:
            for (target, node) in item.promotes {
                refs.append(Reference(field: "promotes", target: target, node: node, allowed: [.release, .epic, .story]))
            }
            add("program", [.program])
            addGoals()
            for asset in item.assets {
                for (target, node) in asset.announces {
                    refs.append(Reference(field: "announces", target: target, node: node, allowed: [.epic, .story, .release]))
                }
            }
        case .program?:
            addGoals()
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
