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

    static var stdoutIsTerminal: Bool { isatty(STDOUT_FILENO) == 1 }
    static var stderrIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }
}
