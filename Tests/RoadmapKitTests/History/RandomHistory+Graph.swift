import GitKit

/// Random histories with git's commit-graph written, for the history suites that read it.
extension RandomHistory {
    /// A random history with git's commit-graph and changed-path filters written, opened,
    /// with its tip (`main`).
    static func withChangedPathGraph(seed: UInt64, steps: Int) throws -> (RandomHistory, Repository, ObjectID) {
        let history = try RandomHistory.make(seed: seed, steps: steps)
        try history.fixture.git("commit-graph", "write", "--reachable", "--changed-paths")
        let repository = try history.fixture.open()
        return (history, repository, try repository.resolveCommit("main"))
    }

    /// Writes a split commit-graph with changed-path filters: a first layer, forty more
    /// steps (and `between`, before the second layer), then a second layer of its own.
    mutating func writeSplitGraph(between: (HistoryFixture) throws -> Void = { _ in }) throws {
        try fixture.git("commit-graph", "write", "--reachable", "--split", "--changed-paths")
        for index in 150..<190 { try step(index) }
        try fixture.git("checkout", "-q", "main")
        try between(fixture)
        try fixture.git("commit-graph", "write", "--reachable", "--split=no-merge", "--changed-paths")
    }
}
