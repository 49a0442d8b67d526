import GitKit

/// What `roadmap replan` did (or found to do) after a release moved (SPEC §13).
public struct ReplanOutcome: Sendable {
    /// One date moved by the replan: a campaign's `launch`/`start`/`end`, or an asset's `publish`.
    public struct Change: Sendable {
        public var path: String
        public var campaign: String
        /// The asset's id when the change is an asset's publish day.
        public var asset: String?
        /// The field as `set` names it: `launch`, `assets.blog-post.publish`.
        public var field: String
        public var old: String
        public var new: String
        /// Who to tell: the asset's owner, else the campaign's.
        public var owner: String?
    }

    /// An asset or date the replan did not edit, and why (it follows its launch, it is
    /// coarse, it was already moved…): printed so that its owner still hears of the move.
    public struct Note: Sendable {
        public var campaign: String
        public var asset: String?
        public var field: String
        public var value: String
        public var owner: String?
        public var reason: String
    }

    public var release: String
    public var since: String
    public var old: String
    public var new: String
    /// new − old in days (first day to first day, as `release-moved` counts).
    public var days: Int
    public var changes: [Change]
    public var notes: [Note]
    /// The proposal the edits went on (`--propose`), its branch and commit.
    public var proposal: String?
    public var branch: String?
    public var commit: ObjectID?
}

