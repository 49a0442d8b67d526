import Foundation
import RoadmapKit

/// The audience views of branch tips already computed. A view runs every rule over the whole
/// roadmap (10,000 items: the bulk of a page's time); a tip's content never changes, so a
/// view is keyed by what it is made of — the tip, the configuration, the day and the audience
/// — and is correct for any repository holding that tip. The last few are kept.
final class ViewCache: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [(key: String, view: RoadmapView)] = []
    static let capacity = 8
    static let shared = ViewCache()

    func view(_ key: String, make: () throws -> RoadmapView) rethrows -> RoadmapView {
        if let hit = lock.withLock({ entries.first { $0.key == key }?.view }) { return hit }
        let view = try make()
        lock.withLock {
            entries.removeAll { $0.key == key }
            entries.insert((key, view), at: 0)
            if entries.count > Self.capacity { entries.removeLast() }
        }
        return view
    }
}
