import PostfixLog

/// Counts remote deliveries per recipient domain, each with the TLS it went over, as the
/// lines of one or more mail logs arrive in order. Reads ``PostfixLogEvent``s, not whole
/// records: a million lines must not cost a relay, reason and cipher `String` each.
struct DestinationTally {
    private(set) var domains: [String: DestinationCounts] = [:]
    /// Lines read, and lines that made an event.
    private(set) var lines = 0
    private(set) var events = 0
    private var tie = RequestTLSTie<TLSTrust>()
    /// True for a part of a log after the first (read on another core): a delivery of a
    /// process with no TLS line in this part yet depends on the part before, so it waits
    /// in ``unresolved`` for ``merge(_:)``.
    private let isContinuation: Bool
    private var unresolved: [DeliveryEvent] = []

    /// A tally for a whole log, or (`isContinuation`) for a later part of one.
    init(isContinuation: Bool = false) {
        self.isContinuation = isContinuation
    }

    /// Takes one line's bytes (without newline).
    mutating func add(line: UnsafeBufferPointer<UInt8>) {
        lines += 1
        guard let event = PostfixLogEvent(lineBytes: line) else { return }
        events += 1
        switch event {
        case .tlsConnection(let tls):
            tie.connectionEstablished(program: tls.program, pid: tls.pid, tls.trust)
        case .delivery(let delivery):
            if isContinuation && !tie.knows(program: delivery.program, pid: delivery.pid) {
                unresolved.append(delivery)
                return
            }
            count(delivery, trust: tie.delivery(program: delivery.program, pid: delivery.pid, queueID: delivery.queueID))
        }
    }

    /// Appends the tally of the part of the log that follows this one: its deliveries that
    /// waited for this part's TLS lines are tied here, in order, then its counts are added.
    mutating func merge(_ later: DestinationTally) {
        for delivery in later.unresolved {
            count(delivery, trust: tie.delivery(program: delivery.program, pid: delivery.pid, queueID: delivery.queueID))
        }
        tie.carryOn(with: later.tie)
        for (domain, counts) in later.domains {
            Self.update(&domains[domain, default: DestinationCounts()]) { $0.add(counts) }
        }
        lines += later.lines
        events += later.events
    }

    private mutating func count(_ delivery: DeliveryEvent, trust: TLSTrust?) {
        // Only the SMTP client's deliveries leave the host (not local, virtual, pipe or lmtp ones).
        guard delivery.program.hasSuffix("/smtp"), delivery.status != .other else { return }
        let status = delivery.status
        let policyFailure = delivery.tlsPolicyFailure != nil
        // Updated in place through the dictionary's modify accessor: one hash lookup, no copy.
        Self.update(&domains[delivery.recipientDomain, default: DestinationCounts()]) { counts in
            switch status {
            case .sent:
                counts.sent += 1
                counts.sentByTrust.add(trust)
            case .deferred: counts.deferred += 1
            case .bounced, .expired: counts.failed += 1
            case .other: break
            }
            if policyFailure { counts.policyFailures += 1 }
        }
    }

    private static func update(_ counts: inout DestinationCounts, _ change: (inout DestinationCounts) -> Void) {
        change(&counts)
    }

    /// A new log file starts: a process's pending TLS line does not carry over files.
    mutating func startFile() {
        tie = RequestTLSTie()
    }
}
