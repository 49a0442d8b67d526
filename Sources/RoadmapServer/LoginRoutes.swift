import Foundation
import HTTPTypes
import Hummingbird
import RoadmapKit

/// Sign-in and sign-out with `--users FILE`. A successful sign-in gets a new session id (so
/// an id planted before sign-in is worthless); a failed one says no more than that.
struct LoginRoutes {
    let app: WebApp
    static let sessionHeader = HTTPField.Name("X-Roadmap-Session")!

    func register(_ router: Router<WebContext>) {
        let app = self.app
        router.get("/login") { _, context in
            app.pages.render("login", ["title": "Sign in · Roadmap", "nav": "login", "needed": app.users != nil], context: context)
        }
        router.post("/login") { _, context in
            guard let users = app.users else { return Response(status: .seeOther, headers: [.location: "/timeline"]) }
            let name = context.field("name") ?? ""
            let password = context.field("password") ?? ""
            guard let user = users.authenticate(name: name, password: password) else {
                return app.pages.render("login", ["title": "Sign in · Roadmap", "nav": "login", "needed": true,
                                                  "error": "unknown name or wrong password"], context: context, status: .unauthorized)
            }
            let session = await app.sessions.create(user: user, replacing: context.session?.id)
            return Response(status: .seeOther, headers: [.location: "/timeline", Self.sessionHeader: session.id])
        }
        router.post("/logout") { _, context in
            if let id = context.session?.id { await app.sessions.remove(id) }
            return Response(status: .seeOther, headers: [.location: app.users == nil ? "/timeline" : "/login", Self.sessionHeader: ""])
        }
    }
}
