import Foundation
import HummingbirdBcrypt
import RoadmapKit

/// `--users FILE`: one user a line, `NAME:AUDIENCE:BCRYPT-HASH`; `#` starts a comment.
/// Passwords are only ever stored as bcrypt hashes (cost 12).
public struct UsersFile: Sendable {
    struct Entry: Sendable {
        var name: String
        var audience: String
        var hash: String
    }

    var entries: [Entry]

    static func validName(_ name: String) -> Bool {
        !name.isEmpty && name.count <= 64 && name.unicodeScalars.allSatisfy {
            CharacterSet.alphanumerics.contains($0) || "._@-".unicodeScalars.contains($0)
        }
    }

    public static func load(_ path: String) throws -> UsersFile {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw RoadmapError("cannot read the users file '\(path)'; create it with 'roadmap serve --add-user NAME --users \(path)'")
        }
        var entries: [Entry] = []
        for (index, raw) in String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let parts = line.split(separator: ":", maxSplits: 2).map(String.init)
            guard parts.count == 3, validName(parts[0]), ServeOptions.audiences.contains(parts[1]), parts[2].hasPrefix("$2") else {
                throw RoadmapError("\(path):\(index + 1): expected NAME:AUDIENCE:BCRYPT-HASH (audience one of \(ServeOptions.audiences.joined(separator: ", ")))")
            }
            entries.append(Entry(name: parts[0], audience: parts[1], hash: parts[2]))
        }
        return UsersFile(entries: entries)
    }

    /// The user whose password matches, nil otherwise (unknown names cost a hash too, so
    /// timing does not tell which names exist).
    func authenticate(name: String, password: String) -> WebUser? {
        guard let entry = entries.first(where: { $0.name == name }) else {
            _ = Bcrypt.verify(password, hash: Self.decoy)
            return nil
        }
        return Bcrypt.verify(password, hash: entry.hash) ? WebUser(name: entry.name, audience: entry.audience) : nil
    }

    static let decoy = Bcrypt.hash("not a password", cost: 12)

    /// `roadmap serve --add-user NAME --audience A`: adds or replaces the user's line.
    public static func addUser(path: String, name: String, audience: String, password: String) throws {
        guard validName(name) else { throw RoadmapError("'\(name)' is not a valid user name: letters, digits, '.', '_', '@' and '-'") }
        guard ServeOptions.audiences.contains(audience) else {
            throw RoadmapError("--audience '\(audience)': one of \(ServeOptions.audiences.joined(separator: ", "))")
        }
        guard !password.isEmpty else { throw RoadmapError("the password is empty; give it on standard input (one line)") }
        var lines: [String] = []
        if let data = FileManager.default.contents(atPath: path) {
            lines = String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
                .filter { !$0.hasPrefix(name + ":") }
        }
        lines.append("\(name):\(audience):\(Bcrypt.hash(password, cost: 12))")
        let text = lines.joined(separator: "\n") + "\n"
        let temporary = path + ".tmp-\(getpid())"
        guard FileManager.default.createFile(atPath: temporary, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600]) else {
            throw RoadmapError("cannot write the users file '\(path)'")
        }
        guard rename(temporary, path) == 0 else {
            unlink(temporary)
            throw RoadmapError("cannot write the users file '\(path)': \(String(cString: strerror(errno)))")
        }
    }
}
