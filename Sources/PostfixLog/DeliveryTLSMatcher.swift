/// Ties each delivery status line to the TLS line its SMTP client logged for it.
///
/// An SMTP client process (one program and PID) handles one delivery request at a time,
/// and logs `... TLS connection established ...` after the handshake and before the status
/// lines of the recipients it delivered over that connection (one line per recipient, all
/// with the request's queue id). A TLS connection is never reused for another request
/// (Postfix turns connection caching off once STARTTLS succeeded), so a TLS line belongs to
/// the status lines that follow it with the first queue id that follows it, and to no
/// other: a later request by the same process without a TLS line of its own went in
/// plaintext (or made no connection).
///
/// Feed records in log order with ``observe(_:)``; it returns each delivery with its TLS.
public struct DeliveryTLSMatcher {
    private struct ProcessKey: Hashable {
        let program: String
        let pid: Int
    }

    private struct Pending {
        let tls: TLSConnectionRecord
        /// The queue id of the first status line after the TLS line; nil until it comes.
        var queueID: String?
    }

    private var pending: [ProcessKey: Pending] = [:]

    /// A matcher with nothing pending.
    public init() {}

    /// Takes the next record of the log: remembers a TLS line, or returns a delivery with
    /// the TLS line that preceded it for the same request (nil for a TLS line).
    public mutating func observe(_ record: PostfixLogRecord) -> ObservedDelivery? {
        switch record {
        case .tlsConnection(let tls):
            pending[ProcessKey(program: tls.program, pid: tls.pid)] = Pending(tls: tls, queueID: nil)
            return nil
        case .delivery(let delivery):
            let key = ProcessKey(program: delivery.program, pid: delivery.pid)
            guard var entry = pending[key] else { return ObservedDelivery(delivery: delivery, tls: nil) }
            if entry.queueID == nil || delivery.queueID == nil {
                entry.queueID = delivery.queueID
                pending[key] = entry
                return ObservedDelivery(delivery: delivery, tls: entry.tls)
            }
            if entry.queueID == delivery.queueID {
                return ObservedDelivery(delivery: delivery, tls: entry.tls)
            }
            // Another request by the same process: the TLS line was not for it.
            pending[key] = nil
            return ObservedDelivery(delivery: delivery, tls: nil)
        }
    }
}
