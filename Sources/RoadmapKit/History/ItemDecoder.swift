/// Why one version of a file could not be read as YAML data.
public struct HistoryDecodeFailure: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    /// 1-based position of the problem, when the parser knows it.
    public var line: Int?
    public var column: Int?

    public init(message: String, line: Int? = nil, column: Int? = nil) {
        self.message = message
        self.line = line
        self.column = column
    }

    public var description: String {
        if let line {
            return "\(line):\(column ?? 1): \(message)"
        }
        return message
    }
}

/// Turns the bytes of one version of an item into its data. The history engine takes the
/// product's parser through this function, so it does not depend on the parser's types.
public typealias ItemDecoder = @Sendable ([UInt8]) -> Result<YAMLValue, HistoryDecodeFailure>
