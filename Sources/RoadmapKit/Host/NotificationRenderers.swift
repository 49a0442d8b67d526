import Foundation

/// The output formats of `roadmap notify`.
public enum NotifyFormat: String, Sendable, CaseIterable {
    case json, slack, markdown, email

    /// The HTTP content type `--post` sends it with.
    public var contentType: String {
        switch self {
        case .json, .slack: return "application/json"
        case .markdown: return "text/markdown; charset=utf-8"
        case .email: return "message/rfc822"
        }
    }
}

extension Notification {
    public func render(_ format: NotifyFormat, now: Date = Date(), from: String = "roadmap <roadmap@localhost>") -> String {
        switch format {
        case .json: return json.encoded() + "\n"
        case .markdown: return markdown
        case .slack: return slack.encoded() + "\n"
        case .email: return email(now: now, from: from)
        }
    }

    /// The webhook payload: stable keys, `schemaVersion: 1`.
    public var json: JSONValue {
        .object([
            ("schemaVersion", .int(1)),
            ("base", .string(base)),
            ("head", .string(head)),
            ("subject", .string(subject)),
            ("owners", .array(owners.map { owner in
                .object([
                    ("handle", .string(owner.contact.handle)),
                    ("name", .string(owner.contact.name)),
                    ("email", .string(owner.contact.email)),
                    ("slack", .string(owner.contact.slack)),
                    ("movedReleases", .array(owner.moves.map { move in
                        .object([
                            ("release", .string(move.release.id)),
                            ("title", .string(move.release.title)),
                            ("owner", .string(move.release.owner)),
                            ("old", .string(move.release.old)),
                            ("new", .string(move.release.new)),
                            ("days", move.release.days.map(JSONValue.int) ?? .null),
                            ("campaigns", .array(move.campaigns.map { c in
                                .object([
                                    ("id", .string(c.id)), ("title", .string(c.title)), ("path", .string(c.path)),
                                    ("launch", .string(c.launch)), ("launchesBeforeRelease", .bool(c.launchesBeforeRelease)),
                                ])
                            })),
                            ("assets", .array(move.assets.map { a in
                                .object([
                                    ("id", .string(a.name)), ("campaign", .string(a.campaign)), ("title", .string(a.title)),
                                    ("publish", .string(a.publish)), ("publishesBeforeRelease", .bool(a.publishesBeforeRelease)),
                                ])
                            })),
                        ])
                    })),
                    ("newErrors", .array(owner.newErrors.map { $0.json() })),
                ])
            })),
        ])
    }

    public var markdown: String {
        var out = ["## \(MarkdownReviewRenderer.escape(subject))", ""]
        if owners.isEmpty { out += ["Nothing this change did concerns an owner.", ""] }
        for owner in owners {
            out += ["### \(MarkdownReviewRenderer.escape(owner.contact.name.map { "\($0) (\(owner.contact.handle))" } ?? owner.contact.handle))", ""]
            out += facts(of: owner, markdown: true).map { "- " + $0 }
            out.append("")
        }
        return out.joined(separator: "\n")
    }

    /// Slack Block Kit: a header, then per owner a section (mentioning them when `slack:` is a
    /// member id) and a divider; `text` is the notification's fallback. Slack caps a message
    /// at 50 blocks and a section's text at 3000 characters: both are cut with a note.
    public var slack: JSONValue {
        var blocks: [JSONValue] = [.object([
            ("type", .string("header")),
            ("text", .object([("type", .string("plain_text")), ("text", .string(String(subject.prefix(150))))])),
        ])]
        for (index, owner) in owners.enumerated() {
            if blocks.count >= 47 {
                blocks.append(section("…and \(owners.count - index) more owner\(owners.count - index == 1 ? "" : "s")"))
                break
            }
            var who = Self.slackEscape(owner.contact.name ?? owner.contact.handle)
            if let id = owner.contact.slack, id.range(of: "^[UW][A-Z0-9]+$", options: .regularExpression) != nil { who = "<@\(id)>" }
            var text = "*\(who)*\n" + facts(of: owner, markdown: false).map { "• " + Self.slackEscape($0) }.joined(separator: "\n")
            if text.count > 3000 { text = String(text.prefix(2990)) + "\n…" }
            blocks.append(section(text))
            blocks.append(.object([("type", .string("divider"))]))
        }
        return .object([("text", .string(subject)), ("blocks", .array(blocks))])
    }

