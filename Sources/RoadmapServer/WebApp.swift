import Foundation
import GitKit
import Mustache
import RoadmapKit

/// Everything the routes share: the options, the repository's gate, the sessions, the users
/// and the compiled page templates.
final class WebApp: Sendable {
    let options: ServeOptions
    let gate: WorkspaceGate
    let sessions = SessionStore()
    let users: UsersFile?
    /// Who saves when there is no users file: git's configured identity, like the commands.
    let localUser: WebUser
    let pages: Pages

    init(options: ServeOptions) throws {
        try options.validate()
        self.options = options
        let workspace = try Workspace.open(at: options.directory)
        gate = WorkspaceGate(directory: workspace.repository.workingDirectory ?? options.directory)
        users = try options.usersFile.map(UsersFile.load)
        let name = (try? workspace.repository.authorSignature().name) ?? "you"
        localUser = WebUser(name: name, audience: options.audience)
        pages = try Pages(workspace: workspace, readOnly: options.readOnly)
    }

    /// The day rules judge time by: `--today`, else the system date of this request.
    func today() throws -> RoadmapDate {
        try RoadmapDate.today(option: options.today)
    }

    /// The signature of a save: the signed-in person (with the users file: an address of
    /// their name at this host), else git's configured identity.
    func author(_ user: WebUser?) -> Signature? {
        guard users != nil, let user else { return nil }
        return Signature(name: user.name, email: "\(user.name)@roadmap-serve", date: Date(), timeZoneOffsetMinutes: 0)
    }
}
