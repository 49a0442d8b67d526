import RoadmapKit

/// A small consistent roadmap: no findings on 2026-01-15. Tests change one thing at a time.
enum Sample {
    static let theme = """
        kind: theme
        title: Billing
        horizon: now
        """
    static func release(date: String = "2026-06-15", status: String = "planned", extra: String = "") -> String {
        """
        kind: release
        title: Billing v2
        status: \(status)
        owner: "@pm"
        date: \(date)
        tier: major
        \(extra)
        """
    }
    static func epic(end: String = "2026-06-01", status: String = "planned", release: String? = "billing-v2") -> String {
        """
        kind: epic
        title: Invoices
        status: \(status)
        owner: "@lee"
        theme: billing
        \(release.map { "release: \($0)" } ?? "")
        end: \(end)
        """
    }
    static func story(end: String = "2026-05-20", status: String = "planned", extra: String = "") -> String {
        """
        kind: story
        title: PDF export
        status: \(status)
        owner: "@sam"
        epic: invoices
        end: \(end)
        \(extra)
        """
    }
    static func campaign(launch: String = "2026-06-20", promotes: String = "[billing-v2]", status: String = "planned", extra: String = "") -> String {
        """
        kind: campaign
        title: Spring launch
        status: \(status)
        owner: "@maria"
        promotes: \(promotes)
        launch: \(launch)
        channels: [blog, email]
        \(extra)
        """
    }

    static func fixture(release: String = release(), epic: String = epic(), story: String = story(), campaign: String? = campaign()) -> Fixture {
        var f = Fixture()
        f.add("billing", theme)
        f.add("billing-v2", release)
        f.add("invoices", epic)
        f.add("pdf-export", story)
        if let campaign { f.add("spring-launch", campaign) }
        return f
    }
}
