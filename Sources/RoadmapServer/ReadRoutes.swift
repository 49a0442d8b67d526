import Foundation
import GitKit
import HTTPTypes
import Hummingbird
import RoadmapKit

/// The pages and the JSON API: each route reads its parameters, calls RoadmapKit through the
/// gate, and renders one template (or the command's JSON).
struct ReadRoutes {
    let app: WebApp

    /// The branch a page shows: `?on=NAME` for a proposal, else the base branch.
    static func on(_ request: Request) throws -> String? {
        guard let name = request.uri.queryParameters.get("on"), !name.isEmpty else { return nil }
        guard ItemID.isValid(name) || name.split(separator: "/").allSatisfy({ ItemID.isValid(String($0)) }) else {
            throw WebError(.badRequest, "'\(name)' is not a proposal name")
        }
        return name
    }

    /// `?page=N`, 1 when absent; clamped so that no offset computed from it can overflow.
    static func page(_ request: Request) -> Int {
        min(max(1, request.uri.queryParameters.get("page", as: Int.self) ?? 1), 1_000_000)
    }

    /// The state of a branch: its view (with findings), its tip, and the open proposals.
    struct BranchState: Sendable {
        var view: RoadmapView
        /// What pages look up in the view, indexed once per view.
        var index: ViewIndex
        var tip: ObjectID
        var proposals: [String]
        var base: String
        var direct: Bool
    }

    static func branchState(_ ws: Workspace, on: String?, today: RoadmapDate, audience: String) throws -> BranchState {
        // Proposals are the team's: for another audience one is answered as an absent one.
        if audience != "team", let on { throw RoadmapError("there is no open proposal '\(on)'") }
        let reference = on.map(ws.proposalReference) ?? ws.baseReference
        guard let tip = try ws.repository.referenceTarget(reference) else {
            throw on == nil
                ? RoadmapError("the base branch \(ws.config.base) has no commit yet; commit the roadmap first")
                : RoadmapError("there is no open proposal '\(on ?? "")'")
        }
        // Everything a page shows is drawn from the audience's view (SPEC §12): hidden items,
        // fields and findings never reach a template.
        let audienceView = AudienceView(Audience(rawValue: audience) ?? .public, config: ws.config)
        // The configuration by its bytes (a description of it would list its dictionaries in
        // an order that differs from one load to the next).
        let key = "\(tip.hex)|\(audience)|\(today.text)|" + String(decoding: try ws.configBytes() ?? [], as: UTF8.self)
        let indexed = try Caches.views.value(key) {
            let view = audienceView.filter(try ws.view(at: .at(tip.hex), today: today))
            return IndexedView(view: view, index: ViewIndex(view))
        }
        let proposals = audienceView.audience == .team ? try ws.openProposals().map(\.name) : []
        return BranchState(view: indexed.view, index: indexed.index, tip: tip, proposals: proposals, base: ws.config.base, direct: ws.config.webDirect)
    }

    /// Values every branch-aware page shows: which branch, its tip (for live reload), the switcher.
    static func branchValues(_ state: BranchState, on: String?) -> [String: Any] {
        [
            "on": on ?? false, "onQuery": on.map { "on=\($0)" } ?? false, "base": state.base, "tip": state.tip.hex,
            "branches": [["name": state.base, "value": "", "selected": on == nil] as [String: Any]]
                + state.proposals.map { ["name": "proposal: \($0)", "value": $0, "selected": $0 == on] as [String: Any] },
            "hasBranches": true,
            "itemCount": state.view.snapshot.count,
            "errorCount": state.index.errorCount,
        ]
    }

