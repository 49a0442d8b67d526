import Foundation
import Synchronization

/// Reads commit links (tree, parents, committer time) and each commit's root tree ahead of
/// a history walk, on a second thread with its own handle on the repository (libgit2
/// objects are not shared between threads), so that inflating them — about half of a cold
/// walk — runs beside the walk's other tree reads and comparisons instead of before each.
///
/// It visits the commits reachable from the tip newest first (committer time, as the walk
/// does), leaving out those the caller already knows, until everything is read or it is
/// stopped. The walk asks with `take(_:)`, which waits for a commit the prefetcher has not
/// reached yet (reading it on the walk's thread too would read it twice), and with
/// `takeTree(_:)` (through `HistoryReader.takeTrees(from:)`), which does not. A commit it
/// cannot read ends its run (the walk then reads it and reports the error itself).
///
/// (A third thread comparing trees ahead of the walk was tried: on two cores it lost more
/// to libgit2's pack locks, which every reader of a pack shares, than it won.)
public final class CommitLinkPrefetcher: Sendable {
    private struct State: ~Copyable {
        var links: [ObjectID: CommitLink] = [:]
        var trees: [ObjectID: RawObject] = [:]
        var stopped = false
        /// The run has ended: what it has not handed over, it will not.
        var ended = false
        /// The walk waits in `take(_:)` for the next hand-over.
        var walkWaits = false
        /// Commits the run has queued and will hand over (unless it fails or is stopped):
        /// the only ones worth waiting for.
        var queued: Set<ObjectID> = []
    }

    private let state = Mutex(State())
    private let finished = DispatchSemaphore(value: 0)
    /// Signalled when the walk waits and something was handed over, or the run ended.
    private let handedOver = DispatchSemaphore(value: 0)
    /// `walkWaits`, read by the run after each commit without taking the lock: while the
    /// walk waits, each commit is handed over at once instead of in batches.
    private let walkWaits = Atomic<Bool>(false)

    /// How long `take(_:)` waits for a commit at most.
    private let patience: DispatchTimeInterval

    /// Starts reading from `tip` in `repository` (opened again, for the second thread),
    /// not going into the commits `known` lists (the tip is read in any case) nor past
    /// `boundary` (a shallow clone's edge).
    public init(repository: Repository, tip: ObjectID, known: Set<ObjectID>, boundary: Set<ObjectID>,
                patience: DispatchTimeInterval = .milliseconds(20)) {
        self.patience = patience
        state.withLock { $0.queued = [tip] }
        let path = repository.gitDirectory
        let thread = Thread { [self] in
            defer {
                end()
                finished.signal()
            }
            guard let own = try? Repository.open(at: path), let reader = try? HistoryReader(own, cachedTrees: 1) else { return }
            run(reader, tip: tip, known: known, boundary: boundary)
        }
        thread.stackSize = 1 << 20
        thread.start()
    }

    private func run(_ reader: HistoryReader, tip: ObjectID, known: Set<ObjectID>, boundary: Set<ObjectID>) {
        var queue = NewestFirstQueue<CommitLink>()
        var seen: Set<ObjectID> = [tip]
        guard let first = try? reader.link(tip) else { return }
        queue.push(first, time: first.commitTime)
        var batch: [CommitLink] = []
        var trees: [(ObjectID, RawObject)] = []
        var queuedNow: [ObjectID] = []
        while let link = queue.pop() {
            batch.append(link)
            if let tree = try? reader.readTree(link.treeID) { trees.append((link.treeID, tree)) }
            if !boundary.contains(link.id) {
                for parent in link.parents where seen.insert(parent).inserted && !known.contains(parent) {
                    guard let next = try? reader.link(parent) else {
                        publish(batch, trees, queuedNow)
                        return
                    }
                    queue.push(next, time: next.commitTime)
                    queuedNow.append(parent)
                }
            }
            // Handing links over in small batches keeps the lock off the walk's way.
            if batch.count >= 64 || walkWaits.load(ordering: .relaxed) {
                if publish(batch, trees, queuedNow) { return }
                batch.removeAll(keepingCapacity: true)
                trees.removeAll(keepingCapacity: true)
                queuedNow.removeAll(keepingCapacity: true)
            }
        }
        publish(batch, trees, queuedNow)
    }

