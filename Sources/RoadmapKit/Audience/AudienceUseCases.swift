extension Workspace {
    /// The audience view of this repository's settings.
    public func audienceView(_ audience: Audience) -> AudienceView {
        AudienceView(audience, config: config)
    }

    /// `roadmap show` for an audience: only an item it may see, redacted, written afresh as YAML
    /// (the file's own bytes could hold hidden fields and comments). A hidden item, and any
    /// file that is not a visible item, gets exactly the answer of one that does not exist.
    public func show(_ target: String, at point: ReadPoint, audience: Audience) throws -> ShownFile {
        guard audience != .team else { return try show(target, at: point) }
        let (state, commit) = try state(of: point)
        let seen = audienceView(audience).filter(try snapshot(state))
        let looksLikePath = target.contains("/") || target.hasSuffix(".yaml") || target.hasSuffix(".yml")
        let item: Item
        if !looksLikePath {
            let held = seen.items.filter { $0.id == target }
            guard let first = held.first else { throw noItem(target, at: point) }
            if held.count > 1 {
                throw RoadmapError("id '\(target)' is held by \(held.map(\.path).joined(separator: " and ")); name the file by its path")
            }
            item = first
        } else {
            let path = try repositoryPath(target)
            guard path.hasSuffix(".yaml") || path.hasSuffix(".yml") else {
                throw RoadmapError("'\(target)' is not a YAML file (*.yaml or *.yml)")
            }
            guard let found = seen.items.first(where: { $0.path == path }) else { throw noFile(path, at: point) }
            item = found
        }
        return ShownFile(id: item.id, path: item.path, commit: commit, bytes: AudienceYAML.render(item.node),
                         parsed: ParsedFile(path: item.path, outcome: .parsed(item.node)))
    }

    /// `roadmap slips` for an audience (see `AudienceView.filter(_:in:)`).
    public func slips(kind: String?, since: String?, audience: Audience) throws -> [SlipReport] {
        let reports = try slips(kind: kind, since: since)
        guard audience != .team else { return reports }
        let head = try snapshot(try headCommit().map(TreeState.commit) ?? .head)
        return audienceView(audience).filter(reports, in: head)
    }
}

/// A redacted item written as a fresh YAML document: no comments, no bytes of the original file.
enum AudienceYAML {
    static func render(_ node: YAMLNode) -> [UInt8] {
        guard var document = try? YAMLDocument(parsing: Array("kind: x\n".utf8)) else { return [] }
        for pair in node.pairs ?? [] {
            guard let key = pair.key.string else { continue }
            let value = pair.value.data
            if case let .string(text) = value, text.contains("\n") {
                try? document.setText([key], text)
            } else {
                try? document.setValue([key], value)
            }
        }
        return document.bytes
    }
}

extension AudienceView {
    /// Slips as the audience sees them: only items it may see (judged on `head`, the state the
    /// slips were read from) whose dated field it may see; values coarsened to its precision,
    /// moves counted and the net slip measured on the coarsened values (so a move within a
    /// quarter is no move for the public); no commit subjects ever, and no author when owners are
    /// hidden from it (who moved a date is as personal as who owns the item).
    public func filter(_ reports: [SlipReport], in head: Snapshot) -> [SlipReport] {
        guard audience != .team else { return reports }
        let visiblePaths = Set(head.items.filter(maySee).map(\.path))
        let precision = settings.precision(for: audience)
        func coarse(_ value: YAMLValue?) -> YAMLValue? {
            guard case let .string(text)? = value, let date = RoadmapDate(text) else { return value }
            return .string(date.coarsened(to: precision).text)
        }
        let showAuthors = maySee(field: "owner")
        var out: [SlipReport] = []
        for report in reports where visiblePaths.contains(report.path) && maySee(field: report.field) {
            var points: [SlipPoint] = []
            for var point in report.series {
                point.value = coarse(point.value)
                if let last = points.last, last.value == point.value { continue }
                points.append(point)
            }
            var entries = report  // id, kind, path, field: of an item the audience sees
            entries.series = points
            let recomputed = Slips.report(id: report.id, kind: report.kind, path: report.path, field: report.field,
                                          current: coarse(report.current), points: points, entries: [])
            entries.firstPlanned = recomputed.firstPlanned
            entries.current = recomputed.current
            entries.moves = recomputed.moves
            entries.netSlipDays = recomputed.netSlipDays
            // The last coarse move keeps its author only when it is the commit of the last move
            // the team sees; otherwise nobody is named rather than the wrong person.
            let lastCoarse = AudienceView.lastMove(points), lastFine = AudienceView.lastMove(report.series)
            if !showAuthors || lastCoarse == nil || lastCoarse?.commit != lastFine?.commit {
                entries.lastMovedBy = nil
                entries.lastMovedAt = nil
            }
            out.append(entries)
        }
        return Slips.sorted(out)
    }

    /// The point where the value last changed after it was first set (as `Slips.report` counts moves).
    static func lastMove(_ points: [SlipPoint]) -> SlipPoint? {
        var last: YAMLValue?, move: SlipPoint?
        for point in points {
            guard let value = point.value else { continue }
            if last != nil, value != last { move = point }
            last = value
        }
        return move
    }
}
