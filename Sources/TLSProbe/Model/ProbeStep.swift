/// The steps of one probe session, in order; failures and timeouts name the step.
public enum ProbeStep: String, Sendable, Hashable, Codable, CustomStringConvertible {
    case connect
    case banner
    case ehlo
    case starttls
    case handshake
    case ehloAfterTLS = "ehlo-after-tls"
    case quit

    /// The step's name as failures print it.
    public var description: String { rawValue }
}
