/// The word after `status=` in a delivery agent's log line.
public enum DeliveryOutcome: String, Sendable, Hashable, CaseIterable {
    /// Accepted by the next hop.
    case sent
    /// Failed temporarily; the message stays queued.
    case deferred
    /// Failed permanently; a bounce goes back to the sender.
    case bounced
    /// Stayed in the queue past `maximal_queue_lifetime`.
    case expired
    /// Any other word (Postfix's address verification logs `deliverable`/`undeliverable`).
    case other
}
