/// The one place where the roadmap is cut down for an audience (SPEC §12). Every output below
/// `team` (list, show, board, timeline, slips, export, publish, the web server) goes through it:
///
/// - only the items the audience may see (`visibility:`, else the kind's default);
/// - only the fields not hidden from it (`hidden-fields:`, cumulative towards the public);
/// - dates coarsened to its precision (`date-precision:`), never more precise than written;
/// - for `public`, `public-title` / `public-description` in place of `title` / `description`;
/// - references to items it may not see dropped (a reference to no item at all is kept: it
///   betrays nothing);
/// - findings only for `key` and `team`, and for `key` only those about visible items that name
///   no hidden item and point at no hidden field.
///
/// The result is an ordinary `Snapshot` / `RoadmapView`, so every renderer works unchanged and
/// cannot reach what was removed. For `team` everything is returned as it is, byte for byte.
public struct AudienceView: Sendable {
    public let audience: Audience
    public let settings: AudienceSettings

    public init(_ audience: Audience, settings: AudienceSettings = AudienceSettings()) {
        self.audience = audience
        self.settings = settings
    }

    public init(_ audience: Audience, config: RoadmapConfig) {
        self.init(audience, settings: config.audiences)
    }

    /// The fields that name other items: a reference to an item the audience may not see is dropped.
    public static let referenceFields: Set<String> = ["theme", "epic", "release", "promotes", "depends-on"]

    // MARK: - Items

    /// The widest audience that may see `item`: its own `visibility:`, else its kind's default.
    /// An item of no known kind, or with a `visibility:` that names no audience, is `team` only
    /// (a mistake fails closed).
    public func visibility(of item: Item) -> Audience {
        guard let kindName = item.valueNodes["kind"]?.string else { return .team }
        if let node = item.value("visibility") {
            return node.string.flatMap(Audience.init(rawValue:)) ?? .team
        }
        guard item.kind != nil || settings.visibility[kindName] != nil else { return .team }
        return settings.defaultVisibility(of: kindName)
    }

    /// Whether the audience may see this item file.
    public func maySee(_ item: Item) -> Bool {
        audience == .team || (item.kind != nil && audience >= visibility(of: item))
    }

    /// Whether the audience may see the item `id` of `snapshot` (false for an id no file holds:
    /// "not there" and "not for you" must look the same).
    public func maySee(id: String, in snapshot: Snapshot) -> Bool {
        if audience == .team { return snapshot.byID[id] != nil || snapshot.duplicates[id] != nil || snapshot.failures.contains { $0.id == id } }
        return snapshot.items.contains { $0.id == id && maySee($0) }
    }

    /// Whether the audience may see `field` of an item.
    public func maySee(field: String) -> Bool {
        audience == .team || !settings.isHidden(field, from: audience)
    }

    /// A date as the audience sees it.
    public func coarsen(_ date: RoadmapDate) -> RoadmapDate {
        date.coarsened(to: settings.precision(for: audience))
    }

    /// The snapshot as the audience sees it: visible items only, each redacted. Files that fail
    /// to parse are dropped below `team` (nobody can tell whom they are for).
    public func filter(_ snapshot: Snapshot) -> Snapshot {
        guard audience != .team else { return snapshot }
        let visible = snapshot.items.filter(maySee)
        let visibleIDs = Set(visible.map(\.id))
        let hiddenIDs = Set(snapshot.items.map(\.id) + snapshot.failures.map(\.id)).subtracting(visibleIDs)
        let files = visible.map { ParsedFile(path: $0.path, outcome: .parsed(redact($0, hiddenIDs: hiddenIDs))) }
        return Snapshot(files: files, root: snapshot.root)
    }

    /// The view as the audience sees it: the filtered snapshot and the findings it may see.
    public func filter(_ view: RoadmapView) -> RoadmapView {
        guard audience != .team else { return view }
        let findings = view.findings.filter { mayShow($0, in: view.snapshot) }
        var seen = RoadmapView(snapshot: filter(view.snapshot), findings: findings, commit: view.commit,
                               commitDate: view.commitDate, today: view.today)
        seen.audience = audience
        return seen
    }

    /// The item's top-level node as the audience sees it.
    func redact(_ item: Item, hiddenIDs: Set<String>) -> YAMLNode {
        guard let pairs = item.node.pairs else { return item.node }
        let precision = settings.precision(for: audience)
        let dateFields = Set(item.kind?.dateFields ?? [])
        let isPublic = audience == .public
        var out: [YAMLPair] = []
        for pair in pairs {
            guard let key = pair.key.string, maySee(field: key) else { continue }
            var value = pair.value
            if isPublic, key == "public-title" || key == "public-description" { continue }
            if isPublic, key == "title", let text = item.value("public-title"), text.string != nil { value = text }
            if isPublic, key == "description", let text = item.value("public-description"), text.string != nil { value = text }
            if AudienceView.referenceFields.contains(key) {
                if let id = value.string, hiddenIDs.contains(id) { continue }
                if let entries = value.items {
                    // A `depends-on` entry may be `{id: ID, lag: DAYS}`: its id counts.
                    let named = { (entry: YAMLNode) in entry.string ?? entry["id"]?.string }
                    value = YAMLNode(.sequence(entries.filter { !(named($0).map(hiddenIDs.contains) ?? false) }), at: value.location)
                }
            }
            if dateFields.contains(key), precision != nil, let date = value.string.flatMap(RoadmapDate.init) {
                let shown = date.coarsened(to: precision)
                if shown.text != date.text { value = YAMLNode(.scalar(value: .string(shown.text), style: .plain), at: value.location) }
            }
            out.append(YAMLPair(key: pair.key, value: value))
        }
        // Public wording for an item that has no description of its own.
        if isPublic, item.valueNodes["description"] == nil, maySee(field: "description"),
           let text = item.value("public-description"), text.string != nil, let key = item.keyNodes["public-description"] {
            out.append(YAMLPair(key: YAMLNode(.scalar(value: .string("description"), style: .plain), at: key.location), value: text))
        }
        return YAMLNode(.mapping(out), at: item.node.location)
    }

    // MARK: - Findings

    /// Whether the audience may see a finding of `snapshot` (the unfiltered state it came from).
    public func mayShow(_ finding: Finding, in snapshot: Snapshot) -> Bool {
        guard audience.seesFindings else { return false }
        guard audience != .team else { return true }
        guard let item = snapshot.items.first(where: { $0.path == finding.path }), maySee(item) else { return false }
        let hidden = snapshot.items.filter { !maySee($0) }
        let hiddenIDs = Set(hidden.map(\.id) + snapshot.failures.map(\.id)).subtracting(snapshot.items.filter(maySee).map(\.id))
        if finding.related.contains(where: hiddenIDs.contains) { return false }
        // The field the finding points at must be one the audience may see.
        if let field = field(at: finding.line, of: item), !maySee(field: field) { return false }
        // The message must not name a hidden item: its id, title or owner.
        for id in hiddenIDs where AudienceView.mentions(finding.message, id) { return false }
        for other in hidden {
            for text in [other.title, other.owner].compactMap({ $0 }) where text.count >= 3 && finding.message.contains(text) {
                return false
            }
        }
        return true
    }

    /// The top-level field whose lines hold `line`.
    private func field(at line: Int, of item: Item) -> String? {
        var found: String?
        for pair in item.node.pairs ?? [] where pair.key.location.line <= line { found = pair.key.string }
        return found
    }

    /// Whether `text` names `id` as a whole word (see `IDMentions`).
    public static func mentions(_ text: String, _ id: String) -> Bool {
        IDMentions.candidates(in: text).contains(id)
    }
}
