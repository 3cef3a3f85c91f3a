/// A delivery status line together with the TLS connection it went over, if any.
public struct ObservedDelivery: Sendable, Hashable {
    /// The status line.
    public let delivery: DeliveryRecord
    /// The TLS line the same SMTP client logged for this delivery; nil when it logged none
    /// (plaintext, no connection at all, or `smtp_tls_loglevel = 0`).
    public let tls: TLSConnectionRecord?

    /// A delivery and its TLS connection.
    public init(delivery: DeliveryRecord, tls: TLSConnectionRecord?) {
        self.delivery = delivery
        self.tls = tls
    }
}
