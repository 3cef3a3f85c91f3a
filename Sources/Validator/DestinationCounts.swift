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
    /// Delivered recipients by the TLS their connection had (`TLSTrust` order), then plaintext
    /// last. Plain fields, not a dictionary: the tally updates them a million times in place.
    var sentByTrust = TrustCounts()

    /// Adds another part's counts for the same domain.
    mutating func add(_ other: DestinationCounts) {
        sent += other.sent
        deferred += other.deferred
        failed += other.failed
        policyFailures += other.policyFailures
        sentByTrust.add(other.sentByTrust)
    }

    /// Counts per TLS trust, and plaintext.
    struct TrustCounts: Sendable {
        var anonymous = 0, untrusted = 0, trusted = 0, verified = 0, plaintext = 0

        /// Adds one delivery that had `trust` (nil: plaintext).
        mutating func add(_ trust: TLSTrust?) {
            switch trust {
            case .anonymous?: anonymous += 1
            case .untrusted?: untrusted += 1
            case .trusted?: trusted += 1
            case .verified?: verified += 1
            case nil: plaintext += 1
            }
        }

        /// Adds another part's counts.
        mutating func add(_ other: TrustCounts) {
            anonymous += other.anonymous
            untrusted += other.untrusted
            trusted += other.trusted
            verified += other.verified
            plaintext += other.plaintext
        }

        /// Each trust with its count (nil: plaintext).
        var all: [(trust: TLSTrust?, count: Int)] {
            [(.verified, verified), (.trusted, trusted), (.untrusted, untrusted), (.anonymous, anonymous), (nil, plaintext)]
        }
    }
}
