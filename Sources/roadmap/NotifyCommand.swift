import ArgumentParser
import Foundation
import RoadmapKit

struct NotifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "notify",
        abstract: "Tell each affected owner what a change did to their items.",
        discussion: """
        Compares B (default HEAD) with its merge base with A, like review --base, and lists per \
        owner the moved releases their campaigns promote (old → new, ±days) and the new errors \
        on their items. owners: in roadmap.yaml maps handles to {name, email, slack}.
        Formats: markdown, json (a webhook payload with schemaVersion), slack (Block Kit), \
        email (an RFC 5322 message to the owners with an address). --post URL sends it with one \
        HTTP POST (each attempt times out after --timeout seconds; failures, timeouts, 5xx and \
        429 are retried up to --attempts in all); nothing is posted when no owner is affected.
        """
    )

    @OptionGroup var global: GlobalOptions
    @Option(help: ArgumentHelp("Compare against the merge base with this revision.", valueName: "A")) var base: String
    @Option(help: ArgumentHelp("The revision to report on (default HEAD).", valueName: "B")) var head: String?
    @Option(help: "markdown, json, slack or email.") var format: NotifyFormat = .markdown
    @Option(help: ArgumentHelp("POST the output to this http(s) URL instead of printing it.", valueName: "URL")) var post: String?
    @Option(help: ArgumentHelp("Seconds each POST attempt may take.", valueName: "SECONDS")) var timeout: Double = 10
    @Option(help: "How many times to try the POST in all.") var attempts: Int = 3
    @Option(help: ArgumentHelp("The e-mail's From: address.", valueName: "ADDRESS")) var from: String = "roadmap <roadmap@localhost>"

    func validate() throws {
        if !(timeout > 0 && timeout <= 600) { throw ValidationError("--timeout must be between 0 and 600 seconds") }
        if !(1...10).contains(attempts) { throw ValidationError("--attempts must be between 1 and 10") }
    }

    func run() throws {
        let url = try post.map(WebhookPoster.url)
        let notification = try global.workspace().notification(base: base, head: head, today: try global.todayDate())
        let text = notification.render(format, from: from)
        guard let url else {
            Output.write(text)
            return
        }
        if notification.owners.isEmpty {
            Output.note("roadmap: no owner is affected; nothing was posted")
            return
        }
        let status = try WebhookPoster(timeout: timeout, attempts: attempts).post(Data(text.utf8), to: url, contentType: format.contentType)
        Output.note("roadmap: posted to \(url.host ?? "the server") (HTTP \(status)) for \(notification.owners.count) owner\(notification.owners.count == 1 ? "" : "s")")
    }
}

extension NotifyFormat: ExpressibleByArgument {}
