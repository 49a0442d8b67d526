import Foundation
import GitKit
import HTTPTypes
import Hummingbird
import RoadmapKit

/// The item page (fields, findings, history, slips chart, blame, related items, the edit
/// form), the saves of that form and of the board's status selects, and the new-item form.
struct ItemRoutes {
    let app: WebApp

    /// The fields a form edits, per kind, in the order of the kind's schema. Lists are
    /// written `a, b`.
    static func formFields(_ kind: Kind) -> [String] {
        let common = ["title", "status", "owner", "tags"]
        let own: [String] = switch kind {
        case .theme: ["horizon", "start", "end", "goals"]
        case .epic: ["theme", "release", "start", "end", "goals"]
        case .story: ["epic", "release", "start", "end"]
        case .release: ["date", "version", "tier", "marketing"]
        case .campaign: ["promotes", "launch", "start", "end", "program", "goals", "channels", "audience", "messaging", "teaser"]
        case .program: ["start", "end", "goals"]
        case .goal: ["metric", "target", "baseline", "due"]
        }
        return common + own + ["description"]
    }

    static let listFields: Set<String> = ["tags", "promotes", "channels", "goals"]

    /// The assignments a submitted form makes: only the fields whose text differs from the
    /// version the form was read from, so an untouched field is never rewritten.
    static func assignments(form: [String: [String]], kind: Kind, current: YAMLValue?) throws -> [FieldAssignment] {
        var result: [FieldAssignment] = []
        for field in formFields(kind) {
            guard var submitted = form[field]?.first else { continue }
            submitted = submitted.replacingOccurrences(of: "\r\n", with: "\n")
            let old = currentText(field, current)
            let trimmedNew = field == "description" ? submitted.trimmingCharacters(in: .whitespacesAndNewlines) : submitted.trimmingCharacters(in: .whitespaces)
            let trimmedOld = field == "description" ? old.trimmingCharacters(in: .whitespacesAndNewlines) : old
            guard trimmedNew != trimmedOld else { continue }
            if trimmedNew.isEmpty {
                result.append(FieldAssignment(path: [field], value: nil))
            } else if listFields.contains(field) {
                let items = trimmedNew.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
                result.append(FieldAssignment(path: [field], value: .sequence(items.map(YAMLValue.string))))
            } else if field == "description" {
                result.append(FieldAssignment(path: [field], value: .string(trimmedNew)))
            } else {
                result.append(try FieldAssignment.parse("\(field)=\(trimmedNew)"))
            }
        }
        return result
    }

    static func currentText(_ field: String, _ data: YAMLValue?) -> String {
        guard case let .mapping(pairs)? = data else { return "" }
        let value = pairs.first { $0.key == .string(field) }?.value
        // A description keeps its lines in the textarea: a save must not flatten its paragraphs.
        if field == "description", case let .string(text)? = value {
            return text.components(separatedBy: "\n").map(PageModels.clean).joined(separator: "\n")
        }
        return PageModels.text(value)
    }

    /// Where a save goes: the proposal chosen in the form (or typed as a new one), or the base.
    static func target(_ context: WebContext) throws -> EditTarget {
        let chosen = (context.field("proposal") ?? "").trimmingCharacters(in: .whitespaces)
        let typed = (context.field("new_proposal") ?? "").trimmingCharacters(in: .whitespaces)
        let name = typed.isEmpty ? chosen : typed
        if name == "" || name == ":base" {
            return .base
        }
        guard ItemID.isValid(name) else {
            throw WebError(.badRequest, "'\(name)' is not a valid proposal name: lower-case letters, digits, '.', '_' and '-'")
        }
        return .proposal(name)
    }

