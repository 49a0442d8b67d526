/// Output formats of `roadmap impact`.
public enum ImpactFormat: String, Sendable, CaseIterable {
    case text, json
}

/// Renders `roadmap impact`: every move with old → new dates, why and whose it is; the
/// children that would end after their release; the critical path to each moved release.
public enum ImpactRenderer {
    public static func render(_ report: ImpactReport, format: ImpactFormat) -> String {
        switch format {
        case .text: return text(report)
        case .json: return json(report).encoded() + "\n"
        }
    }

    static func why(_ reason: ImpactAnalysis.Reason) -> String {
        switch reason {
        case .asked: return "the move asked"
        case let .dependsOn(id, lag): return "depends on \(id)" + (lag == 0 ? "" : " (lag \(days(lag)))")
        case let .promotes(release): return "promotes \(release)"
        }
    }

    static func why(_ reason: ImpactAnalysis.AssetMove.Reason) -> String {
        switch reason {
        case .followsLaunch: return "follows its launch"
        case .campaignMoves: return "its campaign moves"
        case let .announces(release): return "announces \(release)"
        }
    }

    static func text(_ report: ImpactReport) -> String {
        let moves = report.analysis.moves
        var out = "impact of moving \(report.id) by \(Workspace.signedDays(report.days)) (read at \(report.commit.short)):\n"
        let moved = moves.filter { !$0.fields.isEmpty }
        if moved.isEmpty { out += "  nothing moves\n" }
        let rows = moved.map { move -> [String] in
            [move.item.kind?.rawValue ?? "?", move.item.id, move.item.owner ?? "(no owner)",
             move.fields.map { "\($0.field) \($0.old.text) → \($0.new.text)" }.joined(separator: ", "),
             Workspace.signedDays(move.days), why(move.reason)].map(sanitizeForTerminal)
        }
        if !rows.isEmpty {
            out += TextTable.render(header: ["KIND", "ID", "OWNER", "DATES", "MOVE", "WHY"], rows: rows)
                .split(separator: "\n").map { "  " + $0 + "\n" }.joined()
        }
        if !report.analysis.assets.isEmpty {
            out += "assets:\n"
            let assetRows = report.analysis.assets.map { asset -> [String] in
                ["\(asset.campaign.id)/\(asset.id)", asset.owner ?? "(no owner)", "publish \(asset.old.text) → \(asset.new.text)",
                 Workspace.signedDays(asset.days), why(asset.reason)].map(sanitizeForTerminal)
            }
            out += TextTable.render(header: ["ASSET", "OWNER", "DATES", "MOVE", "WHY"], rows: assetRows)
                .split(separator: "\n").map { "  " + $0 + "\n" }.joined()
        }
        if !report.analysis.criticalPaths.isEmpty {
            out += "critical path:\n"
            for (release, chain) in report.analysis.criticalPaths {
                out += "  \(release): \(chain.joined(separator: " → "))\n"
            }
        }
        if report.childrenAfterRelease.isEmpty {
            out += "children that would end after their release: none\n"
        } else {
            out += "children that would end after their release:\n"
            for finding in report.childrenAfterRelease { out += "  \(finding.item): \(sanitizeForTerminal(finding.message))\n" }
        }
        let owners = Set(moved.compactMap(\.item.owner) + report.analysis.assets.compactMap(\.owner) + report.childrenAfterRelease.compactMap { id in moves.first { $0.item.id == id.item }?.item.owner }).sorted()
        if !owners.isEmpty { out += "owners to tell: \(owners.map(sanitizeForTerminal).joined(separator: ", "))\n" }
        for finding in report.newErrors {
            out += "new error: \(finding.path):\(finding.line):\(finding.column): \(sanitizeForTerminal(finding.message)) [\(finding.rule)]\n"
        }
        if let proposal = report.proposal {
            out += "proposal \(proposal.name) written on \(proposal.branch) (\(proposal.commit.short)); its review adds no new error. See it with: roadmap diff \(proposal.name)\n"
        } else if !moved.isEmpty {
            out += "nothing was written; --propose NAME writes these moves on a proposal\n"
        }
        return out
    }

