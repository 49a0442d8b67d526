internal import CLibGit2

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
