import Foundation
import HTTPTypes
import RoadmapKit
import Hummingbird
import NIOCore

/// The one place that guards every request before any route runs (CONVENTIONS: one place
/// for security headers, one for the audience):
/// - bounded headers (431; past the parser's limit, ParserErrorResponder answers) and bodies
///   (413, via the context's `maxUploadSize`);
/// - only GET, HEAD and POST (405);
/// - a session for every browser, and sign-in when there is a users file;
/// - the audience of the request (the signed-in user's, else `--audience`);
/// - for every POST: `--read-only` refuses it (403); otherwise the session's CSRF token must
///   come with the form, and a cross-site Origin is refused (403);
/// - security headers on every response, errors included; errors become a page with a clear
///   message and a 4xx status, never a crash or a stack trace.
struct SecurityMiddleware: RouterMiddleware {
    typealias Context = WebContext
    let app: WebApp

    static let sessionCookie = "roadmap_session"
    static let maxHeaderBytes = 16 * 1024
    /// Paths served to a visitor who has not signed in.
    static func isPublic(_ path: String) -> Bool { path == "/login" || path.hasPrefix("/static/") }

    static let securityHeaders: [(HTTPField.Name, String)] = [
        (.contentSecurityPolicy, "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"),
        (HTTPField.Name("X-Content-Type-Options")!, "nosniff"),
        (HTTPField.Name("Referrer-Policy")!, "same-origin"),
        (HTTPField.Name("X-Frame-Options")!, "DENY"),
        (.cacheControl, "no-store"),
    ]

    func handle(_ request: Request, context: WebContext, next: (Request, WebContext) async throws -> Response) async throws -> Response {
        var response: Response
        var setCookie: String?
        do {
            (response, setCookie) = try await guarded(request, context: context, next: next)
        } catch let error as WebError {
            response = app.pages.errorPage(error, context: context)
        } catch let error as RoadmapError {
            let missing = error.message.hasPrefix("no item") || error.message.hasPrefix("there is no") || error.message.hasPrefix("no open proposal")
            response = app.pages.errorPage(WebError(missing ? .notFound : .badRequest, error.message), context: context)
        } catch let error as HTTPError {
            response = app.pages.errorPage(WebError(error.status, error.body ?? error.status.reasonPhrase), context: context)
        } catch {
            response = app.pages.errorPage(WebError(.badRequest, "\(error)"), context: context)
        }
        for (name, value) in Self.securityHeaders where response.headers[name] == nil {
            response.headers[name] = value
        }
        if let setCookie { response.headers[values: .setCookie].append(setCookie) }
        return response
    }

    private func guarded(_ request: Request, context: WebContext, next: (Request, WebContext) async throws -> Response) async throws -> (Response, String?) {
        var context = context
        var request = request
        let headerBytes = request.headers.reduce(0) { $0 + $1.name.rawName.utf8.count + $1.value.utf8.count + 4 }
        if headerBytes > Self.maxHeaderBytes {
            throw WebError(.init(code: 431, reasonPhrase: "Request Header Fields Too Large"), "the request's headers are larger than \(Self.maxHeaderBytes / 1024) KiB")
        }
        guard [.get, .head, .post].contains(request.method) else {
            throw WebError(.methodNotAllowed, "\(request.method) is not served here; the roadmap answers GET and POST")
        }

        // The session: every browser gets one, so that forms can carry a CSRF token.
        var setCookie: String?
        let cookieValue = request.cookies[Self.sessionCookie]?.value
        var session = await app.sessions.session(cookieValue)
        if session == nil {
            let user = app.users == nil ? app.localUser : nil
            let created = await app.sessions.visit(user: user)
            session = created
            setCookie = Self.cookie(created.id)
        }
        guard let session else { throw WebError(.internalServerError, "no session") }
        context.session = session
        context.user = session.user
        context.audience = session.user?.audience ?? app.options.audience

        if app.users != nil && session.user == nil && !Self.isPublic(request.uri.path) {
            if request.method == .post || request.uri.path.hasPrefix("/api/") {
                throw WebError(.unauthorized, "sign in first")
            }
            return (Response(status: .seeOther, headers: [.location: "/login"]), setCookie)
        }

        // The audience (SPEC §12), enforced here for every URL: below `team` only the read
        // pages and API that are drawn from an audience-filtered view are reachable (review and
        // findings from `key` up); every other URL answers exactly as an unknown one (404),
        // so nothing betrays what exists. Below `team` nothing can be written.
        if let audience = Audience(rawValue: context.audience), audience != .team,
           !Self.allowed(request.uri.path, method: request.method, audience: audience) {
            throw WebError(.notFound, "there is no page \(request.uri.path) here")
        }

        if request.method == .post {
            if app.options.readOnly {
                throw WebError(.forbidden, "this roadmap is served read-only: nothing can be changed here")
            }
            if let origin = request.headers[.origin], let host = request.head.authority,
               origin != "http://\(host)" && origin != "https://\(host)" {
                throw WebError(.forbidden, "a form from another site (\(origin)) cannot change this roadmap")
            }
            // Bounded: a declared length over the limit is refused before reading a byte, and
            // a body that turns out longer (chunked) is refused as soon as it passes the limit.
            let tooLarge = WebError(.contentTooLarge, "the form is larger than \(context.maxUploadSize / 1024) KiB; shorten the description")
            if let length = request.headers[.contentLength].flatMap(Int.init), length > context.maxUploadSize { throw tooLarge }
            let body: ByteBuffer
            do {
                body = try await request.collectBody(upTo: context.maxUploadSize)
            } catch is NIOTooManyBytesError {
                throw tooLarge
            }
            context.form = FormData.parse(String(buffer: body))
            guard let token = context.field("csrf"), constantTimeEqual(token, session.csrf) else {
                throw WebError(.forbidden, "the form has expired or did not come from this site (missing CSRF token); reload the page and try again")
            }
        }
        var response = try await next(request, context)
        if let replaced = response.headers[.init("X-Roadmap-Session")!] {
            // Sign-in and sign-out hand over a new session id.
            response.headers[.init("X-Roadmap-Session")!] = nil
            setCookie = replaced.isEmpty ? "\(Self.sessionCookie)=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0" : Self.cookie(replaced)
        }
        return (response, setCookie)
    }

    /// What an audience below `team` may reach.
    static func allowed(_ path: String, method: HTTPRequest.Method, audience: Audience) -> Bool {
        if method == .post { return path == "/login" || path == "/logout" }
        if path.hasPrefix("/static/") || path.hasPrefix("/items/") { return true }
        // Budgets are for key stakeholders and the team; the calendar shows what the view may.
        if audience.seesFindings && (path == "/review" || path == "/api/review" || path == "/budget") { return true }
        return ["/", "/timeline", "/board", "/calendar", "/login", "/export.html", "/api/items", "/api/tip"].contains(path)
    }

    static func cookie(_ id: String) -> String {
        "\(sessionCookie)=\(id); Path=/; HttpOnly; SameSite=Strict"
    }

    private func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let (x, y) = (Array(a.utf8), Array(b.utf8))
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}

/// A request the server answers with a 4xx (or 5xx) page and a message a person can act on.
struct WebError: Error, Sendable {
    var status: HTTPResponse.Status
    var message: String
    init(_ status: HTTPResponse.Status, _ message: String) {
        self.status = status
        self.message = message
    }
}