    func register(_ router: Router<WebContext>) {
        let app = self.app

        router.get("/items/:id") { request, context in
            let id = try Self.id(context)
            return try await Self.itemPage(app, id: id, on: try ReadRoutes.on(request), context: context,
                                          notice: request.uri.queryParameters.get("saved") != nil ? "Saved." : nil)
        }

        router.post("/items/:id") { _, context in
            let id = try Self.id(context)
            let target = try Self.target(context)
            let expected = context.field("blob").flatMap { ObjectID(hex: $0) }
            guard let expected else { throw WebError(.badRequest, "the form carries no version (blob); reload the page") }
            let today = try app.today()
            let author = app.author(context.user)
            let form = context.form
            do {
                let save = try await app.gate.run { ws in
                    let reference = ws.reference(of: target)
                    let source = try ws.repository.referenceTarget(reference) != nil ? reference : ws.baseReference
                    let item = try ws.branchItem(id: id, reference: source)
                    guard case let .parsed(node) = item.parsed.outcome, let kind = node["kind"]?.string.flatMap(Kind.init(rawValue:)) else {
                        throw RoadmapError("\(item.file.path) cannot be read; fix it with a text editor first")
                    }
                    let assignments = try Self.assignments(form: form, kind: kind, current: node.data)
                    if assignments.isEmpty { return BranchSave(reference: reference, proposal: nil, commit: nil, path: item.file.path, changes: []) }
                    return try ws.saveFields(id: id, assignments, expected: expected, on: target, author: author, today: today)
                }
                let on: String? = if case let .proposal(name) = target { name } else { nil }
                // Back to the board the card was moved on (its kind filter kept), else the item.
                let boardKind = context.field("boardKind").flatMap(Kind.init(rawValue:)).map { "?kind=\($0.rawValue)" } ?? ""
                let back = context.field("back") == "board" ? "/board" + boardKind : "/items/\(id)"
                return Self.redirect(back, on: on, saved: save.commit != nil)
            } catch let stale as StaleVersionError {
                let on = try await Self.readBranch(app, target)
                return try await Self.itemPage(app, id: id, on: on, context: context, error: stale.description, status: .conflict)
            } catch let error as RoadmapError {
                // Shown inline, with what the person typed; nothing was written.
                let on = try await Self.readBranch(app, target)
                return try await Self.itemPage(app, id: id, on: on, context: context, error: error.message,
                                               submitted: form, status: .unprocessableContent)
            }
        }

        router.get("/new") { request, context in
            let kind = request.uri.queryParameters.get("kind").flatMap(Kind.init(rawValue:)) ?? .story
            return try await Self.newPage(app, kind: kind, on: try ReadRoutes.on(request), context: context)
        }

        router.post("/new") { _, context in
            guard let kind = context.field("kind").flatMap(Kind.init(rawValue:)) else { throw WebError(.badRequest, "choose a kind") }
            let id = (context.field("id") ?? "").trimmingCharacters(in: .whitespaces)
            let title = (context.field("title") ?? "").trimmingCharacters(in: .whitespaces)
            let target = try Self.target(context)
            let today = try app.today()
            let author = app.author(context.user)
            let form = context.form
            do {
                _ = try await app.gate.run { ws in
                    // Only what differs from the kind's template is set: untouched fields keep
                    // the template's values and layout, as `roadmap new` writes them.
                    let defaults = try ws.newItemDefaults(kind, on: target)
                    let fields = try Self.assignments(form: form.filter { $0.key != "title" }, kind: kind, current: defaults)
                    return try ws.saveNewItem(kind: kind, id: id, title: title.isEmpty ? nil : title, fields: fields, on: target, author: author, today: today)
                }
                let on: String? = if case let .proposal(name) = target { name } else { nil }
                return Self.redirect("/items/\(id)", on: on, saved: true)
            } catch let error as RoadmapError {
                return try await Self.newPage(app, kind: kind, on: nil, context: context, error: error.message, submitted: form)
            }
        }
    }

    /// The proposal a refused save is shown on: the one it named when that branch exists, else
    /// the base the form was read from (a proposal the save would have started is not there).
    static func readBranch(_ app: WebApp, _ target: EditTarget) async throws -> String? {
        guard case let .proposal(name) = target else { return nil }
        let exists = try await app.gate.run { ws in try ws.repository.referenceTarget(ws.reference(of: target)) != nil }
        return exists ? name : nil
    }

    static func id(_ context: WebContext) throws -> String {
        let id = try context.parameters.require("id")
        guard ItemID.isValid(id) else { throw WebError(.badRequest, "'\(id)' is not an item id") }
        return id
    }

    static func redirect(_ path: String, on: String?, saved: Bool) -> Response {
        var query: [String] = []
        if let on { query.append("on=\(on)") }
        if saved { query.append("saved=1") }
        let joiner = path.contains("?") ? "&" : "?"
        return Response(status: .seeOther, headers: [.location: path + (query.isEmpty ? "" : joiner + query.joined(separator: "&"))])
    }

    /// An item's history and blame at a tip.
    struct ItemTrail: Sendable {
        var history: ItemHistoryResult?
        var blame: [BlameLine]
    }

