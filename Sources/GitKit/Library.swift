internal import CLibGit2
internal import CLibGit2Support
import Foundation

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

    /// `git_libgit2_opts(option, a, b)` for an option whose arguments are a C int and a string
    /// (through CLibGit2Support: Swift cannot call the variadic function itself).
    static func setOption(_ option: Int32, _ a: Int32, _ b: UnsafePointer<CChar>?) -> Int32 {
        roadmap_git_opts_int_string(option, a, b)
    }

    /// `git_libgit2_opts(option, a, b)` for an option whose two arguments are strings.
    static func setOption(_ option: Int32, _ a: UnsafePointer<CChar>?, _ b: UnsafePointer<CChar>?) -> Int32 {
        roadmap_git_opts_strings(option, a, b)
    }

    /// `git_libgit2_opts(option, value)` for an option whose argument is a C int.
    static func setOption(_ option: Int32, _ value: Int32) -> Int32 {
        roadmap_git_opts_int(option, value)
    }

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
