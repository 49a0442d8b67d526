/// `release-moved` (info, diff-aware): fires on a release whose `date` differs from the date the
/// same id had as a release in the base state of the review (no base: never fires). The message
/// gives old → new (±days) and every non-cancelled campaign that promotes the release, directly
/// or through its epics and stories, with owners; every asset (not cancelled, of a campaign not
/// cancelled) that announces it, directly or through its epics and stories, with its owner
/// (else its campaign's); and names `roadmap replan RELEASE`, the command that follows the move.
/// `related` holds those campaigns and the assets' campaigns. Points at `date`.
public struct ReleaseMovedRule: Rule {
    public let id = "release-moved"
    public let defaultSeverity = Severity.info
    public let summary = "The change under review moved a release's date."
    public init() {}

    public func check(_ context: RuleContext, into findings: inout FindingCollector) {
        guard let base = context.base else { return }
        for release in context.snapshot.items where release.kind == .release {
            guard let old = base[release.id], old.kind == .release,
                  let oldNode = old.value("date"), let newNode = release.value("date") else { continue }
            let oldDate = Item.date(of: oldNode), newDate = Item.date(of: newNode)
            let oldText = oldDate?.text ?? describe(oldNode), newText = newDate?.text ?? describe(newNode)
            var shift = ""
            if let oldDate, let newDate {
                if oldDate.firstDay == newDate.firstDay && oldDate.lastDay == newDate.lastDay { continue }
                let delta = newDate.days(since: oldDate)
                shift = " (\(delta >= 0 ? "+" : "")\(days(delta)))"
            } else if oldText == newText {
                continue
            }
            let campaigns = (context.campaignsByRelease[release.id] ?? []).sorted { $0.id < $1.id }
            var list = campaigns.isEmpty
                ? "no campaign promotes it"
                : "check the campaigns promoting it: " + campaigns.map { "\(named($0)) launching \($0.launch?.text ?? "?")" }.joined(separator: ", ")
            var seen = Set<String>()
            let assets = (context.announcementsByRelease[release.id] ?? [])
                .filter { seen.insert($0.assetName).inserted }
                .sorted { $0.assetName < $1.assetName }
            if !assets.isEmpty {
                list += "; and the assets announcing it: " + assets.map { a in
                    "\(named(a.asset, in: a.campaign)) publishing \(a.asset.publishDay(launch: a.campaign.launch).map { AssetTiming.describe(a.asset, day: $0) } ?? "?")"
                }.joined(separator: ", ")
            }
            let fix = campaigns.isEmpty && assets.isEmpty ? "" : "; 'roadmap replan \(release.id)' moves them with it"
            findings.add(self, item: release, at: newNode.location, related: campaigns.map(\.id) + assets.map(\.campaign.id),
                         "release \(release.id) moved \(oldText) → \(newText)\(shift); \(list)\(fix)")
        }
    }
}
