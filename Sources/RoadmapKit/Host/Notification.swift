import Foundation

/// How to reach an owner: `owners:` in `roadmap.yaml` maps a handle (as items write it in
/// `owner:`) to a name, an e-mail address and a Slack member id or name.
public struct OwnerContact: Sendable, Hashable {
    public var handle: String
    public var name: String?
    public var email: String?
    public var slack: String?

    public init(handle: String, name: String? = nil, email: String? = nil, slack: String? = nil) {
        self.handle = handle
        self.name = name
        self.email = email
        self.slack = slack
    }
}

/// What a change did to each owner's items (SPEC §15 `notify`): the moved releases their
/// campaigns promote, and the new errors on their items. Owners come sorted by handle; items
/// with no owner are nobody's news and are left out.
public struct Notification: Sendable {
    public struct Move: Sendable {
        public var release: ReleaseMove
        /// This owner's campaigns among those promoting the release.
        public var campaigns: [ReleaseMove.Campaign]
        /// This owner's assets among those announcing the release (SPEC §13).
        public var assets: [ReleaseMove.Asset] = []
    }

    public struct Owner: Sendable {
        public var contact: OwnerContact
        public var moves: [Move]
        public var newErrors: [Finding]
    }

    public var base: String?
    public var head: String
    public var owners: [Owner]

    public init(result: ReviewResult, context: ReviewContext, contacts: [String: OwnerContact], base: String?, head: String) {
        var moves: [String: [Move]] = [:]
        for move in context.moves {
            let campaignsByOwner = Dictionary(grouping: move.campaigns.filter { $0.owner != nil }, by: { $0.owner ?? "" })
            let assetsByOwner = Dictionary(grouping: move.assets.filter { $0.owner != nil }, by: { $0.owner ?? "" })
            for owner in Set(campaignsByOwner.keys).union(assetsByOwner.keys).sorted() {
                moves[owner, default: []].append(Move(release: move, campaigns: campaignsByOwner[owner] ?? [], assets: assetsByOwner[owner] ?? []))
            }
        }
        var errors: [String: [Finding]] = [:]
        for r in result.findings where r.change == .new && r.finding.severity == .error {
            guard let owner = context.owners[r.finding.item] else { continue }
            errors[owner, default: []].append(r.finding)
        }
        let handles = Set(moves.keys).union(errors.keys).sorted()
        self.base = base
        self.head = head
        self.owners = handles.map { handle in
            Owner(contact: contacts[handle] ?? OwnerContact(handle: handle), moves: moves[handle] ?? [], newErrors: errors[handle] ?? [])
        }
    }

    /// One line per fact, for text bodies (Markdown and e-mail).
    func facts(of owner: Owner, markdown: Bool) -> [String] {
        func code(_ s: String) -> String { markdown ? MarkdownReviewRenderer.code(s) : s }
        func text(_ s: String) -> String { markdown ? MarkdownReviewRenderer.escape(s) : sanitizeForTerminal(s) }
        var lines: [String] = []
        for move in owner.moves {
            let shift = move.release.shift.isEmpty ? "" : " (\(move.release.shift))"
            let campaigns = move.campaigns.map { c in
                "\(code(c.id)) (launch \(text(c.launch ?? "?")))" + (c.launchesBeforeRelease ? " now launches before the release" : "")
            }.joined(separator: ", ")
            var line = "release \(code(move.release.id)) moved \(text(move.release.old)) → \(text(move.release.new))\(shift)"
            if !move.campaigns.isEmpty { line += "; your campaign\(move.campaigns.count == 1 ? "" : "s") promoting it: \(campaigns)" }
            if !move.assets.isEmpty {
                line += "; your asset\(move.assets.count == 1 ? "" : "s") announcing it: " + move.assets.map { a in
                    "\(code(a.name)) (publish \(text(a.publish)))" + (a.publishesBeforeRelease ? " now publishes before the release" : "")
                }.joined(separator: ", ")
            }
            lines.append(line)
        }
        for f in owner.newErrors {
            lines.append("new error on \(code(f.item)): \(text(f.message)) [\(f.rule)] (\(code("\(f.path):\(f.line)")))")
        }
        return lines
    }

    public var subject: String {
        let moved = Set(owners.flatMap { $0.moves.map(\.release.id) }).sorted()
        let errors = owners.reduce(0) { $0 + $1.newErrors.count }
        var parts: [String] = []
        if !moved.isEmpty { parts.append("\(moved.joined(separator: ", ")) moved") }
        if errors > 0 { parts.append("\(errors) new error\(errors == 1 ? "" : "s")") }
        return "roadmap: " + (parts.isEmpty ? "no change for any owner" : parts.joined(separator: "; "))
    }
}
