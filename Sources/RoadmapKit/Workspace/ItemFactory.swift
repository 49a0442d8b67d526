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

    /// Applies field assignments to a document, each as a minimal edit.
    static func apply(_ assignments: [FieldAssignment], to document: inout YAMLDocument) throws {
        for assignment in assignments {
            do {
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
