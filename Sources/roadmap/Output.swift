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

    /// The width text views fit: `COLUMNS` when it is set (to a number), else the terminal's
    /// own width when stdout is one (shells seldom export COLUMNS), else 80.
    static func textWidth() -> Int {
        let environment = ProcessInfo.processInfo.environment
        if environment["COLUMNS"] == nil && stdoutIsTerminal {
            var size = winsize()
            if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0 && size.ws_col > 0 { return Int(size.ws_col) }
        }
        return TimelineTextRenderer.width(environment: environment)
    }
    static var stderrIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }
}
