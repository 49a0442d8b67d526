import Foundation
import GitKit
import HTTPTypes
import Hummingbird
import RoadmapKit

/// The proposals: the list of `roadmap proposals`, one proposal's semantic diff and the
/// findings it introduces and resolves, and accept / withdraw through the commands' use
/// cases (so their refusals are the commands' refusals).
struct ProposalRoutes {
    let app: WebApp

    func register(_ router: Router<WebContext>) {
        let app = self.app
        router.get("/proposals") { request, context in
            let today = try app.today()
            let report = try await app.gate.run { try $0.proposalsReport(remote: nil, today: today) }
            let day = DateFormatter()
            day.dateFormat = "yyyy-MM-dd"
            day.timeZone = TimeZone(identifier: "UTC")
            let values: [String: Any] = [
                "title": "Proposals · Roadmap", "base": report.base,
                "proposals": report.proposals.map { p -> [String: Any] in
                    ["name": PageModels.clean(p.proposal.name), "title": PageModels.clean(p.title),
                     "author": p.author.map { PageModels.clean($0.name) } ?? "", "updated": day.string(from: p.updated),
                     "ahead": p.ahead, "behind": p.behind, "added": p.diff.added, "changed": p.diff.changed, "removed": p.diff.removed,
                     "introduced": p.diff.introduced.count, "resolved": p.diff.resolved.count, "clean": p.mergesCleanly]
                },
                "none": report.proposals.isEmpty,
                // After post/redirect/get: what the person just did, in words.
                "notice": Self.listNotice(request, base: report.base) ?? false,
            ]
            return app.pages.render("proposals", values, context: context)
        }

        router.get("/proposals/:name") { request, context in
            let name = try Self.name(context)
            return try await Self.proposalPage(app, name: name, context: context,
                                               notice: request.uri.queryParameters.get("done"))
        }

        router.post("/proposals/:name/accept") { _, context in
            let name = try Self.name(context)
            let today = try app.today()
            let force = context.field("force") == "1"
            let author = app.author(context.user)
            do {
                // Always a merge commit: an accept from the web is a save, and the commit
                // records who accepted (a fast-forward would record nobody).
                let outcome = try await app.gate.run {
                    try $0.accept(name: name, noFastForward: true, force: force, message: nil, author: author, today: today)
                }
                if outcome.refused {
                    let introduced = outcome.review?.findings.filter { $0.change == .new && $0.finding.severity == .error }.map(\.finding) ?? []
                    let message = "not accepted: the result has \(introduced.count) new error\(introduced.count == 1 ? "" : "s"); fix them on the proposal, or accept anyway"
                    return try await Self.proposalPage(app, name: name, context: context, error: message, status: .conflict, offerForce: true)
                }
                return Response(status: .seeOther, headers: [.location: "/proposals?accepted=\(name)"])
            } catch let error as RoadmapError {
                return try await Self.proposalPage(app, name: name, context: context, error: error.message, status: .conflict)
            }
        }

        router.post("/proposals/:name/withdraw") { _, context in
            let name = try Self.name(context)
            let why = context.field("why")
            let author = app.author(context.user)
            do {
                _ = try await app.gate.run { try $0.withdraw(name: name, why: why, author: author) }
                return Response(status: .seeOther, headers: [.location: "/proposals?withdrawn=\(name)"])
            } catch let error as RoadmapError {
                return try await Self.proposalPage(app, name: name, context: context, error: error.message, status: .conflict)
            }
        }
    }

    static func listNotice(_ request: Request, base: String) -> String? {
        let query = request.uri.queryParameters
        if let name = query.get("accepted"), ItemID.isValid(name) { return "Accepted \(name) into \(base)." }
        if let name = query.get("withdrawn"), ItemID.isValid(name) { return "Withdrew \(name); it is archived, nothing is lost." }
        return nil
    }

    static func name(_ context: WebContext) throws -> String {
        let name = try context.parameters.require("name")
        guard ItemID.isValid(name) else { throw WebError(.badRequest, "'\(name)' is not a proposal name") }
        return name
    }

    static func proposalPage(_ app: WebApp, name: String, context: WebContext, notice: String? = nil, error: String? = nil,
                             status: HTTPResponse.Status = .ok, offerForce: Bool = false) async throws -> Response {
        let today = try app.today()
        let (report, summary) = try await app.gate.run { ws -> (DiffReport, ProposalSummary?) in
            _ = try ws.proposal(named: name)
            let report = try ws.semanticDiff(name, today: today)
            let summary = try ws.proposalsReport(remote: nil, today: today).proposals.first { $0.proposal.name == name }
            return (report, summary)
        }
        let clean = PageModels.clean
        let values: [String: Any] = [
            "title": "Proposal \(clean(name)) · Roadmap", "nav": "proposals", "name": name,
            "proposalTitle": clean(summary?.title ?? name), "reasoning": clean(summary?.reasoning ?? ""),
            "author": summary?.author.map { clean($0.name) } ?? "", "clean": summary?.mergesCleanly ?? true,
            "conflicts": (summary?.conflicts ?? []).map { ["text": clean($0.description)] },
            "items": report.diff.items.map { change -> [String: Any] in
                ["id": clean(change.id), "change": change.change.rawValue, "path": clean(change.path),
                 "fields": change.fields.map { f -> [String: Any] in
                     ["field": clean(f.field), "old": PageModels.text(f.old), "new": PageModels.text(f.new),
                      "days": f.days.map { $0 > 0 ? "+\($0) days" : "\($0) days" } ?? false, "late": (f.days ?? 0) > 0]
                 }]
            },
            "noItems": report.diff.items.isEmpty,
            "introduced": report.diff.introduced.map(PageModels.finding), "hasIntroduced": !report.diff.introduced.isEmpty,
            "resolved": report.diff.resolved.map(PageModels.finding), "hasResolved": !report.diff.resolved.isEmpty,
            "notice": notice ?? false, "error": error ?? false, "offerForce": offerForce,
        ]
        return app.pages.render("proposal", values, context: context, status: status)
    }
}