    /// Hands links and trees to the walk; true when the walk no longer wants them.
    @discardableResult
    private func publish(_ batch: [CommitLink], _ trees: [(ObjectID, RawObject)], _ queued: [ObjectID]) -> Bool {
        let (stopped, wake) = state.withLock { state in
            guard !state.stopped else { return (true, false) }
            for id in queued { state.queued.insert(id) }
            for link in batch {
                state.links[link.id] = link
                state.queued.remove(link.id)
            }
            for (id, tree) in trees { state.trees[id] = tree }
            return (false, releaseWalk(&state))
        }
        if wake { handedOver.signal() }
        return stopped
    }

    private func end() {
        if state.withLock({ state in
            state.ended = true
            return releaseWalk(&state)
        }) { handedOver.signal() }
    }

    /// Clears the walk's waiting; true when it was waiting (and is to be woken).
    private func releaseWalk(_ state: inout State) -> Bool {
        guard state.walkWaits else { return false }
        state.walkWaits = false
        walkWaits.store(false, ordering: .relaxed)
        return true
    }

    /// The link of a commit, handed over once; waits, up to `patience`, for one the run has
    /// queued and not handed over yet. Nil for a commit the run has not queued (not among
    /// those it reads, or not reached yet), when the run ended (or was stopped) without
    /// reading it, or when time ran out.
    public func take(_ id: ObjectID) -> CommitLink? {
        let deadline = DispatchTime.now() + patience
        while true {
            let found: CommitLink?? = state.withLock { state in
                if let link = state.links.removeValue(forKey: id) { return .some(link) }
                if state.ended || state.stopped || !state.queued.contains(id) { return .some(nil) }
                state.walkWaits = true
                walkWaits.store(true, ordering: .relaxed)
                return nil
            }
            if let found { return found }
            if handedOver.wait(timeout: deadline) == .timedOut {
                return state.withLock { state in
                    _ = releaseWalk(&state)
                    return state.links.removeValue(forKey: id)
                }
            }
        }
    }

    /// A root tree the prefetcher has read (handed over once).
    func takeTree(_ id: ObjectID) -> RawObject? {
        state.withLock { $0.trees.removeValue(forKey: id) }
    }

    /// Stops the prefetcher and waits for its thread to end (it lets go of its repository
    /// handle there). Call once, when the walk is done.
    public func stop() {
        state.withLock { state in
            state.stopped = true
            state.links = [:]
            state.trees = [:]
        }
        finished.wait()
    }
}

/// Commits (or anything about them) by committer time, newest first; equal times in the
/// order they were added — git's `commit_list_insert_by_date` order for `git log` without
/// `--topo-order`.
///
/// Inlinable so that it is specialized where it is used: a walk pushes and pops every commit.
public struct NewestFirstQueue<Element> {
    @usableFromInline var heap: [(time: Int64, sequence: Int, element: Element)] = []
    @usableFromInline var counter = 0

    @inlinable public init() {}

    @inlinable public var isEmpty: Bool { heap.isEmpty }

    @inlinable func before(_ a: Int, _ b: Int) -> Bool {
        heap[a].time != heap[b].time ? heap[a].time > heap[b].time : heap[a].sequence < heap[b].sequence
    }

    @inlinable public mutating func push(_ element: Element, time: Int64) {
        heap.append((time, counter, element))
        counter += 1
        var child = heap.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard before(child, parent) else { break }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    @inlinable public mutating func pop() -> Element? {
        guard !heap.isEmpty else { return nil }
        let top = heap[0].element
        heap.swapAt(0, heap.count - 1)
        heap.removeLast()
        var parent = 0
        while true {
            let left = 2 * parent + 1, right = left + 1
            var best = parent
            if left < heap.count && before(left, best) { best = left }
            if right < heap.count && before(right, best) { best = right }
            if best == parent { break }
            heap.swapAt(parent, best)
            parent = best
        }
        return top
    }
}
