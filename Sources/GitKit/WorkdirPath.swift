import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
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

    /// What `writeAndRename` returns when the rename crossed file systems (EXDEV).
    static let crossDevice = String(cString: strerror(EXDEV))

    /// Writes `bytes` to a new `temporary` file (flushed to disk), then renames it over
    /// `target`; returns the failure's description, or nil. The temporary file never
    /// survives a failure.
    static func writeAndRename(_ bytes: [UInt8], temporary: String, target: String, permissions: mode_t) -> String? {
        var failure = writeTemporary(bytes, temporary: temporary, permissions: permissions, sync: true)
        if failure == nil && rename(temporary, target) != 0 { failure = String(cString: strerror(errno)) }
        if failure != nil { unlink(temporary) }
        return failure
    }

    /// Flushes to disk everything written to the file system holding `folder` (`syncfs`, which
    /// the Glibc module does not export: looked up once; `sync` where it is missing or fails).
    static func flushFileSystem(of folder: String) {
        let fd = open(folder, O_RDONLY | O_DIRECTORY)
        defer { if fd >= 0 { close(fd) } }
        if fd >= 0, let syncfs, syncfs(fd) == 0 { return }
        sync()
    }

    private static let syncfs: (@convention(c) (Int32) -> Int32)? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "syncfs") else { return nil }
        return unsafeBitCast(symbol, to: (@convention(c) (Int32) -> Int32).self)
    }()

    /// Writes `bytes` to a new `temporary` file with `permissions`, flushed to disk with
    /// `sync`; returns the failure's description, or nil. The file never survives a failure.
    static func writeTemporary(_ bytes: [UInt8], temporary: String, permissions: mode_t, sync: Bool) -> String? {
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL, permissions)
        guard fd >= 0 else { return String(cString: strerror(errno)) }
        var failure: String?
        bytes.withUnsafeBytes { raw in
            guard let base = raw.baseAddress else { return }
            var offset = 0
            while offset < raw.count {
                let written = write(fd, base + offset, raw.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    failure = String(cString: strerror(errno))
                    return
                }
                offset += written
            }
        }
        if failure == nil && sync && fsync(fd) != 0 { failure = String(cString: strerror(errno)) }
        if failure == nil && fchmod(fd, permissions) != 0 { failure = String(cString: strerror(errno)) }
        if close(fd) != 0 && failure == nil { failure = String(cString: strerror(errno)) }
        if failure != nil { unlink(temporary) }
        return failure
    }
}
