import Foundation

/// The CI services `roadmap ci init` writes a workflow for.
public enum CIProvider: String, Sendable, CaseIterable {
    case github, gitlab

    /// The workflow's path in the repository.
    public var path: String {
        switch self {
        case .github: return ".github/workflows/roadmap.yml"
        case .gitlab: return ".gitlab/roadmap.gitlab-ci.yml"
        }
    }

    var template: String { "templates/ci/\(rawValue).yml" }
}

/// What `roadmap ci init` wrote, and what the user still has to do.
public struct CIInitReport: Sendable {
    public var written: [String]
    public var notes: [String]
}

extension Workspace {
    /// Writes the workflow that reviews every pull (merge) request. GitLab's is a file to
    /// include, so an existing `.gitlab-ci.yml` is never rewritten: a new one is written only
    /// where there is none, else the user is told the `include:` line to add. A workflow
    /// file that exists is replaced only with `force`; nothing is written on a refusal.
    public func initCI(_ provider: CIProvider, force: Bool) throws -> CIInitReport {
        let workdir = try workingDirectory(for: "ci init")
        guard let workflow = Resources.text(provider.template) else {
            throw RoadmapError("internal: the \(provider.rawValue) workflow is not bundled")
        }
        let fm = FileManager.default
        let target = workdir + "/" + provider.path
        if fm.fileExists(atPath: target) && !force {
            throw RoadmapError("\(provider.path) exists; nothing was written. Use --force to replace it")
        }
        var files: [(String, String)] = [(provider.path, workflow)]
        var notes: [String] = []
        if provider == .gitlab {
            let include = "include:\n  - local: \(provider.path)\n"
            if fm.fileExists(atPath: workdir + "/.gitlab-ci.yml") {
                notes.append("add to .gitlab-ci.yml:\n\(include)")
            } else {
                files.append((".gitlab-ci.yml", "# Written by `roadmap ci init gitlab`.\n" + include))
            }
            notes.append("set the CI/CD variable ROADMAP_GITLAB_TOKEN (a project access token with the api scope) for the merge-request note")
        } else {
            notes.append("edit the 'Install roadmap' step so that the job finds roadmap on PATH")
        }
        for (path, text) in files {
            let url = URL(fileURLWithPath: workdir + "/" + path)
            do {
                try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(text.utf8).write(to: url, options: .atomic)
            } catch {
                throw RoadmapError("cannot write \(path): \(error.localizedDescription)")
            }
        }
        return CIInitReport(written: files.map(\.0), notes: notes)
    }
}
