/// New item files for an import, written in one pass: the kind template's comment header,
/// then the fields, parsed once and laid out canonically.
///
/// `ItemFactory.make` (what `roadmap new` uses) applies each field as a checked edit that
/// re-parses the document, about ten parses an item: 10,000 imported rows spent most of their
/// time there. This gives the same bytes (a test compares the two on every fixture item)
/// from one parse, checks that the file loads to exactly the intended data, and falls back to
/// `ItemFactory.make` whenever it cannot (a template without a plain comment header, a value
/// it did not render back).
enum ItemComposer {
    /// What the import keeps of a kind's template: its comment header and default status.
    struct Prototype: Sendable {
        var header: [UInt8]
        var status: YAMLValue?
    }

    /// The template's leading comment lines, when its own fields are only kind, title, status
    /// and a placeholder description (which the import sets or removes anyway); else nil.
    static func prototype(_ template: String) -> Prototype? {
        var header: [UInt8] = []
        for line in template.split(separator: "\n", omittingEmptySubsequences: false) {
            guard line.hasPrefix("#") else { break }
            header += Array(line.utf8) + [0x0A]
        }
        guard let document = try? YAMLParser.parse(Array(template.utf8)),
              let keys = document.root.pairs?.compactMap(\.key.string),
              Set(keys).isSubset(of: ["kind", "title", "status", "description"]) else { return nil }
        return Prototype(header: header, status: document.root["status"]?.scalar)
    }

    static func make(kind: Kind, template: String?, prototype: Prototype?, title: String, fields: [FieldAssignment]) throws -> [UInt8] {
        if let prototype, let bytes = compose(kind: kind, prototype: prototype, title: title, fields: fields) {
            return bytes
        }
        return try ItemFactory.make(kind: kind, template: template, title: title, fields: fields)
    }

    static func compose(kind: Kind, prototype: Prototype, title: String, fields: [FieldAssignment]) -> [UInt8]? {
        let header = prototype.header
        var pairs: [(key: YAMLValue, value: YAMLValue)] = [(.string("kind"), .string(kind.rawValue)), (.string("title"), .string(title))]
        if let status = prototype.status { pairs.append((.string("status"), status)) }
        var description: String?
        for field in fields {
            guard field.path.count == 1 else { return nil }
            let key = field.path[0]
            if key == "description" {
                if case let .string(text)? = field.value { description = text.hasSuffix("\n") ? text : text + "\n" }
                continue
            }
            pairs.removeAll { $0.key == .string(key) }
            if let value = field.value { pairs.append((.string(key), value)) }
        }
        var body = header
        guard case let .lines(lines) = Render.block(.mapping(pairs), prefer: .init()) else { return nil }
        for line in lines { body += line + [0x0A] }
        var expected = pairs
        if let description {
            guard case let .blockScalar(indicator, textLines) = Render.block(.string(description), prefer: .init(literal: true)) else { return nil }
            body += Array("\ndescription: ".utf8) + indicator + [0x0A]
            for line in textLines { body += (line.isEmpty ? [] : [0x20, 0x20] + line) + [0x0A] }
            expected.append((.string("description"), .string(description)))
        }
        guard let document = try? YAMLParser.parse(body), document.data == .mapping(expected) else { return nil }
        return Canonical.layout(document, kind: kind)
    }
}
