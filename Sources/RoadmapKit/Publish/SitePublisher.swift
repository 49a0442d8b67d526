import Foundation
import Mustache

/// `roadmap publish`: a static site of one audience's view (SPEC §12) — `index.html` (timeline
/// and board), `items/<id>.html` per item, `roadmap.ics` and `roadmap.json` — with no scripts
/// and no network, stamped with the commit. A pure function of the view and the templates, so
/// publishing twice from the same commit gives the same bytes.
///
/// The view must already be the audience's (`AudienceView.filter`): the publisher only lays out
/// what it is given. Templates: `templates/publish/index.html.mustache` and
/// `templates/publish/item.html.mustache`, the repository's own copies when it has them.
public enum SitePublisher {
    public static let indexTemplatePath = "templates/publish/index.html.mustache"
    public static let itemTemplatePath = "templates/publish/item.html.mustache"

    /// The site: relative path → bytes, sorted by path when written.
    public static func site(_ view: RoadmapView, indexTemplate: String? = nil, itemTemplate: String? = nil) throws -> [String: [UInt8]] {
        let index = try compile(indexTemplate, indexTemplatePath)
        let page = try compile(itemTemplate, itemTemplatePath)
        var files: [String: [UInt8]] = [:]
        var context = HTMLExporter.context(view, timeline: Timeline(view))
        context.merge(stamp(view)) { _, new in new }
        // A lane without rows is left out: an empty marketing lane says nothing to a customer.
        if let lanes = context["lanes"] as? [[String: Any]] {
            context["lanes"] = lanes.map { lane -> [String: Any] in
                var lane = lane
                lane["hasRows"] = !((lane["rows"] as? [Any])?.isEmpty ?? true)
                return lane
            }
        }
        context["columns"] = Board(view.snapshot).columns.map { column in
            ["status": column.status, "count": column.cards.count,
             "cards": column.cards.map { card -> [String: Any] in
                 ["id": card.id, "kind": card.kind.rawValue, "title": HTMLExporter.clean(card.title),
                  "owner": card.owner.map(HTMLExporter.clean) ?? false]
             }] as [String: Any]
        }
        files["index.html"] = Array(index.render(context).utf8)
        var written = Set<String>()
        for item in view.items where written.insert(item.id).inserted {
            files["items/\(item.id).html"] = Array(page.render(itemContext(item, view: view)).utf8)
        }
        files["roadmap.ics"] = Array(ICalendarExporter.render(view).utf8)
        files["roadmap.json"] = Array(JSONExporter.render(view).utf8)
        return files
    }

    private static func compile(_ text: String?, _ path: String) throws -> MustacheTemplate {
        guard let text = text ?? Resources.text(path) else { throw RoadmapError("the template \(path) is missing from this build") }
        do {
            return try MustacheTemplate(string: text)
        } catch {
            throw RoadmapError("\(path): not a valid Mustache template (\(error)); fix it or remove it to use the built-in one")
        }
    }

    private static func stamp(_ view: RoadmapView) -> [String: Any] {
        ["commit": view.commit?.hex ?? false, "shortCommit": view.commit.map { String($0.hex.prefix(7)) } ?? false,
         "date": view.commitDateText ?? false, "audience": view.audience.rawValue,
         "findingsShown": view.audience.seesFindings]
    }

    /// Fields shown in the page's header or body rather than in its table of fields.
    static let laidOut: Set<String> = ["kind", "title", "status", "description", "public-title", "public-description"]

    static func itemContext(_ item: Item, view: RoadmapView) -> [String: Any] {
        let ids = Set(view.items.map(\.id))
        func link(_ id: String) -> [String: Any] {
            ["id": id, "title": HTMLExporter.clean(view.snapshot[id]?.title ?? id), "linked": ids.contains(id)]
        }
        var references: [[String: Any]] = []
        for field in ["theme", "epic", "release"] { if let id = item.value(field)?.string { references.append(["field": field, "item": link(id)]) } }
        for (id, _) in item.promotes { references.append(["field": "promotes", "item": link(id)]) }
        let children = view.items.filter { other in
            other.theme == item.id || other.epic == item.id || other.release == item.id || other.promotes.contains { $0.id == item.id }
        }.map { ["id": $0.id, "kind": $0.kind?.rawValue ?? "", "title": HTMLExporter.clean($0.title ?? $0.id)] as [String: Any] }
        let fields: [[String: Any]] = item.fields.filter { !laidOut.contains($0.key) && !AudienceView.referenceFields.contains($0.key) }
            .map { ["name": HTMLExporter.clean($0.key), "value": HTMLExporter.clean(HistoryText.flow($0.value))] }
        var context = stamp(view)
        context.merge([
            "id": item.id, "kind": item.kind?.rawValue ?? "", "title": HTMLExporter.clean(item.title ?? item.id),
            "status": HTMLExporter.clean(item.status), "statusClass": HTMLExporter.token(item.status),
            "description": item.description.map(HTMLExporter.clean) ?? false,
            "fields": fields, "hasFields": !fields.isEmpty,
            "references": references, "hasReferences": !references.isEmpty,
            "children": children, "hasChildren": !children.isEmpty,
            "findings": view.findings(of: item.id).map { ["severity": $0.severity.rawValue, "rule": $0.rule, "message": HTMLExporter.clean($0.message)] },
            "hasFindings": view.audience.seesFindings && !view.findings(of: item.id).isEmpty,
        ]) { _, new in new }
        return context
    }
}