extension Workspace {
    /// `roadmap replan RELEASE`: the release's date moved between `since` (default: the base
    /// branch) and the working tree by N days; every campaign promoting it (directly or through
    /// its epics and stories) moves its `launch`, `start` and `end` by N days, and every
    /// absolute-dated asset announcing it (or one of its epics and stories) its `publish`.
    /// Relative assets follow their launch. Every edit is a one-field byte edit, as `set` makes.
    ///
    /// Only a date that still has its value of `since` is moved: a campaign re-planned by hand
    /// (or by an earlier replan) is left alone, so running it twice moves nothing twice. Done and
    /// cancelled campaigns, and published or cancelled assets, already happened or never will.
    ///
    /// Without `propose`, the files are edited in the working tree. With it, the working tree
    /// and the current branch are untouched: a new proposal starts from the base branch and one
    /// commit on it carries the release's file as the working tree has it (the move) and the
    /// moved campaigns. Nothing is written on any error.
    public func replan(release id: String, since: String?, propose: String?, today: RoadmapDate) throws -> ReplanOutcome {
        let repository = self.repository
        if propose == nil { _ = try workingDirectory(for: "replan") }
        if let propose {
            try checkProposalName(propose)
            if try git("reading \(proposalReference(propose))", { try repository.referenceTarget(proposalReference(propose)) }) != nil {
                throw RoadmapError("a proposal '\(propose)' is already open (branch \(config.proposalPrefix)\(propose)); choose another name or withdraw it")
            }
        }
        let sinceLabel = since ?? config.base
        let sinceCommit = try since.map(resolve) ?? baseTip()
        let before = try snapshot(.commit(sinceCommit))
        guard let oldRelease = before[id], oldRelease.kind == .release else {
            throw RoadmapError("there is no release '\(id)' in \(sinceLabel); replan follows a release that moved since then")
        }
        // The state the edits apply to: the working tree, or (proposing) the base branch with
        // the release's file as the working tree has it.
        let worktree = repository.workingDirectory == nil ? try itemFiles(.head) : try itemFiles(.worktree)
        guard let releaseFile = try? uniqueItemFile(id: id, in: worktree) else {
            throw RoadmapError("no item '\(id)' under \(root)/ in the working tree")
        }
        var proposalTip: ObjectID?
        var files = worktree
        if propose != nil {
            let tip = try baseTip()
            proposalTip = tip
            files = try itemFiles(.commit(tip)).filter { ItemID.fromPath($0.path) != id } + [releaseFile]
        }
        let head = Snapshot(files: files.map(ItemParsing.parse), config: config)
        guard let release = head[id], release.kind == .release else {
            throw RoadmapError("\(releaseFile.path) is no longer a release")
        }
        guard let oldDate = oldRelease.date, let newDate = release.date else {
            throw RoadmapError("release \(id) has no valid date \(oldRelease.date == nil ? "in \(sinceLabel)" : "now"); replan moves dates by how far the release moved")
        }
        let days = newDate.days(since: oldDate)
        var outcome = ReplanOutcome(release: id, since: sinceLabel, old: oldDate.text, new: newDate.text, days: days,
                                    changes: [], notes: [], proposal: nil, branch: nil, commit: nil)
        guard days != 0 else { return outcome }
        let (changes, notes) = Self.replanEdits(release: id, days: days, head: head, before: before, since: sinceLabel, config: config, today: today)
        outcome.changes = changes
        outcome.notes = notes
        guard !changes.isEmpty else { return outcome }

        // Every file's new bytes first, each checked like `set`; then write them all.
        var writes: [(path: String, bytes: [UInt8])] = []
        for path in Set(changes.map(\.path)).sorted() {
            guard let file = files.first(where: { $0.path == path }) else { continue }
            let assignments = changes.filter { $0.path == path }.map { change in
                FieldAssignment(path: change.asset.map { ["assets", $0, "publish"] } ?? [change.field], value: .string(change.new))
            }
            let (bytes, _) = try Self.edited(file, assignments, editor: "roadmap replan")
            try guardEdit(path: path, id: ItemID.fromPath(path), newBytes: bytes, current: files, today: today)
            writes.append((path, bytes))
        }
        if let propose, let tip = proposalTip {
            let committedRelease = try itemFiles(.commit(tip)).first { $0.path == releaseFile.path }
            if releaseFile.bytes != committedRelease?.bytes {
                writes.append((releaseFile.path, releaseFile.bytes))
            }
            let sign = days > 0 ? "+" : ""
            let message = "Replan \(id): follow its move \(oldDate.text) → \(newDate.text) (\(sign)\(days) days)\n\n"
                + changes.map { "\($0.campaign): \($0.field) \($0.old) → \($0.new)\($0.owner.map { " (\($0))" } ?? "")" }.joined(separator: "\n") + "\n"
            let started = try self.propose(name: propose, why: "Replan \(id) (\(sign)\(days) days)", from: tip.hex, switchTo: false)
            let reference = proposalReference(propose)
            do {
                var updates: [TreeUpdate] = []
                for write in writes {
                    let blob = try git("storing \(write.path)") { try repository.writeBlob(write.bytes) }
                    let mode = try git("reading \(write.path)") { try repository.entry(at: write.path, inCommit: tip) }?.mode ?? .blob
                    updates.append(.upsert(path: write.path, blob: blob, mode: mode))
                }
                let baseTree = try git("reading commit \(started.commit.short)") { try repository.commit(started.commit).treeID }
                let tree = try git("building the replan's tree") { try repository.buildTree(base: baseTree, updates: updates) }
                let commit = try git("committing the replan") {
                    try repository.createCommit(tree: tree, parents: [started.commit], message: message, updating: nil)
                }
                try git("moving \(started.branch)") {
                    try repository.setReference(reference, to: commit, expected: started.commit, message: "roadmap replan \(id)")
                }
                outcome.proposal = propose
                outcome.branch = started.branch
                outcome.commit = commit
            } catch {
                try? repository.deleteReference(reference, expected: started.commit)
                throw error
            }
        } else {
            var written: [(String, [UInt8])] = []
            do {
                for write in writes {
                    try git("writing \(write.path)") { try repository.writeWorkdirFile(write.path, bytes: write.bytes) }
                    if let file = files.first(where: { $0.path == write.path }) { written.append((write.path, file.bytes)) }
                }
            } catch {
                // Put back what was written: nothing is written on failure.
                for (path, bytes) in written { try? repository.writeWorkdirFile(path, bytes: bytes) }
                throw error
            }
        }
        return outcome
    }

