/// Why a DNS lookup gave no answer. A missing name or record is not an error: it is an
/// ``DNSAnswer/Outcome``.
public enum DNSError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The name cannot be sent in a query (empty, too long, a label over 63 bytes, ...).
    case invalidName(String, reason: String)
    /// A `--resolver` value that is not an IPv4 `ADDRESS` or `ADDRESS:PORT`.
    case invalidServerAddress(String, reason: String)
    /// The resolver library could not be initialised.
    case resolverInitializationFailed(reason: String)
    /// No reply within the timeout and tries.
    case timedOut(name: String, type: DNSRecordType, server: String, seconds: Int)
    /// The server refused the connection (nothing listens there: ICMP port unreachable).
    case unreachable(name: String, type: DNSRecordType, server: String)
    /// SERVFAIL: the server could not answer; from a validating resolver this is also
    /// what a DNSSEC-bogus answer looks like.
    case serverFailure(name: String, type: DNSRecordType, server: String)
    /// REFUSED: the server will not answer this client.
    case refused(name: String, type: DNSRecordType, server: String)
    /// Any other response code (FORMERR, NOTIMP, ...).
    case unexpectedResponseCode(name: String, type: DNSRecordType, code: Int)
    /// The reply could not be parsed, or contradicts itself.
    case malformedReply(name: String, type: DNSRecordType, reason: String)

    /// The error in words, with the name, type and server.
    public var description: String {
        switch self {
        case .invalidName(let name, let reason):
            return "invalid DNS name '\(name)': \(reason)"
        case .invalidServerAddress(let text, let reason):
            return "invalid resolver address '\(text)': \(reason)"
        case .resolverInitializationFailed(let reason):
            return "cannot initialise the resolver: \(reason)"
        case .timedOut(let name, let type, let server, let seconds):
            return "\(name) \(type): no reply from \(server) within \(seconds) s"
        case .unreachable(let name, let type, let server):
            return "\(name) \(type): \(server) refused the connection"
        case .serverFailure(let name, let type, let server):
            return "\(name) \(type): server failure (SERVFAIL) from \(server)"
        case .refused(let name, let type, let server):
            return "\(name) \(type): query refused by \(server)"
        case .unexpectedResponseCode(let name, let type, let code):
            return "\(name) \(type): unexpected response code \(code)"
        case .malformedReply(let name, let type, let reason):
            return "\(name) \(type): malformed reply: \(reason)"
        }
    }
}
