/// An ISO 4217 currency: its code and how many digits its minor unit has (2 for EUR's cents,
/// 0 for JPY, 3 for KWD). The list is the active currencies of ISO 4217 (the funds, precious
/// metals and test codes `X…` other than regional currencies are left out: nobody budgets in them).
public struct Currency: Sendable, Hashable {
    public let code: String
    public let minorUnits: Int

    /// The currency of a code as written (upper case), nil when ISO 4217 has no such currency.
    public init?(code: String) {
        guard code.utf8.count == 3, Currency.codes.contains(code) else { return nil }
        self.code = code
        self.minorUnits = Currency.zeroDigit.contains(code) ? 0 : Currency.threeDigit.contains(code) ? 3 : 2
    }

    static let zeroDigit: Set<String> = ["BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF",
                                         "UGX", "UYI", "VND", "VUV", "XAF", "XOF", "XPF"]
    static let threeDigit: Set<String> = ["BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"]

    static let codes: Set<String> = Set("""
        AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BOV BRL BSD BTN BWP
        BYN BZD CAD CDF CHE CHF CHW CLF CLP CNY COP COU CRC CUC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB
        EUR FJD FKP GBP GEL GHS GIP GMD GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY
        KES KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MRU MUR
        MVR MWK MXN MXV MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD RUB
        RWF SAR SBD SCR SDG SEK SGD SHP SLE SLL SOS SRD SSP STN SVC SYP SZL THB TJS TMT TND TOP TRY TTD
        TWD TZS UAH UGX USD USN UYI UYU UYW UZS VED VES VND VUV WST XAF XCD XCG XOF XPF YER ZAR ZMW ZWG
        """.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init))
}
