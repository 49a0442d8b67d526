import Testing
@testable import RoadmapKit

/// The import's one-pass item writer gives exactly the bytes `roadmap new` (ItemFactory) gives.
@Suite("Import: item composer")
struct ItemComposerTests {
    static let cases: [(Kind, String, [FieldAssignment])] = [
        (.story, "Invoice PDFs", [
            FieldAssignment(path: ["status"], value: .string("in-progress")),
            FieldAssignment(path: ["owner"], value: .string("@maria")),
            FieldAssignment(path: ["epic"], value: .string("billing-v2")),
            FieldAssignment(path: ["release"], value: .string("2.0")),
            FieldAssignment(path: ["end"], value: .string("2027-04-15")),
            FieldAssignment(path: ["tags"], value: .sequence([.string("billing"), .string("q2"), .string("yes")])),
            FieldAssignment(path: ["x-source-key"], value: .string("https://github.com/lumen-app/lumen/issues/41")),
            FieldAssignment(path: ["description"], value: .string("Customers download invoices.\n\n- the \"Download\" button: on every invoice\n  indented")),
        ]),
        (.release, "2.0", [
            FieldAssignment(path: ["status"], value: .string("proposed")),
            FieldAssignment(path: ["version"], value: .string("2.0")),
            FieldAssignment(path: ["x-source-key"], value: .string("release:2.0")),
            FieldAssignment(path: ["description"], value: nil),
        ]),
        (.epic, "Push \"smart\" notifications: résumé, #1 & more", [
            FieldAssignment(path: ["owner"], value: .string("José Álvarez")),
            FieldAssignment(path: ["x-source-key"], value: .string("PAY-7")),
            FieldAssignment(path: ["x-team"], value: .string("null")),
            FieldAssignment(path: ["description"], value: .string("trailing spaces   \nand a tab\tinside")),
        ]),
        (.theme, "- dash first", [FieldAssignment(path: ["description"], value: nil), FieldAssignment(path: ["start"], value: .string("2027-01"))]),
    ]

    @Test(arguments: 0..<cases.count)
    func composedFilesAreTheFactorysBytes(index: Int) throws {
        let (kind, title, fields) = Self.cases[index]
        let prototype = try #require(ItemComposer.prototype(ItemFactory.builtinTemplate(kind)), "the shipped templates have a plain comment header")
        let composed = ItemComposer.compose(kind: kind, prototype: prototype, title: title, fields: fields)
        let factory = try ItemFactory.make(kind: kind, title: title, fields: fields)
        #expect(composed != nil, "the one-pass writer handles the shipped templates")
        #expect(composed.map { String(decoding: $0, as: UTF8.self) } == String(decoding: factory, as: UTF8.self))
    }
}
