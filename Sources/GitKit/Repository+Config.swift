import Foundation

extension Repository {
    /// A configuration value from all levels (local over global over system); nil when unset.
    public func configString(_ key: String) throws -> String? {
        try Config(self).string(key)
    }

    /// Sets a value in the repository's own configuration (`.git/config`).
    public func setConfigString(_ key: String, _ value: String) throws {
        try Config(self).set(key, value)
    }

    /// The author for a new commit: `GIT_AUTHOR_NAME/EMAIL/DATE` over `author.*` over
    /// `user.*` (see `Signature.resolve`).
    public func authorSignature(environment: [String: String] = ProcessInfo.processInfo.environment,
                                now: Date = Date()) throws -> Signature {
        try Signature.resolve(role: .author, environment: environment, config: identityConfig(for: .author), now: now)
    }

    /// The committer for a new commit: `GIT_COMMITTER_NAME/EMAIL/DATE` over `committer.*`
    /// over `user.*`.
    public func committerSignature(environment: [String: String] = ProcessInfo.processInfo.environment,
                                   now: Date = Date()) throws -> Signature {
        try Signature.resolve(role: .committer, environment: environment, config: identityConfig(for: .committer), now: now)
    }

    /// `user.name` / `user.email` from the configuration, dated now (no environment).
    public func defaultSignature(now: Date = Date()) throws -> Signature {
        try Signature.resolve(role: .author, environment: [:], config: identityConfig(for: nil), now: now)
    }

    private func identityConfig(for role: SignatureRole?) throws -> [String: String] {
        let config = try Config(self)
        var keys = ["user.name", "user.email"]
        if let role { keys += ["\(role.rawValue).name", "\(role.rawValue).email"] }
        var values: [String: String] = [:]
        for key in keys {
            if let value = try config.string(key) { values[key] = value }
        }
        return values
    }
}
