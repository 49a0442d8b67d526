import ArgumentParser
import Foundation
import RoadmapKit

/// One `roadmap review`, from plain values: what `ReviewCommand` parsed, or what the hook's
/// `PlainCommandLine` read.
struct ReviewRun {
    var settings: GlobalSettings
    var scope: ReviewScope
    var hook: String?
    var strict = false
    var format: ReviewFormat = .text

    /// The command a person runs to list every finding this hook summarized.
    var listingCommand: String {
        func short(_ revision: String) -> String {
            revision.count == 40 && revision.allSatisfy(\.isHexDigit) ? String(revision.prefix(7)) : revision
        }
        switch scope {
        case .worktree: return "roadmap review"
        case .staged: return "roadmap review --staged"
        case let .revision(rev): return "roadmap review --rev \(short(rev))"
        case let .range(base, head): return "roadmap review --base \(short(base))" + (head.map { " --head \(short($0))" } ?? "")
        case let .pushed(rev): return "roadmap review --rev \(short(rev))"
        }
    }

    /// Seconds as `String(format: "%.2f")` prints them (the C library's own formatting),
    /// without Foundation's formatter: a hook pays for it on every commit.
    static func seconds(_ interval: TimeInterval) -> String {
        var buffer = [CChar](repeating: 0, count: 32)
        let written = withVaList([interval]) { vsnprintf(&buffer, buffer.count, "%.2f", $0) }
        guard written > 0, written < buffer.count else { return "0.00" }
        return String(decoding: buffer.prefix(Int(written)).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    func run() throws {
        let started = Date()
        let workspace = try settings.workspace()
        // A hook's text lists what the change did and counts the other existing findings:
        // those need not be read one by one (strict lists existing errors in full).
        let report = try workspace.review(scope, today: try settings.todayDate(), listing: !(format == .text && hook != nil && !strict))
        // A hook shows what the change did; the findings it left as they were are one line.
        // Only the pull-request comment names moved releases and owners: it reads both states in full.
        let context = format == .markdown ? try workspace.reviewContext(scope, today: try settings.todayDate()) : .empty
        var text = ReviewRenderer.render(report.result, format: format, base: report.base?.hex, head: report.head, color: settings.color,
                                         existingSummary: hook == nil ? nil : listingCommand, strict: strict, context: context)
        if format == .text {
            text = String(text.dropLast()) + " (\(Self.seconds(Date().timeIntervalSince(started))) s)\n"
        }
        Output.write(text)
        if report.result.blocks(strict: strict) {
            if hook != nil {
                Output.note("roadmap: the \(hook ?? "hook") hook refused: \(report.result.summary.newErrors) new error\(report.result.summary.newErrors == 1 ? "" : "s") in the roadmap. Fix them or waive the rule on the item (waive:), or bypass once with --no-verify.")
            }
            throw ExitCode(1)
        }
    }
}