    struct ItemData: Sendable {
        var state: ReadRoutes.BranchState
        var item: BranchItem
        var history: ItemHistoryResult?
        var blame: [BlameLine]
    }

    static func itemPage(_ app: WebApp, id: String, on: String?, context: WebContext, notice: String? = nil, error: String? = nil,
                         submitted: [String: [String]]? = nil, status: HTTPResponse.Status = .ok) async throws -> Response {
        let today = try app.today()
        let audience = context.audience
        let team = audience == "team"
        let data = try await app.gate.run { ws -> ItemData in
            let state = try ReadRoutes.branchState(ws, on: on, today: today, audience: audience)
            // An item the audience may not see is answered exactly as an absent one.
            guard let known = state.view.snapshot[id] else { throw WebError(.notFound, "no item '\(id)' of a known kind on this branch") }
            let item = try ws.branchItem(id: id, reference: on.map(ws.proposalReference) ?? ws.baseReference, knownPath: known.path)
            // History and blame name commits, authors and old values: the team's only. They
            // walk the whole history of the branch (at 20,000 commits, most of the page's
            // time), so they are kept per tip and item: the next view of the item is quick.
            guard team else { return ItemData(state: state, item: item, history: nil, blame: []) }
            let trail = Caches.trails.value("\(state.tip.hex)|\(id)") {
                ItemTrail(history: try? ws.history(of: id, field: nil, limit: 100, from: state.tip),
                          blame: (try? ws.blame(id, from: state.tip))?.lines ?? [])
            }
            return ItemData(state: state, item: item, history: trail.history, blame: trail.blame)
        }
        let snapshot = data.state.view.snapshot
        guard let item = snapshot[id], let kind = item.kind else {
            throw WebError(.notFound, "no item '\(id)' of a known kind on this branch")
        }
        let clean = PageModels.clean
        var values = ReadRoutes.branchValues(data.state, on: on)
        values["title"] = "\(clean(item.title ?? id)) · Roadmap"
        values["nav"] = "item"
        values["id"] = id
        values["kind"] = kind.rawValue
        values["itemTitle"] = clean(item.title ?? id)
        values["status"] = clean(item.status)
        values["path"] = clean(item.path)
        values["owner"] = item.owner.map(clean) ?? false
        values["description"] = item.description.map { text in
            text.components(separatedBy: "\n\n").map { ["paragraph": clean($0)] }
        } ?? false
        values["fields"] = item.fields.filter { $0.key != "description" && $0.key != "title" }
            .map { ["name": clean($0.key), "lines": PageModels.lines($0.value)] }
        let findings = data.state.index.findings(of: id)
        values["findings"] = findings.map(PageModels.finding)
        values["hasFindings"] = !findings.isEmpty
        let related = data.state.index.relatedFindings(of: id)
        values["relatedFindings"] = related.map(PageModels.finding)
        values["hasRelatedFindings"] = !related.isEmpty
        let relations = data.state.index.relations(of: item, in: data.state.view)
        func links(_ items: [Item]) -> [[String: Any]] {
            items.map { ["id": clean($0.id), "title": clean($0.title ?? $0.id), "kind": $0.kind?.rawValue ?? "", "owner": $0.owner.map(clean) ?? false] }
        }
        values["hasDescription"] = item.description != nil
        values["hasChildren"] = !relations.children.isEmpty
        values["hasPromotedBy"] = !relations.promotedBy.isEmpty
        values["hasPromotes"] = !relations.promotes.isEmpty
        values["hasParents"] = !relations.parents.isEmpty
        values["children"] = links(relations.children)
        values["promotedBy"] = links(relations.promotedBy)
        values["promotes"] = links(relations.promotes)
        values["parents"] = links(relations.parents)
        values["hasRelations"] = !(relations.children.isEmpty && relations.promotedBy.isEmpty && relations.promotes.isEmpty && relations.parents.isEmpty)
        let entries = data.history?.entries ?? []
        values["history"] = entries.map { entry -> [String: Any] in
            ["commit": entry.commit.short, "author": clean(entry.author.name), "date": String(entry.date.prefix(10)),
             "subject": clean(entry.subject), "change": entry.change.rawValue, "hasFields": !entry.fields.isEmpty,
             "fields": entry.fields.map { f -> [String: Any] in
                 ["field": clean(f.field), "old": PageModels.text(f.old), "new": PageModels.text(f.new),
                  "days": f.days.map { $0 > 0 ? "+\($0) days" : "\($0) days" } ?? false, "late": (f.days ?? 0) > 0]
             }]
        }
        values["blame"] = data.blame.map { line -> [String: Any] in
            ["field": clean(line.field + (line.index.map { "[\($0)]" } ?? "")), "value": PageModels.text(line.value),
             "commit": line.commit?.short ?? "", "author": line.author.map { clean($0.name) } ?? "", "date": String((line.date ?? "").prefix(10))]
        }
        values["chart"] = SlipsChart.model(entries: entries, field: Slips.datedFields[kind.rawValue]) ?? false
        // The form: the values of the version read (or what the person typed), and its blob.
        let current = data.item.parsed.outcome.data
        values["blob"] = data.item.file.blob?.hex ?? ""
        values["form"] = formFields(kind).map { field -> [String: Any] in
            let value = submitted?[field]?.first ?? currentText(field, current)
            var entry: [String: Any] = ["name": field, "label": field.capitalized, "value": value,
                                        "isDescription": field == "description", "isStatus": field == "status",
                                        "isText": field != "description" && field != "status",
                                        "hint": listFields.contains(field) ? "comma-separated" : (["date", "start", "end", "launch"].contains(field) ? "YYYY-MM-DD, YYYY-MM or YYYY-Qn" : false)]
            if field == "status" { entry["options"] = kind.statuses.map { ["value": $0, "selected": $0 == value] } }
            return entry
        }
        values["targets"] = targetOptions(data.state, on: on, user: context.user)
        values["defaultProposal"] = on == nil ? ReadRoutes.defaultProposal(context.user) : ""
        values["canEdit"] = team && !app.options.readOnly
        values["showHistory"] = team
        if !team { values["chart"] = false }
        values["notice"] = notice ?? false
        values["error"] = error ?? false
        return app.pages.render("item", values, context: context, status: status)
    }

