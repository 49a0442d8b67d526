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
        DeferredCertificates.deferring { git_libgit2_init() }
        if ProcessInfo.processInfo.environment[isolateConfigVariable] == "1" {
            blankConfigSearchPaths()
        }
        return true
    }()

    static func ensureInitialized() {
        _ = initialized
    }

    /// `git_libgit2_opts(option, a, b)` for an option whose two arguments are C ints or strings;
    /// nil when the function cannot be found.
    ///
    /// `git_libgit2_opts` is variadic, which Swift cannot call. We call it through a function
    /// pointer with the fixed signature of the option; on the System V x86-64 and AArch64
    /// (Linux) ABIs the named integer/pointer arguments travel in the same registers for
    /// variadic and fixed calls, so this is the same call C makes.
    static func setOption(_ option: Int32, _ a: Int32, _ b: UnsafePointer<CChar>?) -> Int32? {
        typealias Call = @convention(c) (Int32, Int32, UnsafePointer<CChar>?) -> Int32
        return optionsFunction.map { unsafeBitCast($0, to: Call.self)(option, a, b) }
    }

    static func setOption(_ option: Int32, _ a: UnsafePointer<CChar>?, _ b: UnsafePointer<CChar>?) -> Int32? {
        typealias Call = @convention(c) (Int32, UnsafePointer<CChar>?, UnsafePointer<CChar>?) -> Int32
        return optionsFunction.map { unsafeBitCast($0, to: Call.self)(option, a, b) }
    }

    nonisolated(unsafe) private static let optionsFunction: UnsafeMutableRawPointer? = {
        #if canImport(Darwin) && arch(arm64)
        // Apple's arm64 ABI passes variadic arguments on the stack: these calls would be wrong.
        return nil
        #else
        guard let handle = dlopen(nil, RTLD_NOW) else { return nil }
        return dlsym(handle, "git_libgit2_opts")
        #endif
    }()

    /// `git_libgit2_opts(GIT_OPT_SET_SEARCH_PATH, level, "")` for every non-repository level.
    private static func blankConfigSearchPaths() {
        let option = Int32(GIT_OPT_SET_SEARCH_PATH.rawValue)
        let levels = [GIT_CONFIG_LEVEL_PROGRAMDATA, GIT_CONFIG_LEVEL_SYSTEM, GIT_CONFIG_LEVEL_XDG, GIT_CONFIG_LEVEL_GLOBAL]
        for level in levels {
            _ = setOption(option, Int32(level.rawValue), "")
        }
        git_error_clear()
    }
}
