import Foundation
import GitKit

/// The git hooks `roadmap hooks install` manages.
public enum HookName: String, Sendable, CaseIterable {
    case preCommit = "pre-commit"
    case preMergeCommit = "pre-merge-commit"
    case prePush = "pre-push"
    /// On the git host (`hooks install --server`): reviews every push (Workspace+Receive.swift).
    case preReceive = "pre-receive"

    /// The hooks of a working clone: every commit, merge and push.
    public static let client: [HookName] = [.preCommit, .preMergeCommit, .prePush]
    /// The hook of the repository a team pushes to.
    public static let server: [HookName] = [.preReceive]
}

/// What `roadmap hooks status` reports for one hook.
public struct HookState: Sendable {
    public enum Kind: String, Sendable {
        /// Ours, pointing at an executable that exists.
        case installed
        /// Ours, but the executable it points at is gone.
        case stale
        /// A hook roadmap did not write.
        case foreign
        case missing
    }

    public var hook: HookName
    public var path: String
    public var kind: Kind
    /// The executable our hook runs, when it is ours.
    public var executable: String?
}

extension Workspace {
    /// Marks a hook as ours, so that we never overwrite or remove anybody else's.
    static let hookMarker = "# roadmap hook (installed by `roadmap hooks install`"

    /// Where git looks for hooks: `core.hooksPath` (relative to the working tree) or the
    /// common git directory's `hooks/`.
    public func hooksDirectory() throws -> String {
        let repository = self.repository
        if let configured = try git("reading core.hooksPath", { try repository.configString("core.hooksPath") }), !configured.isEmpty {
            if configured.hasPrefix("/") { return configured }
            if configured.hasPrefix("~/") { return NSHomeDirectory() + String(configured.dropFirst(1)) }
            let base = repository.workingDirectory ?? repository.gitDirectory
            return URL(fileURLWithPath: base + "/" + configured).standardizedFileURL.path
        }
        return repository.commonDirectory + "/hooks"
    }

    /// The client hooks, or with `server` the `pre-receive` hook.
    public func hookStates(server: Bool = false) throws -> [HookState] {
        let folder = try hooksDirectory()
        return (server ? HookName.server : HookName.client).map { hook in
            let path = folder + "/" + hook.rawValue
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
                let exists = FileManager.default.fileExists(atPath: path)
                return HookState(hook: hook, path: path, kind: exists ? .foreign : .missing)
            }
            guard text.contains(Self.hookMarker) else { return HookState(hook: hook, path: path, kind: .foreign) }
            let executable = Self.executable(inHook: text)
            let present = executable.map { FileManager.default.isExecutableFile(atPath: $0) } ?? false
            return HookState(hook: hook, path: path, kind: present ? .installed : .stale, executable: executable)
        }
    }

    /// Installs the three client hooks (with `server`: `pre-receive`), running `executable`.
    /// A hook roadmap did not write is left alone (and reported) unless `force`, which keeps
    /// it as `<hook>.roadmap-backup`.
    @discardableResult
    public func installHooks(executable: String, force: Bool, server: Bool = false) throws -> [HookState] {
        let folder = try hooksDirectory()
        let states = try hookStates(server: server)
        let foreign = states.filter { $0.kind == .foreign }
        if !foreign.isEmpty && !force {
            throw RoadmapError("\(foreign.map(\.path).joined(separator: ", ")) \(foreign.count == 1 ? "is a hook" : "are hooks") roadmap did not write; nothing was installed. Use --force to replace (the old hook is kept as <hook>.roadmap-backup)")
        }
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw RoadmapError("cannot create the hooks folder \(folder): \(error.localizedDescription)")
        }
        for state in states {
            guard let template = Resources.text("hooks/\(state.hook.rawValue)") else {
                throw RoadmapError("internal: the \(state.hook.rawValue) hook is not bundled")
            }
            let script = template.replacingOccurrences(of: "@ROADMAP@", with: Self.shellQuoted(executable))
            if state.kind == .foreign {
                let backup = state.path + ".roadmap-backup"
                try? FileManager.default.removeItem(atPath: backup)
                do { try FileManager.default.moveItem(atPath: state.path, toPath: backup) } catch {
                    throw RoadmapError("cannot keep the existing \(state.path) as \(backup): \(error.localizedDescription)")
                }
            }
            try Self.writeExecutable(script, to: state.path)
        }
        if server { try enablePushOptions() }
        return try hookStates(server: server)
    }

    /// `git push -o roadmap.override=…` needs the receiving repository to advertise push
    /// options; an explicit `false` set by the host's administrator is left alone.
    func enablePushOptions() throws {
        let repository = self.repository
        if try git("reading receive.advertisePushOptions", { try repository.configString("receive.advertisePushOptions") }) == nil {
            try git("setting receive.advertisePushOptions") { try repository.setConfigString("receive.advertisePushOptions", "true") }
        }
    }

    /// Removes the hooks roadmap wrote (with `server`: `pre-receive`); anybody else's stay.
    @discardableResult
    public func uninstallHooks(server: Bool = false) throws -> [HookState] {
        for state in try hookStates(server: server) where state.kind == .installed || state.kind == .stale {
            do { try FileManager.default.removeItem(atPath: state.path) } catch {
                throw RoadmapError("cannot remove \(state.path): \(error.localizedDescription)")
            }
            let backup = state.path + ".roadmap-backup"
            if FileManager.default.fileExists(atPath: backup) { try? FileManager.default.moveItem(atPath: backup, toPath: state.path) }
        }
        return try hookStates(server: server)
    }

    /// `'…'` with embedded single quotes escaped, so any path (spaces, quotes, `$`) is one word.
    public static func shellQuoted(_ s: String) -> String {
        "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    static func executable(inHook text: String) -> String? {
        guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix("ROADMAP=") }) else { return nil }
        var value = String(line.dropFirst("ROADMAP=".count))
        // Undo shellQuoted: 'a'\''b' → a'b.
        value = value.replacingOccurrences(of: "'\\''", with: "'")
        if value.hasPrefix("'") && value.hasSuffix("'") && value.count >= 2 { value = String(value.dropFirst().dropLast()) }
        return value
    }

    static func writeExecutable(_ text: String, to path: String) throws {
        let temporary = path + ".roadmap-tmp"
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: temporary))
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: temporary)
            if FileManager.default.fileExists(atPath: path) { try FileManager.default.removeItem(atPath: path) }
            try FileManager.default.moveItem(atPath: temporary, toPath: path)
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
            throw RoadmapError("cannot write the hook \(path): \(error.localizedDescription)")
        }
    }
}