    /// The proposals a form can save to: the one shown, the open ones, and the base when direct.
    static func targetOptions(_ state: ReadRoutes.BranchState, on: String?, user: WebUser?) -> [[String: Any]] {
        var options: [[String: Any]] = []
        let fallback = ReadRoutes.defaultProposal(user)
        var names = state.proposals
        if !names.contains(fallback) { names.append(fallback) }
        for name in names {
            options.append(["value": name, "label": "proposal \(name)\(state.proposals.contains(name) ? "" : " (new)")",
                            "selected": name == (on ?? fallback)])
        }
        if state.direct { options.append(["value": ":base", "label": "\(state.base) directly", "selected": false]) }
        return options
    }

    static func newPage(_ app: WebApp, kind: Kind, on: String?, context: WebContext, error: String? = nil,
                        submitted: [String: [String]]? = nil) async throws -> Response {
        let today = try app.today()
        let audience = context.audience
        let (state, defaults) = try await app.gate.run { ws in
            let state = try ReadRoutes.branchState(ws, on: on, today: today, audience: audience)
            return (state, try ws.newItemDefaults(kind, on: on.map(EditTarget.proposal) ?? .base))
        }
        var values = ReadRoutes.branchValues(state, on: on)
        values["title"] = "New \(kind.rawValue) · Roadmap"
        values["kind"] = kind.rawValue
        values["kinds"] = Kind.allCases.map { ["value": $0.rawValue, "selected": $0 == kind] }
        values["newId"] = submitted?["id"]?.first ?? ""
        values["newProposal"] = submitted?["new_proposal"]?.first ?? ""
        values["form"] = formFields(kind).map { field -> [String: Any] in
            // The kind's template fills the form (its title is a placeholder: left empty here).
            let value = submitted?[field]?.first ?? (field == "title" ? "" : currentText(field, defaults))
            var entry: [String: Any] = ["name": field, "label": field.capitalized, "value": value,
                                        "isDescription": field == "description", "isStatus": field == "status",
                                        "isText": field != "description" && field != "status"]
            if field == "status" { entry["options"] = kind.statuses.map { ["value": $0, "selected": $0 == (value.isEmpty ? "planned" : value)] } }
            return entry
        }
        values["targets"] = targetOptions(state, on: on, user: context.user)
        values["error"] = error ?? false
        return app.pages.render("new", values, context: context, status: error == nil ? .ok : .unprocessableContent)
    }
}

extension ParsedFile.Outcome {
    /// The file's data when it parsed.
    var data: YAMLValue? {
        if case let .parsed(node) = self { return node.data }
        return nil
    }
}
