internal import CLibGit2
import Foundation

extension Repository {
    /// Makes the objects in `directories` readable through this repository (as read-only
    /// alternates: new objects are still written to the repository's own `objects/`).
    ///
    /// A `pre-receive` hook needs this: git keeps the pushed objects in a quarantine folder
    /// until every hook has accepted the push, and tells its hooks so through
    /// `GIT_OBJECT_DIRECTORY` (the quarantine) and `GIT_ALTERNATE_OBJECT_DIRECTORIES` (the
    /// repository's own objects). Folders that do not exist, and the repository's own
    /// `objects/`, are skipped.
    public func addObjectDirectories(_ directories: [String]) throws {
        let own = URL(fileURLWithPath: commonDirectory + "/objects").standardizedFileURL.path
        var seen: Set<String> = [own]
        let wanted = directories.map { URL(fileURLWithPath: $0).standardizedFileURL.path }.filter { seen.insert($0).inserted }
        guard !wanted.isEmpty else { return }
        var odb: OpaquePointer?
        try check(git_repository_odb(&odb, pointer), "git_repository_odb")
        defer { git_odb_free(odb) }  // the repository keeps its own reference to the odb
        for directory in wanted {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: directory, isDirectory: &isFolder), isFolder.boolValue else { continue }
            try check(git_odb_add_disk_alternate(odb, directory), "git_odb_add_disk_alternate")
        }
    }

    /// The object folders git's environment names, absolute (relative ones start at `base`):
    /// `GIT_OBJECT_DIRECTORY`, then each of the colon-separated `GIT_ALTERNATE_OBJECT_DIRECTORIES`.
    static func objectDirectories(in environment: [String: String], relativeTo base: String) -> [String] {
        var paths: [String] = []
        if let primary = environment["GIT_OBJECT_DIRECTORY"], !primary.isEmpty { paths.append(primary) }
        if let alternates = environment["GIT_ALTERNATE_OBJECT_DIRECTORIES"] {
            paths += alternates.split(separator: ":").map(String.init).filter { !$0.isEmpty }
        }
        return paths.map { URL(fileURLWithPath: $0, relativeTo: URL(fileURLWithPath: base)).standardizedFileURL.path }
    }
}
