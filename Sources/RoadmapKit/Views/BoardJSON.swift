/// `roadmap board --format text|json`.
public enum BoardFormat: String, Sendable, CaseIterable {
    case text, json
}

extension Board {
    /// `{"schemaVersion": 1, "kind": KIND|null, "columns": [{"status", "count",
    ///   "cards": [{"id", "kind", "title", "owner": STRING|null}]}]}` — the columns in board
    /// order (every status of the kind with `--kind`, else the statuses in use), cards by kind and id.
    public var json: JSONValue {
        .object([
            ("schemaVersion", .int(1)),
            ("kind", .string(kind?.rawValue)),
            ("columns", .array(columns.map { column in
                .object([
                    ("status", .string(column.status)),
                    ("count", .int(column.cards.count)),
                    ("cards", .array(column.cards.map { card in
                        .object([("id", .string(card.id)), ("kind", .string(card.kind.rawValue)),
                                 ("title", .string(card.title)), ("owner", .string(card.owner))])
                    })),
                ])
            })),
        ])
    }
}