    /// `{"schemaVersion": 1, "item", "days", "commit", "moves": [{"id", "kind", "owner", "path",
    /// "days", "reason": {"type": "asked|depends-on|promotes", "id", "lag"}, "fields": [{"field",
    /// "old", "new", "days"}]}], "assets": [{"campaign", "asset", "title", "owner", "path", "field"
    /// (null: follows its launch), "old", "new", "days", "reason": {"type":
    /// "follows-launch|campaign-moves|announces", "id"}}], "criticalPaths": [{"release", "chain"}], "childrenAfterRelease":
    /// [finding], "newErrors": [finding], "proposal": {"name", "branch", "commit"} | null}`.
    public static func json(_ report: ImpactReport) -> JSONValue {
        func finding(_ f: Finding) -> JSONValue {
            .object([("rule", .string(f.rule)), ("severity", .string(f.severity.rawValue)), ("item", .string(f.item)),
                     ("path", .string(f.path)), ("line", .int(f.line)), ("column", .int(f.column)),
                     ("related", .array(f.related.map(JSONValue.string))), ("message", .string(f.message))])
        }
        let moves: [JSONValue] = report.analysis.moves.filter { !$0.fields.isEmpty }.map { move in
            var reason: [(String, JSONValue)]
            switch move.reason {
            case .asked: reason = [("type", .string("asked"))]
            case let .dependsOn(id, lag): reason = [("type", .string("depends-on")), ("id", .string(id)), ("lag", .int(lag))]
            case let .promotes(release): reason = [("type", .string("promotes")), ("id", .string(release))]
            }
            return .object([
                ("id", .string(move.item.id)), ("kind", .string(move.item.kind?.rawValue)), ("owner", .string(move.item.owner)),
                ("path", .string(move.item.path)), ("days", .int(move.days)), ("reason", .object(reason)),
                ("fields", .array(move.fields.map { field in
                    .object([("field", .string(field.field)), ("old", .string(field.old.text)), ("new", .string(field.new.text)),
                             ("days", .int(field.new.lastDay - field.old.lastDay))])
                })),
            ])
        }
        let proposal: JSONValue = report.proposal.map { p in
            .object([("name", .string(p.name)), ("branch", .string(p.branch)), ("commit", .string(p.commit.hex))])
        } ?? .null
        return .object([
            ("schemaVersion", .int(1)),
            ("item", .string(report.id)),
            ("days", .int(report.days)),
            ("commit", .string(report.commit.hex)),
            ("moves", .array(moves)),
            ("assets", .array(report.analysis.assets.map { asset in
                var reason: [(String, JSONValue)]
                switch asset.reason {
                case .followsLaunch: reason = [("type", .string("follows-launch"))]
                case .campaignMoves: reason = [("type", .string("campaign-moves"))]
                case let .announces(release): reason = [("type", .string("announces")), ("id", .string(release))]
                }
                return .object([
                    ("campaign", .string(asset.campaign.id)), ("asset", .string(asset.id)), ("title", .string(asset.asset.title)),
                    ("owner", .string(asset.owner)), ("path", .string(asset.campaign.path)), ("field", .string(asset.field)),
                    ("old", .string(asset.old.text)), ("new", .string(asset.new.text)), ("days", .int(asset.days)),
                    ("reason", .object(reason)),
                ])
            })),
            ("criticalPaths", .array(report.analysis.criticalPaths.map { path in
                .object([("release", .string(path.release)), ("chain", .array(path.chain.map(JSONValue.string)))])
            })),
            ("childrenAfterRelease", .array(report.childrenAfterRelease.map(finding))),
            ("newErrors", .array(report.newErrors.map(finding))),
            ("proposal", proposal),
        ])
    }
}
