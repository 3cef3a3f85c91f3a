/// One mail exchanger of a domain.
public struct MXRecord: Sendable, Hashable {
    /// Lower is tried first (RFC 5321 section 5.1).
    public let preference: UInt16
    /// The exchanger's host name, without the trailing dot; empty for a null MX (RFC 7505).
    public let exchange: String

    /// A record with these fields.
    public init(preference: UInt16, exchange: String) {
        self.preference = preference
        self.exchange = exchange
    }

    /// True for the root name, which RFC 7505 uses to say "this domain accepts no mail".
    public var isNull: Bool { exchange.isEmpty }
}
