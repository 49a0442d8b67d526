import Foundation

/// Amounts of money (budgets, spending, revenue) as `Decimal`, never `Double`: sums of many
/// campaigns' budgets must come out to the cent (0.1 + 0.2 is 0.3 here).
public enum Money {
    /// The amount a YAML number holds: an integer exactly; a float through its shortest
    /// round-trip text (`1234.56` reads back as the decimal 1234.56, which is what was written
    /// for any amount of up to 15 significant digits). Nil for anything that is not a number.
    public static func amount(_ node: YAMLNode?) -> Decimal? {
        switch node?.scalar {
        case let .int(n)?: return Decimal(n)
        case let .float(d)? where d.isFinite: return Decimal(string: "\(d)", locale: Locale(identifier: "en_US_POSIX"))
        default: return nil
        }
    }

    /// An amount as plain text (`1234.5`, `-20`, `0.3`), the form JSON and CSV outputs carry.
    public static func text(_ amount: Decimal) -> String {
        var value = amount
        var rounded = Decimal()
        NSDecimalRound(&rounded, &value, 12, .plain)
        return NSDecimalNumber(decimal: rounded).description(withLocale: Locale(identifier: "en_US_POSIX"))
    }

    /// An amount with its currency, to the currency's minor unit: `12,000.00 EUR` style without
    /// grouping (`12000.00 EUR`), for people.
    public static func text(_ amount: Decimal, currency: String?) -> String {
        guard let currency, let c = Currency(code: currency) else { return text(amount) + (currency.map { " \($0)" } ?? "") }
        var value = amount
        var rounded = Decimal()
        NSDecimalRound(&rounded, &value, c.minorUnits, .plain)
        var digits = NSDecimalNumber(decimal: rounded).description(withLocale: Locale(identifier: "en_US_POSIX"))
        if c.minorUnits > 0 {
            if !digits.contains(".") { digits += "." }
            let decimals = digits.split(separator: ".", omittingEmptySubsequences: false).last.map(\.count) ?? 0
            digits += String(repeating: "0", count: max(0, c.minorUnits - decimals))
        }
        return "\(digits) \(c.code)"
    }

    /// The JSON form of an amount: an integer when whole, else a number written from its
    /// number read from its decimal text, whose shortest form is that text again.
    public static func json(_ amount: Decimal) -> JSONValue {
        let s = text(amount)
        if let n = Int(s) { return .int(n) }
        return Double(s).map(JSONValue.double) ?? .string(s)
    }
}
