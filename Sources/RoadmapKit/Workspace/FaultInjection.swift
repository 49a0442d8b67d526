#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Named points inside multi-step writes where the reliability tests kill the process, so
/// that the state a crash leaves there is proven, not hoped for (random kills rarely land in
/// a window a few system calls wide). Inert unless `ROADMAP_TEST_KILL_AT` names the point;
/// then the process dies there with SIGKILL, as in a power cut. Likewise
/// `ROADMAP_TEST_STOP_AT`: the process stops itself there with SIGSTOP, so that a test can
/// act at exactly that moment (another process moving a ref the command has read) and then
/// let it continue with SIGCONT. Nothing else reads them.
enum FaultInjection {
    private static let killTarget: String? = getenv("ROADMAP_TEST_KILL_AT").map { String(cString: $0) }
    private static let stopTarget: String? = getenv("ROADMAP_TEST_STOP_AT").map { String(cString: $0) }

    static func point(_ name: StaticString) {
        if let killTarget, killTarget == name.description { kill(getpid(), SIGKILL) }
        if let stopTarget, stopTarget == name.description { kill(getpid(), SIGSTOP) }
    }
}
