internal import CLibGit2

/// The mode of a tree or index entry.
public enum FileMode: Sendable, Hashable {
    case blob
    case executable
    case symlink
    case tree
    /// A gitlink (a submodule's commit).
    case submodule

    init?(rawMode: UInt32) {
        switch rawMode {
        case GIT_FILEMODE_BLOB.rawValue: self = .blob
        case GIT_FILEMODE_BLOB_EXECUTABLE.rawValue: self = .executable
        case GIT_FILEMODE_LINK.rawValue: self = .symlink
        case GIT_FILEMODE_TREE.rawValue: self = .tree
        case GIT_FILEMODE_COMMIT.rawValue: self = .submodule
        default: return nil
        }
    }

    var raw: git_filemode_t {
        switch self {
        case .blob: GIT_FILEMODE_BLOB
        case .executable: GIT_FILEMODE_BLOB_EXECUTABLE
        case .symlink: GIT_FILEMODE_LINK
        case .tree: GIT_FILEMODE_TREE
        case .submodule: GIT_FILEMODE_COMMIT
        }
    }

    /// True for entries whose content is a blob (regular files, executables, symlinks).
    public var isBlob: Bool { self == .blob || self == .executable || self == .symlink }
}
