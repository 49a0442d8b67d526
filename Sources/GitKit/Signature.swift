internal import CLibGit2
import Foundation

/// A person and a moment, as recorded in a commit.
public struct Signature: Sendable, Hashable {
    public var name: String
    public var email: String
    public var date: Date
    /// Offset of the author's time zone from UTC, in minutes (e.g. 120 for +0200).
    public var timeZoneOffsetMinutes: Int

    public init(name: String, email: String, date: Date, timeZoneOffsetMinutes: Int) {
        self.name = name
        self.email = email
        self.date = date
        self.timeZoneOffsetMinutes = timeZoneOffsetMinutes
    }

    init(_ signature: UnsafePointer<git_signature>) {
        let value = signature.pointee
        name = decode(value.name)
        email = decode(value.email)
        date = Date(timeIntervalSince1970: TimeInterval(value.when.time))
        timeZoneOffsetMinutes = Int(value.when.offset)
    }
}

/// A `git_signature` owned by Swift, for passing to libgit2.
final class SignatureHandle {
    let pointer: UnsafeMutablePointer<git_signature>

    init(_ signature: Signature) throws {
        var out: UnsafeMutablePointer<git_signature>?
        let seconds = git_time_t(signature.date.timeIntervalSince1970.rounded(.down))
        try check(git_signature_new(&out, signature.name, signature.email, seconds, Int32(signature.timeZoneOffsetMinutes)), "git_signature_new")
        guard let out else { throw GitError.own("git_signature_new returned no signature", operation: "git_signature_new") }
        pointer = out
    }

    deinit { git_signature_free(pointer) }
}
