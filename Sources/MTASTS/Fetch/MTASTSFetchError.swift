/// Why a policy could not be fetched. Any of these means "no usable policy" (RFC 8461 3.3).
public enum MTASTSFetchError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The domain cannot be put in a URL.
    case invalidDomain(String)
    /// A libcurl option could not be set (a libcurl built without a needed feature).
    case setupFailed(option: String, reason: String)
    /// No TCP connection (refused, unreachable, name not resolved).
    case connectionFailed(url: String, reason: String)
    /// The server's certificate did not verify (untrusted, expired, wrong name).
    case certificateNotVerified(url: String, reason: String)
    /// The TLS handshake failed for another reason.
    case tlsFailed(url: String, reason: String)
    /// The connect or total timeout passed.
    case timedOut(url: String, seconds: Double)
    /// A 3xx answer: RFC 8461 3.3 forbids following redirects.
    case redirected(url: String, status: Int, location: String?)
    /// An answer other than 200 (and not a redirect).
    case httpStatus(url: String, status: Int)
    /// The body's media type is not text/plain.
    case wrongContentType(url: String, contentType: String?)
    /// The body is larger than the limit.
    case bodyTooLarge(url: String, limit: Int)
    /// Any other libcurl failure.
    case transferFailed(url: String, code: Int, reason: String)
    /// The body is not a valid policy.
    case invalidPolicy(url: String, MTASTSParseError)

    /// The error in words, with the URL.
    public var description: String {
        switch self {
        case .invalidDomain(let domain): return "cannot fetch an MTA-STS policy for '\(domain)': not a domain name"
        case .setupFailed(let option, let reason): return "libcurl option \(option): \(reason)"
        case .connectionFailed(let url, let reason): return "\(url): cannot connect: \(reason)"
        case .certificateNotVerified(let url, let reason): return "\(url): certificate not verified: \(reason)"
        case .tlsFailed(let url, let reason): return "\(url): TLS failed: \(reason)"
        case .timedOut(let url, let seconds): return "\(url): no complete answer within \(seconds) s"
        case .redirected(let url, let status, let location):
            return "\(url): HTTP \(status) redirect\(location.map { " to \($0)" } ?? ""), which MTA-STS does not follow"
        case .httpStatus(let url, let status): return "\(url): HTTP \(status), expected 200"
        case .wrongContentType(let url, let type): return "\(url): content type \(type ?? "(none)"), expected text/plain"
        case .bodyTooLarge(let url, let limit): return "\(url): body larger than \(limit) bytes"
        case .transferFailed(let url, let code, let reason): return "\(url): libcurl error \(code): \(reason)"
        case .invalidPolicy(let url, let error): return "\(url): \(error)"
        }
    }
}
