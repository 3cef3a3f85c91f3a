/// Everything one probe session learned, and Postfix's verdict on it.
public struct ProbeResult: Sendable, Hashable, Codable {
    /// The request this answers.
    public let request: ProbeRequest
    /// The server's greeting (all lines, joined by newlines), nil when none was read.
    public let banner: String?
    /// EHLO keywords, upper-cased (e.g. `STARTTLS`, `PIPELINING`); empty before EHLO.
    public let ehloKeywords: [String]
    /// Whether EHLO listed STARTTLS; nil when the session ended before the EHLO reply.
    public let starttlsOffered: Bool?
    /// The TLS session, nil when none was established.
    public let tls: TLSSessionSummary?
    /// The failure that ended the session early, nil when every step completed.
    public let failure: ProbeFailure?
    /// Whether Postfix would deliver here, why, and the RFC 8460 type of a TLS failure.
    public let verdict: PostfixVerdict
    /// Wall time of the session in seconds.
    public let elapsed: Double

    /// A result.
    public init(request: ProbeRequest, banner: String?, ehloKeywords: [String], starttlsOffered: Bool?,
                tls: TLSSessionSummary?, failure: ProbeFailure?, verdict: PostfixVerdict, elapsed: Double) {
        self.request = request
        self.banner = banner
        self.ehloKeywords = ehloKeywords
        self.starttlsOffered = starttlsOffered
        self.tls = tls
        self.failure = failure
        self.verdict = verdict
        self.elapsed = elapsed
    }
}
