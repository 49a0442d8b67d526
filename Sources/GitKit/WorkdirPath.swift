import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// What is at a path of the working tree, without following a final symlink.
enum WorkdirPath {
    enum Kind: Equatable { case missing, file, executable, symlink, directory, other }

    static func kind(_ path: String) -> Kind {
        var info = stat()
        guard lstat(path, &info) == 0 else { return .missing }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return info.st_mode & 0o100 != 0 ? .executable : .file
        case S_IFLNK: return .symlink
        case S_IFDIR: return .directory
        default: return .other
        }
    }

    static func isExecutable(_ path: String) -> Bool {
        var info = stat()
        guard lstat(path, &info) == 0 else { return false }
        return info.st_mode & S_IFMT == S_IFREG && info.st_mode & 0o100 != 0
    }

    /// True when no folder on the way from `workdir` to `relativePath` is a symlink (the
    /// last component may be one).
    static func insideWithoutLinks(workdir: String, relativePath: String) -> Bool {
        var current = workdir
        let components = relativePath.split(separator: "/").map(String.init)
        for component in components.dropLast() {
            current += "/" + component
            switch kind(current) {
            case .directory, .missing: continue
            default: return false
            }
        }
        return true
    }

    static func readLink(_ path: String) -> [UInt8]? {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = readlink(path, &buffer, buffer.count - 1)
        guard count >= 0 else { return nil }
        return buffer.prefix(count).map { UInt8(bitPattern: $0) }
    }

    static func permissions(_ path: String) -> mode_t? {
        var info = stat()
        guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
        return info.st_mode & 0o7777
    }
}
