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

    /// Takes one line's bytes (without newline).
    mutating func add(line: UnsafeBufferPointer<UInt8>) {
        lines += 1
        guard let event = PostfixLogEvent(lineBytes: line) else { return }
        events += 1
        switch event {
        case .tlsConnection(let tls):
            tie.connectionEstablished(program: tls.program, pid: tls.pid, tls.trust)
        case .delivery(let delivery):
            let trust = tie.delivery(program: delivery.program, pid: delivery.pid, queueID: delivery.queueID)
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
    }

    private static func update(_ counts: inout DestinationCounts, _ change: (inout DestinationCounts) -> Void) {
        change(&counts)
    }

    /// A new log file starts: a process's pending TLS line does not carry over files.
    mutating func startFile() {
        tie = RequestTLSTie()
    }
}
