import Foundation
import GitKit
import Synchronization

/// Reads, on a second thread, half of the path entries that a walk over the commit-graph's
/// positions compares where git's changed-path filters say "maybe" (`PathHistory`'s
/// position walk without the complete index).
///
/// Those comparisons are nearly all of a cold walk's time: a filter says "maybe" for about
/// one commit in forty (git's own statistics on the benchmark's repository: 506 "maybe",
/// 489 of them false), and each needs the path's entry in the commit's tree and in its
/// parent's, which for a file in a folder of thousands is two large trees to inflate and
/// rebuild from their deltas. git does them one after the other; here a second thread,
/// with its own handle on the repository and its own pack reader (no lock is shared),
/// does the older half of them while the walk does the newer half.
///
/// The thread first lists the commits the walk will compare, in the walk's order, by
/// walking the graph as the walk does while assuming the path did not change where a
/// filter says "maybe" (true of the false positives, and the walk differs only below a
/// merge whose first parent did change the path). It then reads the entries of the older
/// half of that list, in order. The walk asks with `entries(at:)`: an answer the thread has
/// read is taken, one it is reading is waited for, and any other — not on the thread's
/// list, or not reached yet — is claimed by the walk, which reads it itself. So each
/// comparison is read once, by either thread, and the answers are those of the walk's own
/// reads: the thread only moves work, it decides nothing.
final class PathEntryPrefetcher: Sendable {
    /// The path's entry in a commit's tree and in its first parent's (nil: absent).
    struct Entries: Sendable {
        var commit: TreeEntryInfo?
        var parent: TreeEntryInfo?
    }

    private enum Slot: Sendable {
        case claimedByWalk
        case reading
        case read(Entries)
    }

    private struct State: ~Copyable {
        var slots: [Int: Slot] = [:]
        /// The thread has begun (a thread the system could not start never does).
        var started = false
        /// The position the walk waits for in `entries(at:)`.
        var waitingFor: Int?
        var stopped = false
        var ended = false
    }

    private let state = Mutex(State())
    private let handedOver = DispatchSemaphore(value: 0)
    private let finished = DispatchSemaphore(value: 0)

    /// Starts the thread for the walk of `names` (the path, split at `/`) from the graph
    /// position `start`, in the repository at `gitDirectory` (opened again for the thread).
    init(gitDirectory: String, graph: CommitGraph, start: Int, names: [String], query: ChangedPathQuery) {
        let thread = Thread { [self] in
            state.withLock { $0.started = true }
            defer {
                state.withLock { state in
                    state.ended = true
                    if state.waitingFor != nil {
                        state.waitingFor = nil
                        handedOver.signal()
                    }
                }
                finished.signal()
            }
            // Few trees kept: its comparisons are far apart; the delta bases are what it reuses.
            guard let own = try? Repository.open(at: gitDirectory), let reader = try? HistoryReader(own, cachedTrees: 8) else { return }
            let list = listed(graph, start: start, query: query)
            // The older half, in order: consecutive versions of a tree are deltas of each
            // other, so each thread keeps resolving the chains it has just resolved (taking
            // every second comparison made both threads rebuild every chain).
            for (position, parent) in list[(list.count / 2)...] {
                let claimed = state.withLock { state -> Bool in
                    guard !state.stopped, state.slots[position] == nil else { return false }
                    state.slots[position] = .reading
                    return true
                }
                guard claimed else {
                    if state.withLock({ $0.stopped }) { return }
                    continue
                }
                var read: Entries?
                if let tree = graph.tree(atPosition: position), let parentTree = graph.tree(atPosition: parent) {
                    read = try? Entries(commit: reader.entry(at: names, inTree: tree), parent: reader.entry(at: names, inTree: parentTree))
                }
                state.withLock { state in
                    // Unread (the walk reads it then) when a tree could not be read here.
                    state.slots[position] = read.map(Slot.read)
                    if state.waitingFor == position {
                        state.waitingFor = nil
                        handedOver.signal()
                    }
                }
            }
        }
        thread.stackSize = 1 << 20
        thread.start()
    }

    /// The commits the walk compares with their first parent, in the walk's order, as far
    /// as the graph tells without reading trees (see the type's comment).
    private func listed(_ graph: CommitGraph, start: Int, query: ChangedPathQuery) -> [(Int, Int)] {
        guard let time = graph.commitTime(atPosition: start) else { return [] }
        var queue = NewestFirstQueue<Int>()
        var seen = [Bool](repeating: false, count: graph.count)
        var parents: [Int] = []
        var list: [(Int, Int)] = []
        queue.push(start, time: time)
        seen[start] = true
        var met = 0
        while let position = queue.pop() {
            met += 1
            if met % 4096 == 0, state.withLock({ $0.stopped }) { return [] }
            guard graph.parentPositions(atPosition: position, into: &parents), let first = parents.first else { continue }
            if graph.mayHaveChanged(query, atPosition: position) != false { list.append((position, first)) }
            // One parent, or a merge whose first parent the path did not change: the walk
            // follows the first parent alone.
            guard !seen[first], let time = graph.commitTime(atPosition: first) else { continue }
            seen[first] = true
            queue.push(first, time: time)
        }
        return list
    }

    /// The entries at `position` and its first parent, read by the thread (waiting for
    /// them while it reads them); nil when the walk is to read them itself.
    func entries(at position: Int) -> Entries? {
        while true {
            enum Next { case take(Entries), readThem, wait }
            let next = state.withLock { state -> Next in
                switch state.slots[position] {
                case .read(let entries)?:
                    state.slots[position] = .claimedByWalk
                    return .take(entries)
                case .reading?:
                    guard !state.ended else { return .readThem }
                    state.waitingFor = position
                    return .wait
                case .claimedByWalk?:
                    return .readThem
                case nil:
                    state.slots[position] = .claimedByWalk
                    return .readThem
                }
            }
            switch next {
            case .take(let entries): return entries
            case .readThem: return nil
            case .wait: _ = handedOver.wait(timeout: .now() + .milliseconds(100))
            }
        }
    }

    /// Ends the thread (after the read it is doing) and waits for it; one that has not begun
    /// yet ends at its first look at the state, unwaited for.
    func stop() {
        let started = state.withLock { state -> Bool in
            state.stopped = true
            return state.started
        }
        if started { finished.wait() }
    }

    /// For the tests: waits until the thread has read all it will (then `stop` returns at once).
    func waitUntilFinished() {
        finished.wait()
        finished.signal()
    }

    /// For the tests: the positions whose entries the thread has read and the walk not taken.
    var readPositions: [Int] {
        state.withLock { state in
            state.slots.compactMap { position, slot in
                if case .read = slot { return position }
                return nil
            }
        }
    }
}
