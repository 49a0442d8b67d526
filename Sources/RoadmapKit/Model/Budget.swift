import Foundation

/// A campaign's or program's `budget: {planned, spent, currency}` (SPEC §13). Amounts are
/// `Decimal` (see `Money`); a field is nil when absent or not a number.
public struct Budget: Sendable {
    public let planned: Decimal?
    public let spent: Decimal?
    /// The currency code as written (checked against ISO 4217 by `invalid-value`).
    public let currency: String?
    public let node: YAMLNode

    public init?(node: YAMLNode?) {
        guard let node, node.pairs != nil else { return nil }
        self.node = node
        planned = Money.amount(node["planned"])
        spent = Money.amount(node["spent"])
        currency = node["currency"]?.string
    }

    /// `planned - spent`, when both are known.
    public var remaining: Decimal? {
        guard let planned, let spent else { return nil }
        return planned - spent
    }
}

/// One entry of a campaign's `results`: metric name → `{target, actual}` (SPEC §13).
/// `revenue` is money in the budget's currency.
public struct MetricResult: Sendable {
    public let metric: String
    public let target: Decimal?
    public let actual: Decimal?
    /// The metric's key node and value node.
    public let keyNode: YAMLNode
    public let node: YAMLNode

    /// The results of a `results:` mapping, in document order (string keys only).
    static func all(of node: YAMLNode?) -> [MetricResult] {
        (node?.pairs ?? []).compactMap { pair in
            guard let metric = pair.key.string else { return nil }
            return MetricResult(metric: metric, target: Money.amount(pair.value["target"]),
                                actual: Money.amount(pair.value["actual"]), keyNode: pair.key, node: pair.value)
        }
    }

    /// actual ÷ target, when both are known and the target is not zero.
    public var attainment: Decimal? {
        guard let target, let actual, target != 0 else { return nil }
        return actual / target
    }
}