    func register(_ router: Router<WebContext>) {
        let app = self.app
        router.get("/") { _, _ in Response(status: .seeOther, headers: [.location: "/timeline"]) }

        router.get("/timeline") { request, context in
            let on = try Self.on(request)
            let today = try app.today()
            let query = request.uri.queryParameters
            let scale = query.get("scale").flatMap(Timeline.Scale.init(rawValue:))
            let filters = PageModels.TimelineFilters(
                kind: query.get("kind").flatMap { $0.isEmpty ? nil : $0 }, theme: query.get("theme").flatMap { $0.isEmpty ? nil : $0 },
                owner: query.get("owner").flatMap { $0.isEmpty ? nil : $0 }, status: query.get("status").flatMap { $0.isEmpty ? nil : $0 },
                page: Self.page(request), scale: scale?.rawValue, on: on)
            let audience = context.audience
            let state = try await app.gate.run { try Self.branchState($0, on: on, today: today, audience: audience) }
            // Forecasts read every dated item's history: only when asked, for the team, on the base branch.
            let forecasting = query.get("forecast") == "1" && audience == "team" && on == nil
            let forecasts = forecasting
                ? try await app.gate.run { try $0.forecast(ids: [], at: nil, today: today, samples: 1_000, seed: 1).items } : []
            // The page's rows depend on the view, the filters and the page only: kept with the
            // view (a forecast is drawn fresh, it is asked for rarely).
            let index = state.index
            let model = { PageModels.timeline(state.view, index, index.timeline(state.view, scale: scale), filters: filters, forecasts: forecasts) }
            var values = forecasting ? model() : index.pages.value("timeline?\(filters.query)&page=\(filters.page)") { PageModel(model()) }.values
            values["forecast"] = forecasting
            values["forecastOffered"] = audience == "team" && on == nil
            values.merge(Self.branchValues(state, on: on)) { $1 }
            values["title"] = "Timeline · Roadmap"
            return app.pages.render("timeline", values, context: context)
        }

        router.get("/board") { request, context in
            let on = try Self.on(request)
            let today = try app.today()
            let query = request.uri.queryParameters
            let kinds = query.get("kind").flatMap(Kind.init(rawValue:)).map { [$0] } ?? [.epic, .story, .release, .campaign]
            let page = Self.page(request)
            let audience = context.audience
            let (state, blobs) = try await app.gate.run { ws in
                let state = try Self.branchState(ws, on: on, today: today, audience: audience)
                let blobs = try Caches.blobs.value(state.tip.hex) {
                    let files = try ws.itemFiles(.commit(state.tip))
                    return Dictionary(files.map { (ItemID.fromPath($0.path), $0.blob?.hex ?? "") }, uniquingKeysWith: { a, _ in a })
                }
                return (state, blobs)
            }
            let index = state.index
            var values = index.pages.value("board?on=\(on ?? "")&kinds=\(kinds.map(\.rawValue))&page=\(page)") {
                PageModel(PageModels.board(state.view, index, blobs: blobs, kinds: kinds, page: page, on: on))
            }.values
            values.merge(Self.branchValues(state, on: on)) { $1 }
            values["title"] = "Board · Roadmap"
            values["proposal"] = on ?? Self.defaultProposal(context.user)
            values["boardKind"] = kinds.count == 1 ? kinds[0].rawValue : ""
            values["kindOptions"] = ([nil] + Kind.allCases.filter { $0 != .theme }).map { kind -> [String: Any] in
                ["value": kind?.rawValue ?? "", "label": kind?.folder.capitalized ?? "All kinds", "selected": kinds.count == 1 && kinds.first == kind]
            }
            return app.pages.render("board", values, context: context)
        }

        router.get("/review") { request, context in
            let on = try Self.on(request)
            let today = try app.today()
            let audience = context.audience
            let state = try await app.gate.run { try Self.branchState($0, on: on, today: today, audience: audience) }
            let snapshot = state.view.snapshot
            let findings = state.view.findings
            let byRule = Dictionary(grouping: findings, by: \.rule).sorted { $0.key < $1.key }.map { rule, list -> [String: Any] in
                ["name": rule, "count": list.count, "findings": list.map(PageModels.finding)]
            }
            let byOwner = Dictionary(grouping: findings) { snapshot[$0.item]?.owner ?? "no owner" }.sorted { $0.key < $1.key }
                .map { owner, list -> [String: Any] in
                    ["name": PageModels.clean(owner), "count": list.count, "findings": list.map(PageModels.finding)]
                }
            var values = Self.branchValues(state, on: on)
            values["byRule"] = byRule
            values["byOwner"] = byOwner
            values["clean"] = findings.isEmpty
            values["title"] = "Review · Roadmap"
            return app.pages.render("review", values, context: context)
        }

        router.get("/slips") { request, context in
            let on = try Self.on(request)
            let today = try app.today()
            let audience = context.audience
            let (state, slips) = try await app.gate.run { ws in
                let state = try Self.branchState(ws, on: on, today: today, audience: audience)
                return (state, try ws.slips(kind: nil, since: nil, from: state.tip))
            }
            var values = Self.branchValues(state, on: on)
            values["slips"] = slips.map { s -> [String: Any] in
                ["id": PageModels.clean(s.id), "kind": s.kind, "field": s.field, "first": PageModels.text(s.firstPlanned),
                 "current": PageModels.text(s.current), "moves": s.moves,
                 "slip": s.netSlipDays.map { $0 > 0 ? "+\($0)" : "\($0)" } ?? "", "late": (s.netSlipDays ?? 0) > 0,
                 "by": s.lastMovedBy.map { PageModels.clean($0.name) } ?? ""]
            }
            values["title"] = "Slips · Roadmap"
            return app.pages.render("slips", values, context: context)
        }

        // The JSON API: the commands' own renderers, so the documents are the same.
        router.get("/api/items") { request, context in
            let on = try Self.on(request)
            let today = try app.today()
            let audience = context.audience
            let state = try await app.gate.run { try Self.branchState($0, on: on, today: today, audience: audience) }
            return Self.json(ItemListRenderer.render(state.view.items, format: .json))
        }
        router.get("/api/review") { request, context in
            let on = try Self.on(request)
            let today = try app.today()
            let audience = context.audience
            let report = try await app.gate.run { ws in
                let state = try Self.branchState(ws, on: on, today: today, audience: audience)
                return try ws.stateReview(at: state.tip, today: today)
            }
            // Below `team` (`key`): the findings its view may see, as the review page shows.
            if audience != "team" {
                let state = try await app.gate.run { try Self.branchState($0, on: on, today: today, audience: audience) }
                let allowed = Set(state.view.findings.map(\.identity))
                var result = report.result
                result.findings = result.findings.filter { allowed.contains($0.finding.identity) }
                // The counts too: nothing may betray what the audience cannot see.
                let shown = result.findings.map(\.finding)
                result.summary.items = state.view.snapshot.count
                result.summary.errors = shown.filter { $0.severity == .error }.count
                result.summary.warnings = shown.filter { $0.severity == .warning }.count
                result.summary.infos = shown.filter { $0.severity == .info }.count
                result.summary.newErrors = result.summary.errors
                result.summary.resolved = 0
                return Self.json(ReviewRenderer.render(result, format: .json, base: nil, head: report.head))
            }
            return Self.json(ReviewRenderer.render(report.result, format: .json, base: nil, head: report.head))
        }
        router.get("/api/history/:id") { request, context in
            let id = try context.parameters.require("id")
            guard ItemID.isValid(id) else { throw WebError(.badRequest, "'\(id)' is not an item id") }
            let on = try Self.on(request)
            let result = try await app.gate.run { ws in
                let tip = try ws.repository.referenceTarget(on.map(ws.proposalReference) ?? ws.baseReference)
                return try ws.history(of: id, field: nil, limit: nil, from: tip)
            }
            return Self.json(HistoryText.json(result).encoded() + "\n")
        }
        router.get("/api/proposals") { _, _ in
            let today = try app.today()
            let report = try await app.gate.run { try $0.proposalsReport(remote: nil, today: today) }
            return Self.json(report.json().encoded() + "\n")
        }
        router.get("/api/slips") { request, _ in
            let on = try Self.on(request)
            let slips = try await app.gate.run { ws in
                let tip = try ws.repository.referenceTarget(on.map(ws.proposalReference) ?? ws.baseReference)
                return try ws.slips(kind: nil, since: nil, from: tip)
            }
            return Self.json(Slips.json(slips).encoded() + "\n")
        }
        // Live reload: the tip of the branch a page shows; the script reloads when it moves.
        router.get("/api/tip") { request, _ in
            let on = try Self.on(request)
            let tip = try await app.gate.run { ws in try ws.repository.referenceTarget(on.map(ws.proposalReference) ?? ws.baseReference) }
            return Self.json(JSONValue.object([("schemaVersion", .int(1)), ("tip", .string(tip?.hex))]).encoded() + "\n")
        }

        router.get("/static/:file") { _, context in
            let name = try context.parameters.require("file")
            // Only the files the binary carries, by exact name: no path reaches the disk.
            guard let file = app.pages.statics[name] else { throw WebError(.notFound, "no file '\(name)' here") }
            return Response(status: .ok, headers: [.contentType: file.type, .cacheControl: "no-cache"],
                            body: .init(byteBuffer: ByteBuffer(string: file.body)))
        }
    }

    /// The proposal a person's edits go to when they start from the base branch.
    static func defaultProposal(_ user: WebUser?) -> String {
        let name = (user?.name ?? "web").lowercased().unicodeScalars
            .map { CharacterSet.alphanumerics.contains($0) && $0.isASCII ? String($0) : "-" }.joined()
        let trimmed = name.trimmingCharacters(in: CharacterSet(charactersIn: "-"))
        return "edits-" + (trimmed.isEmpty ? "web" : String(trimmed.prefix(40)))
    }

    static func json(_ text: String) -> Response {
        Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
