import Foundation
import HTTPTypes
import Hummingbird
import Mustache
import RoadmapKit

/// The page templates (`templates/web/*.mustache`, swift-mustache) and the static files
/// (`web/`), all embedded in the binary. A repository restyles its pages as it restyles its
/// export: its own `templates/web/NAME.mustache` or `templates/web/roadmap.css` replace the
/// built-in ones (read when the server starts). Item text reaches a template only through
/// `{{…}}`, which escapes it; no template uses `{{{…}}}`.
struct Pages: Sendable {
    let library: MustacheLibrary
    /// Static files by URL name (`app.js`, `roadmap.css`): content type and bytes.
    let statics: [String: (type: String, body: String)]
    /// `--read-only`: no page offers a form that would change the roadmap.
    let readOnly: Bool

    static let pageNames = ["header", "footer", "timeline", "board", "item", "new", "review", "proposals",
                            "proposal", "slips", "calendar", "budget", "login", "error"]

    init(workspace: Workspace, readOnly: Bool = false) throws {
        self.readOnly = readOnly
        var library = MustacheLibrary()
        for name in Self.pageNames {
            let path = "web/\(name).mustache"
            guard let text = try workspace.exportTemplate(path) else {
                throw RoadmapError("the page template templates/\(path) is missing from this build")
            }
            do {
                try library.register(text, named: name)
            } catch {
                throw RoadmapError("templates/\(path): not a valid Mustache template (\(error)); fix it or remove it to use the built-in one")
            }
        }
        self.library = library
        var statics: [String: (String, String)] = [:]
        statics["app.js"] = ("text/javascript; charset=utf-8", Resources.text("web/app.js") ?? "")
        let css = (try? workspace.exportTemplate("web/roadmap.css")).flatMap { $0 } ?? Resources.text("web/roadmap.css") ?? ""
        statics["roadmap.css"] = ("text/css; charset=utf-8", css)
        self.statics = statics
    }

    /// A page: the template with the values every page shows (who, the CSRF token, the nav).
    func render(_ name: String, _ values: [String: Any], context: WebContext, status: HTTPResponse.Status = .ok) -> Response {
        var all = values
        all["csrf"] = context.session?.csrf ?? ""
        all["user"] = context.user.map { ["name": $0.name, "audience": $0.audience] as [String: Any] } ?? false
        all["audience"] = context.audience
        all["team"] = context.audience == "team"
        all["writable"] = context.audience == "team" && !readOnly
        all["seesFindings"] = context.audience == "team" || context.audience == "key"
        all["nav_" + (values["nav"] as? String ?? name)] = true
        if all["title"] == nil { all["title"] = "Roadmap" }
        let html = library.render(all, withTemplate: name) ?? "template \(name) is missing"
        return Response(status: status, headers: [.contentType: "text/html; charset=utf-8"],
                        body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    func errorPage(_ error: WebError, context: WebContext) -> Response {
        render("error", ["title": "\(error.status.code) \(error.status.reasonPhrase)", "status": error.status.code,
                         "reason": error.status.reasonPhrase, "message": error.message, "nav": "none"],
               context: context, status: error.status)
    }
}
