/// Ties each delivery status record to the TLS record its SMTP client logged for it, by
/// ``RequestTLSTie``'s rule (the TLS line belongs to the next request of the same process).
///
/// Feed records in log order with ``observe(_:)``; it returns each delivery with its TLS.
public struct DeliveryTLSMatcher {
    private var tie = RequestTLSTie<TLSConnectionRecord>()

    /// A matcher with nothing pending.
    public init() {}

    /// Takes the next record of the log: remembers a TLS line, or returns a delivery with
    /// the TLS line that preceded it for the same request (nil for a TLS line).
    public mutating func observe(_ record: PostfixLogRecord) -> ObservedDelivery? {
        switch record {
        case .tlsConnection(let tls):
            tie.connectionEstablished(program: tls.program, pid: tls.pid, tls)
            return nil
        case .delivery(let delivery):
            return ObservedDelivery(delivery: delivery,
                                    tls: tie.delivery(program: delivery.program, pid: delivery.pid, queueID: delivery.queueID))
        }
    }
}
