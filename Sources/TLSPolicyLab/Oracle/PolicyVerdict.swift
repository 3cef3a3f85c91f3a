/// What real Postfix made of one TLS policy table entry.
public enum PolicyVerdict: Sendable, Equatable {
    /// postmap did not store the entry (orphan continuation, key without value, unbalanced
    /// quote, non-UTF-8, a later duplicate); `reason` is postmap's warning.
    case dropped(reason: String)
    /// The SMTP client refused the entry: it logged "client TLS configuration problem" and
    /// deferred the mail; `reason` is the specific warning(s) it logged just before.
    case invalid(reason: String)
    /// The SMTP client used the entry: it connected and the delivery ended as `outcome`
    /// (sent, or deferred/bounced for a reason other than the policy's syntax, such as a
    /// certificate name mismatch or a cipher grade that fails at the handshake).
    case accepted(outcome: DeliveryStatus.Outcome, detail: String)
    /// postmap stored the entry, but no mail can make the SMTP client look it up in the lab
    /// (a quoted key, a non-loopback IP literal, a key that is not a hostname).
    case notLookedUp(reason: String)
    /// The entry was looked up (or should have been) but the run gave no usable answer:
    /// no status in time, or a failure before the policy lookup (e.g. DNS).
    case noVerdict(reason: String)

    /// A short word for the verdict: `dropped`, `invalid`, `valid`, `not-looked-up`, `no-verdict`.
    public var label: String {
        switch self {
        case .dropped: return "dropped"
        case .invalid: return "invalid"
        case .accepted: return "valid"
        case .notLookedUp: return "not-looked-up"
        case .noVerdict: return "no-verdict"
        }
    }

    /// True when Postfix ignored the entry or refused it: a mail outage or a silent
    /// downgrade, what lint must report as an error.
    public var isRejected: Bool {
        switch self {
        case .dropped, .invalid: return true
        default: return false
        }
    }

    /// True when Postfix gave a verdict at all (dropped, invalid or accepted).
    public var isDecided: Bool {
        switch self {
        case .dropped, .invalid, .accepted: return true
        default: return false
        }
    }
}
