/// A deferral or bounce reason that is a TLS policy failure: the SMTP client refused to
/// deliver because the server did not meet the TLS level that applied (`encrypt`, `secure`,
/// `verify`, `dane-only`...), or because the policy itself could not be applied.
///
/// Recognised by Postfix's own reason texts, as `src/smtp/smtp_proto.c` and
/// `src/smtp/smtp_tls_policy.c` write them and the lab's real Postfix logs them (the tests
/// check each one the lab can provoke against a real delivery). A reason may carry a prefix
/// (`delivery temporarily suspended: `, when the queue manager holds a destination back after
/// a failure), so the texts are looked for anywhere in the reason.
public enum TLSPolicyFailure: String, Sendable, Hashable, CaseIterable {
    /// `TLS is required, but was not offered by host HOST[ADDR]`: no STARTTLS in EHLO.
    case notOffered = "not-offered"
    /// `TLS is required, but host HOST[ADDR] refused to start TLS: REPLY`.
    case startTLSRefused = "starttls-refused"
    /// `TLS is required, but our TLS engine is unavailable` (or `..., but unavailable`).
    case engineUnavailable = "engine-unavailable"
    /// `Cannot start TLS: handshake failure`: the handshake itself failed.
    case handshakeFailure = "handshake-failure"
    /// `Server certificate not trusted`: no trusted chain where `verify`/`secure` need one.
    case certificateNotTrusted = "certificate-not-trusted"
    /// `Server certificate not verified`: a trusted chain, but no name (or digest) matched.
    case certificateNotVerified = "certificate-not-verified"
    /// `client TLS configuration problem`: the policy entry or the client's TLS settings are
    /// invalid (a bad policy table line, missing fingerprints, DANE without DNSSEC lookups).
    case configurationProblem = "configuration-problem"
    /// `TLSA lookup error for HOST:PORT`: DANE needs TLSA records and could not look them up.
    case tlsaLookupError = "tlsa-lookup-error"
    /// `dane-only` and no usable DANE: `no TLSA records found`, `TLSA records unusable`,
    /// `non DNSSEC destination`.
    case daneUnavailable = "dane-unavailable"

    /// Postfix's texts for each failure; the first match wins. Old wordings that Postfix
    /// before 2.5 logged (`TLS failure: Cannot verify server ...`) are kept, as long-lived
    /// hosts keep old logs.
    private static let texts: [(text: StaticString, failure: TLSPolicyFailure)] = [
        ("TLS is required, but was not offered by host", .notOffered),
        ("TLS is required, but host ", .startTLSRefused),
        ("TLS is required, but our TLS engine is unavailable", .engineUnavailable),
        ("TLS is required, but unavailable", .engineUnavailable),
        ("TLS is required, but not available", .engineUnavailable),
        ("Cannot start TLS: handshake failure", .handshakeFailure),
        ("Server certificate not trusted", .certificateNotTrusted),
        ("TLS failure: Cannot verify server certificate", .certificateNotTrusted),
        ("Server certificate not verified", .certificateNotVerified),
        ("TLS failure: Cannot verify server hostname", .certificateNotVerified),
        ("client TLS configuration problem", .configurationProblem),
        ("TLSA lookup error for ", .tlsaLookupError),
        ("no TLSA records found", .daneUnavailable),
        ("TLSA records unusable", .daneUnavailable),
        ("non DNSSEC destination", .daneUnavailable),
    ]

    /// ``texts`` with each search's anchor byte chosen once: every deferral of a large log
    /// is searched for all of them.
    private static let patterns = texts.map { (pattern: LogPattern($0.text), failure: $0.failure) }

    /// The TLS policy failure a deferral or bounce reason reports, or nil for any other
    /// reason (a refused recipient, a lost connection, a full mailbox...).
    public static func classify(reason: String) -> TLSPolicyFailure? {
        var reason = reason
        return reason.withUTF8 { buffer in
            let bytes = LogBytes(buffer)
            return classify(bytes, in: 0..<bytes.count)
        }
    }

    /// The same, for a reason that lies in `range` of a line's bytes.
    static func classify(_ bytes: LogBytes, in range: Range<Int>) -> TLSPolicyFailure? {
        for entry in patterns where bytes.find(entry.pattern, from: range.lowerBound, end: range.upperBound) != nil {
            return entry.failure
        }
        return nil
    }
}
