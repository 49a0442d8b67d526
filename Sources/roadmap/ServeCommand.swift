import ArgumentParser
import Dispatch
import Foundation
import RoadmapKit
import RoadmapServer

struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the roadmap to a browser: timeline, board, items, review, proposals, editing.",
        discussion: """
        Serves a working clone or a bare repository. Binds 127.0.0.1 by default; any other host
        needs --users FILE (people sign in; each sees their audience) or --read-only. Every save
        is a commit on a proposal (or on the base branch with web: {direct: true} in roadmap.yaml).
        --add-user NAME --audience A --users FILE adds a user, reading the password as one line
        from standard input. JSON API: /api/items, /api/review, /api/history/ID, /api/proposals,
        /api/slips (the commands' JSON, schemaVersion 1). Stops on Ctrl-C or SIGTERM. See docs/serve.md.
        """
    )

    @OptionGroup var global: GlobalOptions
    @Option(help: "The address to listen on.") var host = "127.0.0.1"
    @Option(help: "The port (0: any free port; the URL printed says which).") var port = 8080
    @Option(help: "What visitors see without signing in: public, stakeholders, key or team.") var audience = "team"
    @Flag(help: "Refuse every change (also crafted POSTs).") var readOnly = false
    @Option(help: ArgumentHelp("A users file (NAME:AUDIENCE:BCRYPT-HASH lines): people sign in.", valueName: "FILE")) var users: String?
    @Option(help: ArgumentHelp("Add (or replace) this user in --users FILE, the password read from standard input, and exit.", valueName: "NAME"))
    var addUser: String?

    func run() throws {
        if let addUser {
            guard let users else { throw RoadmapError("--add-user needs --users FILE: the file to add the user to") }
            let password = readLine(strippingNewline: true) ?? ""
            try UsersFile.addUser(path: users, name: addUser, audience: audience, password: password)
            Output.write("added \(addUser) (audience \(audience)) to \(users)\n")
            return
        }
        let options = ServeOptions(directory: global.workingFolder, host: host, port: port, audience: audience,
                                   readOnly: readOnly, usersFile: users,
                                   today: global.today ?? ProcessInfo.processInfo.environment["ROADMAP_TODAY"])
        let outcome = ServeOutcome()
        let done = DispatchSemaphore(value: 0)
        Task {
            do {
                try await RoadmapServer.run(options) { url in Output.write("serving the roadmap on \(url) (Ctrl-C stops)\n") }
            } catch {
                outcome.set(error)
            }
            done.signal()
        }
        done.wait()
        if let error = outcome.error {
            if let error = error as? RoadmapError { throw error }
            throw RoadmapError("cannot serve on \(host):\(port): \(error)")
        }
    }
}

/// The server's failure, handed from its task to the waiting command.
private final class ServeOutcome: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: (any Error)?
    func set(_ error: any Error) { lock.withLock { stored = error } }
    var error: (any Error)? { lock.withLock { stored } }
}
