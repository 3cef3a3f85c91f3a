/// Every way a probe session can end before its verdict could be "deliver".
///
/// Each case carries what a person needs to understand it without re-running the probe.
public enum ProbeFailure: Error, Sendable, Hashable, Codable, CustomStringConvertible {
    /// The request's address is neither IPv4 nor IPv6 text.
    case invalidAddress(String)
    /// `connect(2)` failed (refused, unreachable, ...).
    case connectFailed(reason: String)
    /// A step's own bound or the overall deadline passed.
    case timedOut(step: ProbeStep, seconds: Double)
    /// The server closed the connection.
    case connectionClosed(step: ProbeStep)
    /// A socket read or write failed.
    case ioFailed(step: ProbeStep, reason: String)
    /// A reply line exceeded the line-length bound.
    case lineTooLong(step: ProbeStep, limit: Int)
    /// A multi-line reply exceeded the line-count bound (an endless EHLO, for one).
    case tooManyReplyLines(step: ProbeStep, limit: Int)
    /// A reply line that is not `DDD[ -]text`.
    case malformedReply(step: ProbeStep, line: String)
    /// The server answered a step with an error code.
    case rejected(step: ProbeStep, code: Int, text: String)
    /// The server did not list STARTTLS in its EHLO reply.
    case starttlsNotOffered
    /// The TLS handshake failed; OpenSSL's error queue, or what the socket said.
    case handshakeFailed(reason: String)

    /// The failure in words.
    public var description: String {
        switch self {
        case .invalidAddress(let text):
            "not an IPv4 or IPv6 address: \(text)"
        case .connectFailed(let reason):
            "connect failed: \(reason)"
        case .timedOut(let step, let seconds):
            "timed out after \(Self.format(seconds)) s at step \(step)"
        case .connectionClosed(let step):
            "lost connection at step \(step)"
        case .ioFailed(let step, let reason):
            "I/O error at step \(step): \(reason)"
        case .lineTooLong(let step, let limit):
            "reply line longer than \(limit) bytes at step \(step)"
        case .tooManyReplyLines(let step, let limit):
            "reply of more than \(limit) lines at step \(step)"
        case .malformedReply(let step, let line):
            "malformed reply at step \(step): \(line.debugDescription)"
        case .rejected(let step, let code, let text):
            "server rejected \(step): \(code) \(text)"
        case .starttlsNotOffered:
            "server did not offer STARTTLS"
        case .handshakeFailed(let reason):
            "TLS handshake failed: \(reason)"
        }
    }

    /// The step this failure happened at.
    public var step: ProbeStep {
        switch self {
        case .invalidAddress, .connectFailed: .connect
        case .timedOut(let step, _), .connectionClosed(let step), .ioFailed(let step, _),
             .lineTooLong(let step, _), .tooManyReplyLines(let step, _), .malformedReply(let step, _),
             .rejected(let step, _, _):
            step
        case .starttlsNotOffered: .ehlo
        case .handshakeFailed: .handshake
        }
    }

    private static func format(_ seconds: Double) -> String {
        let rounded = (seconds * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }
}
