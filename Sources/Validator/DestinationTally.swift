import PostfixLog

/// What the mail log says about one recipient domain.
struct DestinationCounts: Sendable {
    /// Recipients delivered (`status=sent` lines): the unit of the report's message counts.
    var sent = 0
    /// `status=deferred` lines.
    var deferred = 0
    /// `status=bounced` and `status=expired` lines.
    var failed = 0
    /// Deferrals and bounces whose reason is a TLS policy failure.
    var policyFailures = 0
    /// Delivered recipients by the TLS their connection had; `nil` counts plaintext.
    var sentByTrust: [TLSTrust?: Int] = [:]

    /// Delivered recipients that went over TLS of any kind.
    var sentOverTLS: Int { sentByTrust.filter { $0.key != nil }.values.reduce(0, +) }

    /// The weakest TLS any delivery had (nil: some went in plaintext, or none was delivered).
    var weakestTrust: TLSTrust? {
        guard sent > 0, sentByTrust[nil, default: 0] == 0 else { return nil }
        return sentByTrust.keys.compactMap { $0 }.min()
    }
}

/// Counts remote deliveries per recipient domain, each with the TLS it went over, as the
/// lines of one or more mail logs arrive in order.
struct DestinationTally {
    private(set) var domains: [String: DestinationCounts] = [:]
    /// Lines read, and lines that made a record.
    private(set) var lines = 0
    private(set) var records = 0
    private var matcher = DeliveryTLSMatcher()

    /// Takes one line's bytes (without newline).
    mutating func add(line: UnsafeBufferPointer<UInt8>) {
        lines += 1
        guard let record = PostfixLogRecord(lineBytes: line) else { return }
        records += 1
        guard let observed = matcher.observe(record) else { return }
        let delivery = observed.delivery
        // Only the SMTP client's deliveries leave the host (not local, virtual, pipe or lmtp ones).
        guard delivery.program.hasSuffix("/smtp") else { return }
        var counts = domains[delivery.recipientDomain] ?? DestinationCounts()
        switch delivery.status {
        case .sent:
            counts.sent += 1
            counts.sentByTrust[observed.tls?.trust, default: 0] += 1
        case .deferred:
            counts.deferred += 1
            if delivery.tlsPolicyFailure != nil { counts.policyFailures += 1 }
        case .bounced, .expired:
            counts.failed += 1
            if delivery.tlsPolicyFailure != nil { counts.policyFailures += 1 }
        case .other:
            break
        }
        domains[delivery.recipientDomain] = counts
    }

    /// A new log file starts: a process's pending TLS line does not carry over files.
    mutating func startFile() {
        matcher = DeliveryTLSMatcher()
    }
}
