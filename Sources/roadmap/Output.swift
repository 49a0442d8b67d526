import Foundation
import RoadmapKit

/// Where commands write: stdout for results, stderr for errors and progress.
enum Output {
    static func error(_ message: String) {
        FileHandle.standardError.write(Data("roadmap: error: \(sanitizeForTerminal(message))\n".utf8))
    }

    static func note(_ message: String) {
        FileHandle.standardError.write(Data("\(message)\n".utf8))
    }

    static func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    /// Human-readable text whose pieces came from item files or git: control characters
    /// (escape sequences, bidi overrides) removed line by line, line breaks kept.
    static func writeSanitized(_ text: String) {
        write(terminalSafe(text))
    }

    static func terminalSafe(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { sanitizeForTerminal(String($0)) }.joined(separator: "\n")
    }

    static var stdoutIsTerminal: Bool { isatty(STDOUT_FILENO) == 1 }
    static var stderrIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }
}
