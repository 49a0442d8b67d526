import HTTPTypes
import Hummingbird
import NIOCore

/// What the guard (SecurityMiddleware) learned about a request before any route runs.
struct WebContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    /// The browser's session (every request has one after the guard).
    var session: Session?
    /// Who is signed in; without a users file, the local user.
    var user: WebUser?
    /// The audience this request sees (SPEC §12): the user's, else `--audience`.
    var audience: String = "team"
    /// The fields of a POSTed form, read once by the guard (bounded by `maxUploadSize`).
    var form: [String: [String]] = [:]

    init(source: Source) {
        coreContext = .init(source: source)
    }

    /// Forms are small: 64 KiB is ample for an item's description.
    var maxUploadSize: Int { 64 * 1024 }

    func field(_ name: String) -> String? { form[name]?.first }
}