    /// The dates to move by `days` for a release, found in `head`; a date moves only while it
    /// is as `before` had it.
    static func replanEdits(release id: String, days: Int, head: Snapshot, before: Snapshot,
                            since: String, config: RoadmapConfig, today: RoadmapDate) -> (changes: [ReplanOutcome.Change], notes: [ReplanOutcome.Note]) {
        var changes: [ReplanOutcome.Change] = []
        var notes: [ReplanOutcome.Note] = []
        let context = RuleContext(snapshot: head, config: config, today: today)
        let promoting = Set((context.campaignsByRelease[id] ?? []).map(\.id))
        /// Whether an announced id is the release or an epic/story whose effective release it is.
        func announcesRelease(_ target: String) -> Bool {
            if target == id { return true }
            guard let item = head[target], item.kind == .epic || item.kind == .story else { return false }
            return head.effectiveRelease(of: item) == id
        }
        for campaign in head.items where campaign.kind == .campaign && !campaign.isStatus("cancelled", "done") {
            let old = before[campaign.id].flatMap { $0.kind == .campaign ? $0 : nil }
            if promoting.contains(campaign.id) {
                for field in ["launch", "start", "end"] {
                    guard let node = campaign.value(field), let date = Item.date(of: node) else { continue }
                    let then = old?.value(field).flatMap(Item.date(of:))
                    guard then?.text == date.text else {
                        notes.append(.init(campaign: campaign.id, asset: nil, field: field, value: date.text, owner: campaign.owner,
                                           reason: "changed since \(since) already; left as it is"))
                        continue
                    }
                    guard date.precision == .day else {
                        notes.append(.init(campaign: campaign.id, asset: nil, field: field, value: date.text, owner: campaign.owner,
                                           reason: "a coarse date cannot move by days; move it by hand"))
                        continue
                    }
                    changes.append(.init(path: campaign.path, campaign: campaign.id, asset: nil, field: field,
                                         old: date.text, new: date.movedKeepingPrecision(by: days).text, owner: campaign.owner))
                }
            }
            for asset in campaign.assets {
                guard let assetID = asset.id, let publish = asset.publish,
                      asset.status != .published, asset.status != .cancelled,
                      asset.announces.contains(where: { announcesRelease($0.id) }) || (promoting.contains(campaign.id) && publish.isRelative)
                else { continue }
                let owner = asset.owner ?? campaign.owner
                let field = "assets.\(assetID).publish"
                switch publish {
                case let .relative(offset):
                    let follows = promoting.contains(campaign.id) && changes.contains { $0.campaign == campaign.id && $0.field == "launch" }
                    notes.append(.init(campaign: campaign.id, asset: assetID, field: field,
                                       value: offset == 0 ? "launch" : "launch\(offset > 0 ? "+" : "")\(offset)d", owner: owner,
                                       reason: follows ? "follows its launch" : "relative to a launch that does not move"))
                case let .date(date):
                    let then = old?.asset(assetID)?.publish
                    guard then == AssetPublish.date(date) else {
                        notes.append(.init(campaign: campaign.id, asset: assetID, field: field, value: date.text, owner: owner,
                                           reason: "changed since \(since) already; left as it is"))
                        continue
                    }
                    guard date.precision == .day else {
                        notes.append(.init(campaign: campaign.id, asset: assetID, field: field, value: date.text, owner: owner,
                                           reason: "a coarse date cannot move by days; move it by hand"))
                        continue
                    }
                    changes.append(.init(path: campaign.path, campaign: campaign.id, asset: assetID, field: field,
                                         old: date.text, new: date.movedKeepingPrecision(by: days).text, owner: owner))
                }
            }
        }
        return (changes, notes)
    }
}
