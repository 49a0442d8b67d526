import Foundation
import RoadmapKit

/// What the pages look up in a branch's view, worked out once per view (and kept with it in
/// `Caches.views`) instead of on every request: at 10,000 items a scan of every finding for
/// each card of the board, or for an item page's findings, costs more than the page itself.
final class ViewIndex: Sendable {
    /// The findings about an item (where it is the item a finding names), in report order.
    let findingsByItem: [String: [Finding]]
    /// The findings of other items that name an item (a release's broken campaigns).
    let relatedByItem: [String: [Finding]]
    let errorCount: Int
    /// The timeline's filter choices: owners, themes and statuses of the items of known kind.
    let owners: [String]
    let themes: [String]
    let statuses: [String]
    /// Layouts kept per scale and boards per kind (the last few; a view has few of each).
    let timelines = TipCache<Timeline>(capacity: 4)
    let boards = TipCache<Board>(capacity: 8)
    /// The models of the timeline's and the board's pages (their rows and cards), by the page's
    /// query: a repeated page only renders its template.
    let pages = TipCache<PageModel>(capacity: 32)
    /// Item pages' related items (a scan of every item each), for the items people open.
    let relations = TipCache<ItemRelations>(capacity: 256)

    init(_ view: RoadmapView) {
        var byItem: [String: [Finding]] = [:]
        var related: [String: [Finding]] = [:]
        var errors = 0
        for finding in view.findings {
            byItem[finding.item, default: []].append(finding)
            for id in Set(finding.related) where id != finding.item {
                related[id, default: []].append(finding)
            }
            if finding.severity == .error { errors += 1 }
        }
        findingsByItem = byItem
        relatedByItem = related
        errorCount = errors
        let items = view.snapshot.items.filter { $0.kind != nil }
        owners = Set(items.compactMap(\.owner)).sorted()
        themes = items.filter { $0.kind == .theme }.map(\.id).sorted()
        statuses = Set(items.map(\.status)).sorted()
    }

    func findings(of id: String) -> [Finding] { findingsByItem[id] ?? [] }

    func relatedFindings(of id: String) -> [Finding] { relatedByItem[id] ?? [] }

    func timeline(_ view: RoadmapView, scale: Timeline.Scale?) -> Timeline {
        timelines.value(scale?.rawValue ?? "") { Timeline(view, scale: scale) }
    }

    func relations(of item: Item, in view: RoadmapView) -> ItemRelations {
        relations.value(item.id) { ItemRelations(of: item, in: view.snapshot) }
    }

    func board(_ view: RoadmapView, kind: Kind) -> Board {
        boards.value(kind.rawValue) { Board(view.snapshot, kind: kind) }
    }
}

/// A branch's view and its index, kept together per tip, configuration, day and audience.
struct IndexedView: Sendable {
    var view: RoadmapView
    var index: ViewIndex
}

/// A page's template values, kept once built. They are never changed after they are built
/// (each request merges them into a copy), so sharing them between requests is safe.
struct PageModel: @unchecked Sendable {
    let values: [String: Any]

    init(_ values: [String: Any]) {
        self.values = values
    }
}
