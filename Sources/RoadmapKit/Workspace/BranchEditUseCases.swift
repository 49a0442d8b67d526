import Foundation
import GitKit

/// Where an edit made in a browser lands: a proposal (opened on the fly when new) or, when
/// `roadmap.yaml` allows it with `web: {direct: true}`, the base branch itself.
public enum EditTarget: Sendable, Equatable {
    case base
    case proposal(String)
}

/// A save that was committed (or that changed nothing: `commit` nil).
public struct BranchSave: Sendable {
    public var reference: String
    /// The proposal's name; nil on the base branch.
    public var proposal: String?
    public var commit: ObjectID?
    public var path: String
    public var changes: [(field: String, old: YAMLValue?, new: YAMLValue?)]

    public init(reference: String, proposal: String?, commit: ObjectID?, path: String,
                changes: [(field: String, old: YAMLValue?, new: YAMLValue?)]) {
        self.reference = reference
        self.proposal = proposal
        self.commit = commit
        self.path = path
        self.changes = changes
    }
}

/// A save made against a version of the item that is no longer the branch's: nothing was
/// written; the current version is carried so that it can be shown.
public struct StaleVersionError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var expected: ObjectID?
    /// The item's version now (nil: it was removed).
    public var current: SourceFile?

    public var description: String {
        current == nil
            ? "\(path) was removed since you read it; nothing was saved"
            : "\(path) was changed by someone else since you read it; nothing was saved. Its current values are shown: make your change again on them"
    }
}

/// An item of a branch as an edit form shows it: its file (with its blob id, the version
/// the form carries) and the commit it was read from.
public struct BranchItem: Sendable {
    public var file: SourceFile
    public var parsed: ParsedFile
    public var commit: ObjectID
}

extension Workspace {
    /// How many times a save is rebuilt on a branch that moved under it (another item saved
    /// meanwhile) before giving up.
    static let branchSaveAttempts = 50

    /// The full reference of an edit target.
    public func reference(of target: EditTarget) -> String {
        switch target {
        case .base: baseReference
        case let .proposal(name): proposalReference(name)
        }
    }

    /// An item as a branch (full reference) holds it.
    public func branchItem(id: String, reference: String) throws -> BranchItem {
        let repository = self.repository
        guard let tip = try git("reading \(reference)", { try repository.referenceTarget(reference) }) else {
            throw RoadmapError("there is no branch \(reference.replacingOccurrences(of: "refs/heads/", with: ""))")
        }
        let file = try uniqueItemFile(id: id, in: itemFiles(.commit(tip)))
        return BranchItem(file: file, parsed: ItemParsing.parse(file), commit: tip)
    }

    /// The same, when the item's path is known (from the branch's snapshot, which reports
    /// duplicate ids itself): one blob read instead of every item file's (10,000 at 10,000
    /// items). Falls back to the full read when the path holds no regular file of that id.
    public func branchItem(id: String, reference: String, knownPath: String) throws -> BranchItem {
        let repository = self.repository
        guard ItemID.fromPath(knownPath) == id,
              let tip = try git("reading \(reference)", { try repository.referenceTarget(reference) }),
              let entry = try git("reading \(knownPath)", { try repository.entry(at: knownPath, inCommit: tip) }),
              entry.mode == .blob else {
            return try branchItem(id: id, reference: reference)
        }
        let bytes = try git("reading \(knownPath)") { try repository.blobData(entry.id) }
        let file = SourceFile(path: knownPath, bytes: bytes, blob: entry.id)
        return BranchItem(file: file, parsed: ItemParsing.parse(file), commit: tip)
    }

    func uniqueItemFile(id: String, in files: [SourceFile]) throws -> SourceFile {
        let matches = files.filter { ItemID.fromPath($0.path) == id }
        guard let file = matches.first else { throw RoadmapError("no item '\(id)' under \(root)/") }
        if matches.count > 1 {
            throw RoadmapError("id '\(id)' is held by \(matches.map(\.path).joined(separator: " and ")); fix the duplicate first")
        }
        return file
    }