    private func section(_ text: String) -> JSONValue {
        .object([("type", .string("section")), ("text", .object([("type", .string("mrkdwn")), ("text", .string(text))]))])
    }

    /// Slack's mrkdwn reserves `&`, `<` and `>`.
    static func slackEscape(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }

    /// One RFC 5322 message to every affected owner with an e-mail address (none: the
    /// `undisclosed-recipients:;` group), CRLF line endings, UTF-8 text in 8bit with headers
    /// encoded as RFC 2047 words where they are not ASCII.
    public func email(now: Date, from: String) -> String {
        let recipients = owners.compactMap { owner -> String? in
            guard let email = owner.contact.email, Self.isAddress(email) else { return nil }
            return owner.contact.name.map { "\(Self.displayName($0)) <\(email)>" } ?? email
        }
        let date = DateFormatter()
        date.locale = Locale(identifier: "en_US_POSIX")
        date.timeZone = TimeZone(identifier: "UTC")
        date.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
        var body: [String] = [subject, ""]
        if owners.isEmpty { body.append("Nothing this change did concerns an owner.") }
        for owner in owners {
            body.append(owner.contact.name.map { "\($0) (\(owner.contact.handle))" } ?? owner.contact.handle)
            body += facts(of: owner, markdown: false).map { "  - " + $0 }
            body.append("")
        }
        if let base { body.append("Compared \(base) with \(head).") }
        let headers = [
            "From: \(from)",
            "To: " + (recipients.isEmpty ? "undisclosed-recipients:;" : recipients.joined(separator: ",\r\n "),),
            "Subject: \(Self.encodedWord(subject))",
            "Date: \(date.string(from: now))",
            "Message-ID: <roadmap.\(head.prefix(12)).\(Int(now.timeIntervalSince1970))@localhost>",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=utf-8",
            "Content-Transfer-Encoding: 8bit",
        ]
        // RFC 5322 caps a line at 998 characters: longer ones are folded.
        let lines = body.flatMap { line -> [String] in
            var rest = Substring(line), pieces: [String] = []
            while rest.utf8.count > 900 { pieces.append(String(rest.prefix(300))); rest = rest.dropFirst(300) }
            return pieces + [String(rest)]
        }
        return headers.joined(separator: "\r\n") + "\r\n\r\n" + lines.joined(separator: "\r\n") + "\r\n"
    }

    static func isAddress(_ s: String) -> Bool {
        s.range(of: "^[^@\\s<>,;\"]+@[^@\\s<>,;\"]+$", options: .regularExpression) != nil
    }

    static func isPrintableASCII(_ s: String) -> Bool {
        s.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value < 0x7F }
    }

    /// A name in an address: a quoted string when ASCII, else encoded words.
    static func displayName(_ s: String) -> String {
        guard isPrintableASCII(s) else { return encodedWord(s) }
        return "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    /// The text as is when it is printable ASCII, else RFC 2047 `=?UTF-8?B?…?=` words of at
    /// most 45 bytes each (RFC 2047 caps a word at 75 characters), never splitting a character.
    static func encodedWord(_ s: String) -> String {
        if isPrintableASCII(s) { return s }
        var words: [String] = [], chunk = Data()
        for ch in s {
            let bytes = Data(String(ch).utf8)
            if chunk.count + bytes.count > 45 {
                words.append("=?UTF-8?B?\(chunk.base64EncodedString())?=")
                chunk = Data()
            }
            chunk.append(bytes)
        }
        if !chunk.isEmpty { words.append("=?UTF-8?B?\(chunk.base64EncodedString())?=") }
        return words.joined(separator: "\r\n ")
    }
}
