/// A JSON Schema (draft 2020-12) of item files, for editors (e.g. the VS Code YAML extension):
/// per-kind fields and statuses through `allOf` + `if`/`then`, date patterns, enums, `x-` keys
/// allowed, other unknown keys flagged (`unevaluatedProperties: false`).
public enum ItemSchema {
    /// The date forms of SPEC §5 (month and day ranges; the exact day count per month is checked
    /// by `roadmap review`).
    public static let datePattern = "^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?|-Q[1-4]|-H[12])?$"

    public static func jsonSchema(config: RoadmapConfig = .default) -> String {
        document(config: config).encoded() + "\n"
    }

    public static func document(config: RoadmapConfig = .default) -> JSONValue {
        func strings(_ values: [String]) -> JSONValue { .array(values.map(JSONValue.string)) }
        func ref(_ name: String) -> JSONValue { .object([("$ref", .string("#/$defs/\(name)"))]) }
        func text(_ description: String) -> JSONValue {
            .object([("type", .string("string")), ("description", .string(description))])
        }
        func stringList(_ description: String, items: JSONValue = .object([("type", .string("string"))]), minItems: Int? = nil) -> JSONValue {
            var members: [(String, JSONValue)] = [("type", .string("array")), ("description", .string(description)), ("items", items)]
            if let minItems { members.append(("minItems", .int(minItems))) }
            return .object(members)
        }
        func dated(_ description: String) -> JSONValue {
            .object([("$ref", .string("#/$defs/date")), ("description", .string(description))])
        }
        let ruleIDs = RuleCatalog.all.map(\.id)
        let dependsOn: JSONValue = .object([
            ("type", .string("array")),
            ("description", .string("ids this item waits for (finish-to-start), or {id, lag: days}")),
            ("items", .object([("anyOf", .array([
                ref("id"),
                .object([
                    ("type", .string("object")),
                    ("properties", .object([("id", ref("id")), ("lag", .object([("type", .string("integer")), ("description", .string("days after the dependency ends; negative allows an overlap"))]))])),
                    ("required", strings(["id"])),
                    ("additionalProperties", .bool(false)),
                ]),
            ]))])),
        ])

        let defs: JSONValue = .object([
            ("date", .object([
                ("description", .string("YYYY-MM-DD, YYYY-MM, YYYY-Qn, YYYY-Hn or YYYY")),
                ("anyOf", .array([
                    .object([("type", .string("string")), ("pattern", .string(datePattern))]),
                    .object([("type", .string("integer")), ("minimum", .int(1)), ("maximum", .int(9999))]),
                ])),
            ])),
            ("id", .object([("type", .string("string")), ("pattern", .string("^[a-z0-9][a-z0-9._-]{0,63}$"))])),
            ("waiver", .object([
                ("anyOf", .array([
                    .object([("type", .string("string")), ("minLength", .int(1)), ("description", .string("why the rule is waived"))]),
                    .object([
                        ("type", .string("object")),
                        ("properties", .object([
                            ("reason", .object([("type", .string("string"))])),
                            ("until", ref("date")),
                        ])),
                        ("required", strings(["reason"])),
                        ("additionalProperties", .bool(false)),
                    ]),
                ])),
            ])),
        ])

        let common: [(String, JSONValue)] = [
            ("kind", .object([("enum", strings(Kind.allCases.map(\.rawValue))), ("description", .string("the item's kind"))])),
            ("title", .object([("type", .string("string")), ("minLength", .int(1))])),
            ("status", .object([("type", .string("string")), ("description", .string("default: planned"))])),
            ("owner", text("a person or team (@handle, e-mail)")),
            ("tags", stringList("tags")),
            ("waive", .object([
                ("type", .string("object")),
                ("description", .string("rule id → reason, or → {reason, until}")),
                ("propertyNames", .object([("enum", strings(ruleIDs))])),
                ("additionalProperties", ref("waiver")),
            ])),
            ("description", text("usually a literal block")),
            ("visibility", .object([
                ("enum", strings(Audience.allCases.map(\.rawValue))),
                ("description", .string("the widest audience that may see the item: public, stakeholders, key or team; default per kind in roadmap.yaml")),
            ])),
            ("public-title", text("the title the public sees, when it differs")),
            ("public-description", text("the description the public sees, when it differs")),
        ]

        var branches: [JSONValue] = []
        for kind in Kind.allCases {
            var props: [(String, JSONValue)] = [("status", .object([("enum", strings(kind.statuses))]))]
            var required: [String] = []
            var extra: [(String, JSONValue)] = []
            switch kind {
            case .theme:
                props += [("horizon", .object([("enum", strings(Horizon.allCases.map(\.rawValue)))])),
                          ("start", dated("start")), ("end", dated("end"))]
            case .epic:
                props += [("theme", .object([("$ref", .string("#/$defs/id")), ("description", .string("theme id"))])),
                          ("release", .object([("$ref", .string("#/$defs/id")), ("description", .string("release id"))])),
                          ("start", dated("start")), ("end", dated("end"))]
            case .story:
                props += [("epic", .object([("$ref", .string("#/$defs/id")), ("description", .string("epic id"))])),
                          ("release", .object([("$ref", .string("#/$defs/id")), ("description", .string("release id; default: its epic's"))])),
                          ("start", dated("start")), ("end", dated("end"))]
            case .release:
                props += [("date", dated("ship date; required unless proposed")),
                          ("version", text("version, e.g. \"2.0\" (quoted)")),
                          ("tier", .object([("enum", strings(Tier.allCases.map(\.rawValue))), ("description", .string("default: minor"))])),
                          ("marketing", .object([("enum", strings(Marketing.allCases.map(\.rawValue))), ("description", .string("default: required for major, else optional"))]))]
                extra.append(("if", .object([
                    ("not", .object([
                        ("properties", .object([("status", .object([("enum", strings(["proposed", "cancelled"]))]))])),
                        ("required", strings(["status"])),
                    ])),
                ])))
                extra.append(("then", .object([("required", strings(["date"]))])))
            case .campaign:
                let channelItems: JSONValue = config.channels.map { .object([("enum", strings($0))]) } ?? .object([("type", .string("string"))])
                props += [("promotes", stringList("release, epic or story ids", items: ref("id"), minItems: 1)),
                          ("launch", dated("launch date")),
                          ("start", dated("start")), ("end", dated("end")),
                          ("channels", stringList("channels", items: channelItems)),
                          ("audience", text("audience")),
                          ("teaser", .object([("type", .string("boolean")), ("description", .string("may launch before the release; default false"))]))]
                required = ["promotes", "launch"]
            }
            if Dependencies.kinds.contains(kind) { props.append(("depends-on", dependsOn)) }
            var then: [(String, JSONValue)] = [("properties", .object(props))]
            if !required.isEmpty { then.append(("required", strings(required))) }
            then += extra.isEmpty ? [] : [("allOf", .array([.object(extra)]))]
            branches.append(.object([
                ("if", .object([
                    ("properties", .object([("kind", .object([("const", .string(kind.rawValue))]))])),
                    ("required", strings(["kind"])),
                ])),
                ("then", .object(then)),
            ]))
        }

        return .object([
            ("$schema", .string("https://json-schema.org/draft/2020-12/schema")),
            ("$id", .string("urn:roadmap:item-schema:1")),
            ("title", .string("roadmap item")),
            ("description", .string("An item file of a roadmap repository (themes, epics, stories, releases, campaigns).")),
            ("type", .string("object")),
            ("required", strings(["kind", "title"])),
            ("properties", .object(common)),
            ("patternProperties", .object([("^x-", .bool(true))])),
            ("allOf", .array(branches)),
            ("unevaluatedProperties", .bool(false)),
            ("$defs", defs),
        ])
    }
}
