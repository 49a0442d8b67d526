/// An error a user reads: one line saying what the tool was doing, what went wrong and where,
/// and what to do. The entry point prints it as `roadmap: error: …` and exits with `exitCode`.
public struct RoadmapError: Error, Sendable, CustomStringConvertible {
    public let message: String
    /// 2 when the command could not run (SPEC §10); 1 for a refusal such as a merge conflict.
    public let exitCode: Int32

    public init(_ message: String, exitCode: Int32 = 2) {
        self.message = message
        self.exitCode = exitCode
    }

    public var description: String { message }
}