    /// `roadmap serve`'s form save: the same edit and checks as `roadmap set`, committed on
    /// the target branch through the object database (the working tree and the index are
    /// never touched). `expected` is the blob the form was read from: when the branch now
    /// holds another version, `StaleVersionError` and nothing written. The branch moves only
    /// from the tip the commit was built on; if another save moved it meanwhile, the save is
    /// rebuilt on the new tip (the item's version is checked again).
    public func saveFields(id: String, _ assignments: [FieldAssignment], expected: ObjectID?, on target: EditTarget,
                           author: Signature?, today: RoadmapDate) throws -> BranchSave {
        guard !assignments.isEmpty else { throw RoadmapError("nothing to save: no field was given") }
        return try saveOnBranch(target, author: author, today: today) { files in
            let file = try uniqueItemFile(id: id, in: files)
            if let expected, file.blob != expected {
                throw StaleVersionError(path: file.path, expected: expected, current: file)
            }
            let (bytes, changes) = try Self.edited(file, assignments, editor: "the form")
            guard bytes != file.bytes else { return nil }
            try guardEdit(path: file.path, id: id, newBytes: bytes, current: files, today: today)
            let summary = changes.map { "\($0.field)=\($0.new.map(Self.describe) ?? "")" }.joined(separator: " ")
            return (file.path, bytes, changes, "Set \(id) \(summary)")
        }
    }

    /// `roadmap serve`'s new-item form: what `roadmap new` writes (the repository's template
    /// for the kind as the target branch holds it, else the built-in one), committed like `saveFields`.
    public func saveNewItem(kind: Kind, id: String, title: String?, fields: [FieldAssignment], on target: EditTarget,
                            author: Signature?, today: RoadmapDate) throws -> BranchSave {
        guard ItemID.isValid(id) else {
            throw RoadmapError("'\(id)' is not a valid id: lower-case letters, digits, '.', '_' and '-', starting with a letter or digit, at most 64 characters")
        }
        let template = try branchTemplate(kind, on: target)
        return try saveOnBranch(target, author: author, today: today) { files in
            if let clash = files.first(where: { ItemID.fromPath($0.path) == id }) {
                throw RoadmapError("id '\(id)' is taken by \(clash.path); ids are unique under \(root)/")
            }
            let path = (root.isEmpty ? "" : root + "/") + "\(kind.folder)/\(id).yaml"
            let bytes = try ItemFactory.make(kind: kind, template: template, title: title ?? id, fields: fields)
            try guardEdit(path: path, id: id, newBytes: bytes, current: files, today: today)
            return (path, bytes, [("title", nil, .string(title ?? id))], "New \(kind.rawValue) \(id)")
        }
    }

    /// The repository's `templates/<kind>.yaml` as the target branch holds it (a proposal not
    /// started yet: as the base holds it); nil when it has none (the built-in one is used).
    /// Read from the branch, not a working tree: a bare repository has none.
    public func branchTemplate(_ kind: Kind, on target: EditTarget) throws -> String? {
        let repository = self.repository
        let reference = reference(of: target)
        let tip = try git("reading \(reference)") { try repository.referenceTarget(reference) } ?? baseTip()
        let path = "templates/\(kind.rawValue).yaml"
        return try git("reading \(path)") { try repository.fileData(at: path, inCommit: tip) }
            .map { String(decoding: $0, as: UTF8.self) }
    }

    /// The fields the new-item form starts with: the kind's template's, as `roadmap new` fills them.
    public func newItemDefaults(_ kind: Kind, on target: EditTarget) throws -> YAMLValue? {
        let text = try branchTemplate(kind, on: target) ?? ItemFactory.builtinTemplate(kind)
        return try? YAMLParser.parse(Array(text.utf8)).data
    }

    /// Whether `reference` is the branch a working tree has checked out.
    func checkedOut(_ reference: String) throws -> Bool {
        guard repository.workingDirectory != nil else { return false }
        let repository = self.repository
        let current = try git("reading HEAD") { try repository.currentBranch() }
        return current.map { $0.hasPrefix("refs/") ? $0 : "refs/heads/" + $0 } == reference
    }

    static func describe(_ value: YAMLValue) -> String {
        switch value {
        case let .string(s): s
        case let .int(i): String(i)
        case let .bool(b): String(b)
        case let .sequence(items): "[" + items.map(describe).joined(separator: ", ") + "]"
        default: "\(value)"
        }
    }

