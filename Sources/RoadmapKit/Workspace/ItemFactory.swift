/// Makes item files from the templates (`templates/<kind>.yaml`), as `roadmap new` and the
/// example roadmap do: the template's comments and layout, with the given fields set, in
/// canonical layout.
public enum ItemFactory {
    /// The template text for a kind: the repository's own `templates/<kind>.yaml` when given,
    /// else the one shipped with the tool.
    public static func builtinTemplate(_ kind: Kind) -> String {
        Resources.text("templates/\(kind.rawValue).yaml") ?? "kind: \(kind.rawValue)\ntitle: \"\"\n"
    }

    public static func make(kind: Kind, template: String? = nil, title: String, fields: [FieldAssignment]) throws -> [UInt8] {
        var document: YAMLDocument
        do {
            document = try YAMLParser.parse(Array((template ?? builtinTemplate(kind)).utf8))
        } catch {
            throw RoadmapError("the \(kind.rawValue) template cannot be read: \(error.location): \(error.message)")
        }
        guard document.root.pairs != nil else {
            throw RoadmapError("the \(kind.rawValue) template is not a mapping of fields")
        }
        try apply([FieldAssignment(path: ["title"], value: .string(title))] + fields, to: &document)
        return Canonical.layout(document, kind: kind)
    }

    /// The path of `assets.ID[.FIELD]` with the asset's index in place of its id. An id the
    /// campaign does not have yet is added as a new asset `{id: ID, FIELD: VALUE}` (nil is
    /// returned: that edit is done); removing a field of a missing asset is an error.
    static func assetPath(_ assignment: FieldAssignment, in document: inout YAMLDocument) throws -> [String]? {
        let id = assignment.path[1]
        let entries = document.root["assets"]?.items ?? []
        if let index = entries.firstIndex(where: { $0["id"]?.string == id }) {
            return ["assets", String(index)] + assignment.path.dropFirst(2)
        }
        guard let value = assignment.value else {
            throw RoadmapError("no asset '\(id)' in 'assets'; the asset ids are \(entries.compactMap { $0["id"]?.string }.joined(separator: ", "))")
        }
        guard assignment.path.count == 3 else {
            throw RoadmapError("no asset '\(id)' in 'assets': add one with assets.\(id).title=…")
        }
        var pairs: [(key: YAMLValue, value: YAMLValue)] = [(.string("id"), .string(id))]
        if assignment.path[2] != "id" { pairs.append((.string(assignment.path[2]), value)) }
        try document.append(["assets"], .mapping(pairs))
        return nil
    }

    /// Applies field assignments to a document, each as a minimal edit.
    static func apply(_ assignments: [FieldAssignment], to document: inout YAMLDocument) throws {
        for var assignment in assignments {
            do {
                if assignment.path.first == "assets", assignment.path.count >= 2 {
                    guard let resolved = try assetPath(assignment, in: &document) else { continue }
                    assignment.path = resolved
                }
                switch assignment.value {
                case nil:
                    if document.root[assignment.path[0]] != nil || assignment.path.count > 1 { try document.remove(assignment.path) }
                case let .string(text)? where assignment.path == ["description"]:
                    try document.setText(assignment.path, text.hasSuffix("\n") ? text : text + "\n")
                case let .sequence(items)?:
                    try document.setSequence(assignment.path, items)
                case let value?:
                    try document.setValue(assignment.path, value)
                }
            } catch let error as RoadmapError {
                throw error
            } catch {
                throw RoadmapError("cannot set \(assignment.key): \(error)")
            }
        }
    }
}

/// The canonical layout of `roadmap fmt` (SPEC §3): schema key order, two-space indentation,
/// one blank line before `description`.
public enum Canonical {
    public static func layout(_ document: YAMLDocument, kind: Kind?) -> [UInt8] {
        let present = document.root.pairs?.compactMap(\.key.string) ?? []
        let order: [String]
        if let kind {
            order = present.enumerated().sorted { a, b in
                let (ra, rb) = (kind.canonicalRank(of: a.element), kind.canonicalRank(of: b.element))
                return ra != rb ? ra < rb : a.offset < b.offset
            }.map(\.element)
        } else {
            order = present
        }
        return YAMLFormatter.canonical(document, keyOrder: order, blankLineBefore: ["description"])
    }
}
