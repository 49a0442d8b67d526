import Dispatch
import Foundation
import RoadmapKit

/// The one door to the repository. libgit2's repository handles are not safe to use from two
/// threads at once, and the use cases block; so every use case runs here, one at a time, on
/// a thread of its own (never on Swift's cooperative pool, which has one thread per core).
/// The repository is reopened for each call, so `roadmap.yaml` changes are seen at once.
final class WorkspaceGate: Sendable {
    let directory: String
    private let queue = DispatchQueue(label: "roadmap.serve.workspace")

    init(directory: String) {
        self.directory = directory
    }

    func run<T: Sendable>(_ body: @escaping @Sendable (Workspace) throws -> T) async throws -> T {
        let directory = self.directory
        return try await withCheckedThrowingContinuation { continuation in
            queue.async {
                continuation.resume(with: Result { try body(try Workspace.open(at: directory)) })
            }
        }
    }
}
