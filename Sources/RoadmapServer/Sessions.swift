import Foundation

/// A signed-in person (from `--users FILE`) or, without a users file, the local user.
struct WebUser: Sendable, Equatable {
    var name: String
    var audience: String
}

/// A browser's session: the CSRF token every POST must carry, and who signed in.
struct Session: Sendable {
    var id: String
    var csrf: String
    var user: WebUser?
    var lastUsed: Date
}

/// Sessions in memory: a restart signs everyone out, which is the safe default for a tool
/// that holds no other state. Two stores, each bounded by `capacity`:
/// - signed-in sessions (made by a sign-in, which costs a password): the least recently used
///   go first;
/// - visitors' sessions (every browser gets one for its CSRF token): the oldest go first, in
///   constant time. Kept apart so that a flood of cookie-less requests (a crawler, a load
///   test, an attacker) can neither sign anyone out nor make each request scan the store.
actor SessionStore {
    private var sessions: [String: Session] = [:]
    private var visitors: [String: Session] = [:]
    /// Visitors' ids in the order they came, a ring: `next` is the oldest once it is full.
    private var visitorOrder: [String] = []
    private var next = 0
    let capacity: Int

    init(capacity: Int = 10_000) {
        self.capacity = capacity
    }

    static func token() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<4).map { _ in String(format: "%016llx", generator.next() as UInt64) }.joined()
    }

    func session(_ id: String?) -> Session? {
        guard let id else { return nil }
        if let visitor = visitors[id] { return visitor }
        guard var session = sessions[id] else { return nil }
        session.lastUsed = Date()
        sessions[id] = session
        return session
    }

    /// A new session; with a user, the old one (if any) is dropped so a signed-in session
    /// never keeps an id chosen before sign-in.
    func create(user: WebUser? = nil, replacing old: String? = nil) -> Session {
        if let old {
            sessions[old] = nil
            visitors[old] = nil
        }
        if sessions.count >= capacity, let oldest = sessions.values.min(by: { $0.lastUsed < $1.lastUsed }) {
            sessions[oldest.id] = nil
        }
        let session = Session(id: Self.token(), csrf: Self.token(), user: user, lastUsed: Date())
        sessions[session.id] = session
        return session
    }

    /// A visitor's session (a browser that has none yet).
    func visit(user: WebUser?) -> Session {
        let session = Session(id: Self.token(), csrf: Self.token(), user: user, lastUsed: Date())
        if visitorOrder.count < capacity {
            visitorOrder.append(session.id)
        } else {
            visitors[visitorOrder[next]] = nil
            visitorOrder[next] = session.id
            next = (next + 1) % capacity
        }
        visitors[session.id] = session
        return session
    }

    func remove(_ id: String) {
        sessions[id] = nil
        visitors[id] = nil
    }
}
