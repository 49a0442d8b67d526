internal import CLibGit2
import Foundation

/// A failure reported by libgit2, with the operation that failed.
public struct GitError: Error, Sendable, CustomStringConvertible {
    /// libgit2's return code (`git_error_code`, e.g. -3 for GIT_ENOTFOUND).
    public let code: Int32
    /// libgit2's error class (`git_error_t`), 0 when none was set.
    public let errorClass: Int32
    public let message: String
    /// The libgit2 function (or our own step) that failed.
    public let operation: String

    public init(code: Int32, errorClass: Int32, message: String, operation: String) {
        self.code = code
        self.errorClass = errorClass
        self.message = message
        self.operation = operation
    }

    public var description: String { "\(message) (\(operation), code \(code))" }
}

// MARK: - libgit2 return codes, for higher layers to phrase errors

extension GitError {
    /// GIT_ERROR: a generic failure.
    public static let genericCode: Int32 = -1
    /// GIT_ENOTFOUND: the object, reference, path or repository does not exist.
    public static let notFoundCode: Int32 = -3
    /// GIT_EEXISTS: something already exists (e.g. a reference created with "must not exist").
    public static let existsCode: Int32 = -4
    /// GIT_EAMBIGUOUS: a short id matches more than one object.
    public static let ambiguousCode: Int32 = -5
    /// GIT_EUNBORNBRANCH: HEAD names a branch without commits.
    public static let unbornBranchCode: Int32 = -9
    /// GIT_EUNMERGED: the index has conflicts.
    public static let unmergedCode: Int32 = -10
    /// GIT_ENONFASTFORWARD: a push or update was not a fast-forward.
    public static let nonFastForwardCode: Int32 = -11
    /// GIT_ECONFLICT: a checkout would overwrite local changes.
    public static let conflictCode: Int32 = -13
    /// GIT_ELOCKED: a lock file (e.g. `index.lock`) prevented the operation.
    public static let lockedCode: Int32 = -14
    /// GIT_EMODIFIED: a reference no longer has the value the caller expected.
    public static let modifiedCode: Int32 = -15
    /// GIT_EAUTH: authentication failed.
    public static let authCode: Int32 = -16
    /// GIT_EINVALID: invalid operation or input.
    public static let invalidCode: Int32 = -21

    public var isNotFound: Bool { code == Self.notFoundCode }
    public var isExists: Bool { code == Self.existsCode }
    public var isAmbiguous: Bool { code == Self.ambiguousCode }
    public var isConflict: Bool { code == Self.conflictCode }
    public var isLocked: Bool { code == Self.lockedCode }
    /// A reference (or the branch a commit was meant to move) was moved by someone else.
    public var isRefMoved: Bool { code == Self.modifiedCode }
    public var isUnmerged: Bool { code == Self.unmergedCode }
    public var isNonFastForward: Bool { code == Self.nonFastForwardCode }

    /// The same error with a clearer message (our words first, libgit2's after).
    func rephrased(_ message: String) -> GitError {
        let detail = self.message.isEmpty ? "" : " (\(self.message))"
        return GitError(code: code, errorClass: errorClass, message: message + detail, operation: operation)
    }

    /// An error raised by GitKit itself (not by a libgit2 call).
    static func own(_ message: String, code: Int32 = genericCode, operation: String) -> GitError {
        GitError(code: code, errorClass: 0, message: message, operation: operation)
    }

    /// Reads (and clears) libgit2's last error for a failed call.
    static func last(code: Int32, operation: String) -> GitError {
        var message = ""
        var errorClass: Int32 = 0
        if let error = git_error_last() {
            if let text = error.pointee.message {
                message = String(decoding: UnsafeRawBufferPointer(start: text, count: strlen(text)), as: UTF8.self)
            }
            errorClass = error.pointee.klass
        }
        git_error_clear()
        if message.isEmpty { message = "libgit2 error \(code)" }
        return GitError(code: code, errorClass: errorClass, message: message, operation: operation)
    }
}

/// Throws the libgit2 error when `rc` is negative; returns `rc` otherwise (some calls return counts or booleans).
@discardableResult
func check(_ rc: Int32, _ operation: @autoclosure () -> String) throws -> Int32 {
    if rc < 0 { throw GitError.last(code: rc, operation: operation()) }
    return rc
}

/// Decodes a C string leniently (invalid UTF-8 becomes U+FFFD), never force-unwrapping.
func decode(_ pointer: UnsafePointer<CChar>?) -> String {
    guard let pointer else { return "" }
    return String(decoding: UnsafeRawBufferPointer(start: pointer, count: strlen(pointer)), as: UTF8.self)
}

func decodeOptional(_ pointer: UnsafePointer<CChar>?) -> String? {
    guard let pointer else { return nil }
    return decode(pointer)
}
