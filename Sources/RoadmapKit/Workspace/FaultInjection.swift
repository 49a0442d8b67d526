#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Named points inside multi-step writes where the reliability tests kill the process, so
/// that the state a crash leaves there is proven, not hoped for (random kills rarely land in
/// a window a few system calls wide). Inert unless `ROADMAP_TEST_KILL_AT` names the point;
/// then the process dies there with SIGKILL, as in a power cut. Nothing else reads it.
enum FaultInjection {
    private static let target: String? = getenv("ROADMAP_TEST_KILL_AT").map { String(cString: $0) }

    static func point(_ name: StaticString) {
        guard let target, target == name.description else { return }
        kill(getpid(), SIGKILL)
    }
}
