import Foundation

/// `over-budget` (warning): fires when a campaign or program that is not cancelled has spent
/// more than it planned (`budget.spent` > `budget.planned`; points at `spent`), and when the
/// campaigns of a program (not cancelled, naming it in `program`) plan more in total than the
/// program (points at the program's `planned`; `related` holds those campaigns). Amounts are
/// decimals; a campaign whose currency differs from the program's is left out of the sum (and
/// named in the message), since no exchange rate is known.
public struct OverBudgetRule: Rule {
    public let id = "over-budget"
    public let defaultSeverity = Severity.warning
    public let summary = "Spending exceeds the plan, or a program's campaigns plan more than the program."
    public init() {}

    public func check(_ context: RuleContext, into findings: inout FindingCollector) {
        var campaignsByProgram: [String: [Item]] = [:]
        for item in context.snapshot.items where item.status != "cancelled" {
            guard item.kind == .campaign || item.kind == .program else { continue }
            if item.kind == .campaign, let program = item.program { campaignsByProgram[program, default: []].append(item) }
            guard let budget = item.budget, let planned = budget.planned, let spent = budget.spent, spent > planned,
                  let node = budget.node["spent"] else { continue }
            findings.add(self, item: item, at: node.location,
                         "\(item.kind?.rawValue ?? "item") \(named(item)) has spent \(Money.text(spent, currency: budget.currency)) of \(Money.text(planned, currency: budget.currency)) planned (\(Money.text(spent - planned, currency: budget.currency)) over): raise the plan, or waive over-budget with a reason")
        }
        for program in context.snapshot.items where program.kind == .program && program.status != "cancelled" {
            guard let budget = program.budget, let planned = budget.planned, let plannedNode = budget.node["planned"],
                  let campaigns = campaignsByProgram[program.id] else { continue }
            var total = Decimal(0)
            var counted: [Item] = []
            var otherCurrency: [String] = []
            for campaign in campaigns.sorted(by: { $0.id < $1.id }) {
                guard let amount = campaign.budget?.planned else { continue }
                if let mine = budget.currency, let theirs = campaign.budget?.currency, mine != theirs {
                    otherCurrency.append("\(campaign.id) (\(theirs))")
                    continue
                }
                total += amount
                counted.append(campaign)
            }
            guard total > planned else { continue }
            let left = otherCurrency.isEmpty ? "" : "; not counted, in another currency: \(otherCurrency.joined(separator: ", "))"
            findings.add(self, item: program, at: plannedNode.location, related: counted.map(\.id),
                         "program \(named(program)) plans \(Money.text(planned, currency: budget.currency)), but its campaigns plan \(Money.text(total, currency: budget.currency)): \(counted.map { "\($0.id) \(Money.text($0.budget?.planned ?? 0, currency: $0.budget?.currency ?? budget.currency))" }.joined(separator: ", "))\(left); raise the program's budget or cut a campaign's")
        }
    }
}
