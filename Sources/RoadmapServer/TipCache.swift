import Foundation
import RoadmapKit

/// What was computed from a branch tip, kept for the next requests. A tip's content never
/// changes, so an entry is keyed by what it is made of (the tip, and where it matters the
/// configuration, the day and the audience) and is correct for any repository holding that
/// tip. The last `capacity` entries are kept.
final class TipCache<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [(key: String, value: Value)] = []
    let capacity: Int

    init(capacity: Int = 8) {
        self.capacity = capacity
    }

    func value(_ key: String, make: () throws -> Value) rethrows -> Value {
        if let hit = lock.withLock({ entries.first { $0.key == key }?.value }) { return hit }
        let value = try make()
        lock.withLock {
            entries.removeAll { $0.key == key }
            entries.insert((key, value), at: 0)
            if entries.count > capacity { entries.removeLast() }
        }
        return value
    }
}

enum Caches {
    /// Audience views: a view runs every rule over the whole roadmap (at 10,000 items, the bulk
    /// of a page's time).
    static let views = TipCache<IndexedView>()
    /// Item id → blob id of a tip's files (the board's forms carry them).
    static let blobs = TipCache<[String: String]>()
    /// Items' history and blame, by tip and id (the items people open most stay in).
    static let trails = TipCache<ItemRoutes.ItemTrail>(capacity: 256)
}
