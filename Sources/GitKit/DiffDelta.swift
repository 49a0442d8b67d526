internal import CLibGit2

/// How a file changed between two sides of a diff.
public enum DeltaStatus: Sendable, Hashable {
    case added, deleted, modified, renamed, copied, typeChange

    init?(_ status: git_delta_t) {
        switch status {
        case GIT_DELTA_ADDED: self = .added
        case GIT_DELTA_DELETED: self = .deleted
        case GIT_DELTA_MODIFIED: self = .modified
        case GIT_DELTA_RENAMED: self = .renamed
        case GIT_DELTA_COPIED: self = .copied
        case GIT_DELTA_TYPECHANGE: self = .typeChange
        default: return nil
        }
    }
}

/// One changed file of a diff. Absent sides (the old side of an addition, the new side
/// of a deletion) are nil.
public struct DiffDelta: Sendable, Hashable {
    public var status: DeltaStatus
    public var oldPath: String?
    public var newPath: String?
    public var oldID: ObjectID?
    public var newID: ObjectID?
    public var oldMode: FileMode?
    public var newMode: FileMode?
    /// Similarity in percent for renames and copies, 0 otherwise.
    public var similarity: Int

    public init(status: DeltaStatus, oldPath: String?, newPath: String?, oldID: ObjectID?, newID: ObjectID?,
                oldMode: FileMode? = nil, newMode: FileMode? = nil, similarity: Int) {
        self.status = status
        self.oldPath = oldPath
        self.newPath = newPath
        self.oldID = oldID
        self.newID = newID
        self.oldMode = oldMode
        self.newMode = newMode
        self.similarity = similarity
    }

    /// The path on the new side, else the old side.
    public var path: String { newPath ?? oldPath ?? "" }

    init?(_ delta: UnsafePointer<git_diff_delta>) {
        let value = delta.pointee
        guard let status = DeltaStatus(value.status) else { return nil }
        self.status = status
        let hasOld = status != .added
        let hasNew = status != .deleted
        oldPath = hasOld ? decodeOptional(value.old_file.path) : nil
        newPath = hasNew ? decodeOptional(value.new_file.path) : nil
        oldID = hasOld ? ObjectID(value.old_file.id) : nil
        newID = hasNew ? ObjectID(value.new_file.id) : nil
        oldMode = hasOld ? FileMode(rawMode: UInt32(value.old_file.mode)) : nil
        newMode = hasNew ? FileMode(rawMode: UInt32(value.new_file.mode)) : nil
        similarity = (status == .renamed || status == .copied) ? Int(value.similarity) : 0
    }
}
