internal import CLibGit2
import Foundation

/// Runs `body` with a `git_strarray` of copies of `strings`, valid for the call only.
func withStrarray<R>(_ strings: [String], _ body: (inout git_strarray) throws -> R) rethrows -> R {
    let pointers: [UnsafeMutablePointer<CChar>?] = strings.map { strdup($0) }
    defer { pointers.forEach { free($0) } }
    var copy = pointers
    return try copy.withUnsafeMutableBufferPointer { buffer in
        var array = git_strarray(strings: buffer.baseAddress, count: buffer.count)
        return try body(&array)
    }
}

/// Runs `body` with the contents of a `git_buf` libgit2 fills, disposing of it after.
func withGitBuf(_ fill: (inout git_buf) -> Int32, operation: String) throws -> String {
    var buffer = git_buf()
    defer { git_buf_dispose(&buffer) }
    try check(fill(&buffer), operation)
    guard let pointer = buffer.ptr else { return "" }
    return String(decoding: UnsafeRawBufferPointer(start: pointer, count: buffer.size), as: UTF8.self)
}
