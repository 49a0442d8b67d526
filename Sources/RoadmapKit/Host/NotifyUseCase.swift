extension Workspace {
    /// What the change `base`…`head` (head against its merge base with base, as `review
    /// --base` compares) did to each owner's items, with the contacts of `owners:`.
    public func notification(base: String, head: String?, today: RoadmapDate) throws -> Notification {
        let scope = ReviewScope.range(base: base, head: head)
        let report = try review(scope, today: today)
        let context = try reviewContext(scope, today: today)
        return Notification(result: report.result, context: context, contacts: config.owners, base: report.base?.hex, head: report.head)
    }
}
