internal import CLibGit2
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// libgit2's process-wide state: initialised once, lazily, never shut down.
enum Library {
    /// Environment variable that makes GitKit ignore the global, XDG, system and
    /// program-data git configuration (tests set it so a developer's `~/.gitconfig`
    /// never changes a result). The product leaves it unset and reads them normally.
    static let isolateConfigVariable = "ROADMAP_GIT_ISOLATE_CONFIG"

    private static let initialized: Bool = {
        git_libgit2_init()
        if ProcessInfo.processInfo.environment[isolateConfigVariable] == "1" {
            blankConfigSearchPaths()
        }
        return true
    }()

    static func ensureInitialized() {
        _ = initialized
    }

    /// `git_libgit2_opts(GIT_OPT_SET_SEARCH_PATH, level, "")` for every non-repository level.
    ///
    /// `git_libgit2_opts` is variadic, which Swift cannot call. We call it through a
    /// function pointer with the fixed signature of this one option; on the System V
    /// x86-64 and AArch64 (Linux) ABIs the named integer/pointer arguments travel in
    /// the same registers for variadic and fixed calls, so this is the same call C makes.
    /// (A tiny non-variadic wrapper in `CLibGit2/shim.h` would remove the need.)
    private static func blankConfigSearchPaths() {
        #if canImport(Darwin) && arch(arm64)
        // Apple's arm64 ABI passes variadic arguments on the stack: this call would be wrong.
        return
        #else
        typealias SetSearchPath = @convention(c) (Int32, Int32, UnsafePointer<CChar>?) -> Int32
        guard let handle = dlopen(nil, RTLD_NOW), let symbol = dlsym(handle, "git_libgit2_opts") else { return }
        let setSearchPath = unsafeBitCast(symbol, to: SetSearchPath.self)
        let option = Int32(GIT_OPT_SET_SEARCH_PATH.rawValue)
        let levels = [GIT_CONFIG_LEVEL_PROGRAMDATA, GIT_CONFIG_LEVEL_SYSTEM, GIT_CONFIG_LEVEL_XDG, GIT_CONFIG_LEVEL_GLOBAL]
        for level in levels {
            _ = setSearchPath(option, Int32(level.rawValue), "")
        }
        git_error_clear()
        #endif
    }
}
