import Foundation
import Hummingbird
import RoadmapKit

/// `/export.html`: the static HTML export (`roadmap export --format html`) of the branch shown,
/// for the request's audience. It is rendered once per branch tip, audience and day and then
/// served from memory, so it is also the yardstick the benchmark compares the live pages with
/// (the same server sending bytes it already has).
struct ExportRoute {
    let app: WebApp
    /// The last few exports rendered (a handful of branches and audiences).
    let cache = TipCache<String>()

    func register(_ router: Router<WebContext>) {
        let app = self.app, cache = self.cache
        router.get("/export.html") { request, context in
            let on = try ReadRoutes.on(request)
            let today = try app.today()
            let audience = context.audience
            let html = try await app.gate.run { ws in
                if audience != "team", let on { throw RoadmapError("there is no open proposal '\(on)'") }
                let tip = try ws.repository.referenceTarget(on.map(ws.proposalReference) ?? ws.baseReference)
                return try cache.value("\(tip?.hex ?? "-")|\(audience)|\(today.text)") {
                    let state = try ReadRoutes.branchState(ws, on: on, today: today, audience: audience)
                    return try HTMLExporter.render(state.view, template: try ws.exportTemplate("export.html.mustache"))
                }
            }
            // The export is one self-contained page: its style is inline, it has no script.
            return Response(status: .ok, headers: [
                .contentType: "text/html; charset=utf-8",
                .contentSecurityPolicy: "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'; base-uri 'none'",
            ], body: .init(byteBuffer: ByteBuffer(string: html)))
        }
    }
}