    /// The commit-and-compare-and-swap loop shared by the saves. `change` reads the files of
    /// the branch's tip and returns the file to write (nil: nothing to do).
    private func saveOnBranch(
        _ target: EditTarget, author: Signature?, today: RoadmapDate,
        change: ([SourceFile]) throws -> (path: String, bytes: [UInt8], changes: [(field: String, old: YAMLValue?, new: YAMLValue?)], message: String)?
    ) throws -> BranchSave {
        let repository = self.repository
        let reference = reference(of: target)
        var proposalName: String?
        switch target {
        case .base:
            guard config.webDirect else {
                throw RoadmapError("saving straight to \(config.base) is off; pick or start a proposal (or set web: {direct: true} in roadmap.yaml)", exitCode: 1)
            }
        case let .proposal(name):
            try checkProposalName(name)
            proposalName = name
        }
        for _ in 0..<Self.branchSaveAttempts {
            let existing = try git("reading \(reference)") { try repository.referenceTarget(reference) }
            // A proposal that does not exist yet starts from the base: the edit is checked there.
            let source = try existing ?? baseTip()
            let files = try itemFiles(.commit(source))
            guard let edit = try change(files) else {
                return BranchSave(reference: reference, proposal: proposalName, commit: nil, path: "", changes: [])
            }
            let mode = try git("reading \(edit.path)") { try repository.entry(at: edit.path, inCommit: source) }?.mode ?? .blob
            let blob = try git("storing \(edit.path)") { try repository.writeBlob(edit.bytes) }
            let baseTree = try git("reading commit \(source.short)") { try repository.commit(source).treeID }
            let tree = try git("building the commit's tree") {
                try repository.buildTree(base: baseTree, updates: [.upsert(path: edit.path, blob: blob, mode: mode)])
            }
            if target == .base {
                // As `roadmap commit`: straight to the base only when the review adds no new error.
                let result = try cachedReview(base: source, head: .tree(tree), today: today)
                if result.blocks(strict: false) {
                    let first = result.findings.first { $0.change == .new && $0.finding.severity == .error }?.finding
                    throw RoadmapError("refused: this change adds \(result.summary.newErrors) new error\(result.summary.newErrors == 1 ? "" : "s") to \(config.base)\(first.map { " (\($0.item): \($0.message) [\($0.rule)])" } ?? ""); save it on a proposal instead", exitCode: 1)
                }
            }
            var parent = source
            if existing == nil, let name = proposalName {
                // Start the proposal (its first, empty commit carries its name), then commit on it.
                do {
                    parent = try propose(name: name, why: nil, from: source.hex, switchTo: false).commit
                } catch let error as RoadmapError {
                    // Someone started it a moment ago: save on theirs.
                    if try git("reading \(reference)", { try repository.referenceTarget(reference) }) != nil { continue }
                    throw error
                }
            }
            let signature = author
            let message = edit.message + "\n\nSaved with roadmap serve.\n"
            let commit = try git("committing on \(reference)") {
                let committer = (try? repository.committerSignature()) ?? signature
                return try repository.createCommit(tree: tree, parents: [parent], message: message,
                                                   author: signature, committer: committer, updating: nil)
            }
            // A direct save to the base a clone has checked out: the file follows in the working
            // tree and index (as git's `receive.denyCurrentBranch=updateInstead`, and as
            // `accept` does), else the clone would show the save undone as a local change that
            // a `git commit -a` would commit. Local edits of that file refuse the save.
            let followsWorktree = try target == .base && checkedOut(reference)
            if followsWorktree {
                do {
                    try repository.checkoutTree(commit, paths: [edit.path], force: false)
                } catch let error as GitError {
                    throw RoadmapError("refused: \(edit.path) has uncommitted changes in the server's clone of \(config.base) (\(error.message)); save on a proposal instead", exitCode: 1)
                }
            }
            do {
                try repository.setReference(reference, to: commit, expected: parent, message: "roadmap serve: \(edit.message)")
            } catch let error as GitError where error.isRefMoved || error.isExists || error.isLocked {
                // The branch moved under us (or is being moved): put the file back as the
                // branch now holds it, then rebuild on its new tip, checking the item's version again.
                if followsWorktree, let now = try? repository.referenceTarget(reference) {
                    try? repository.checkoutTree(now, paths: [edit.path], force: true)
                }
                usleep(2_000)
                continue
            } catch let error as GitError {
                if followsWorktree { try? repository.checkoutTree(parent, paths: [edit.path], force: true) }
                throw RoadmapError("updating \(reference): \(error.message); nothing was saved")
            }
            return BranchSave(reference: reference, proposal: proposalName, commit: commit, path: edit.path, changes: edit.changes)
        }
        throw RoadmapError("\(reference) kept moving while saving; nothing was saved, try again")
    }
}
