/// One row of an export in our terms: its key, kind and the values of the fields the map
/// names. A field the map does not name is nil here and left alone on re-import.
struct SourceRecord: Sendable {
    var key: String
    var aliases: [String] = []
    var kind: Kind
    var title: String
    /// Each managed field → its value (nil: the source has it empty, the field is removed).
    var status: String??
    var owner: String??
    var description: String??
    var start: String??
    var end: String??
    var tags: [String]?
    /// Release names, in order (the first is the item's release).
    var releases: [String]?
    /// Parent keys or aliases.
    var parents: [String]?
    var custom: [(field: String, value: String?)] = []
    /// How messages name the row: `line 12` or `items[3]`.
    var label: String
    var location: SourceLocation?
}
