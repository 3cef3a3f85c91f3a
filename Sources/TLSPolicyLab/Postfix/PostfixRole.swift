/// What a lab Postfix instance is for.
public enum PostfixRole: Sendable {
    /// Sends mail: no SMTP listener; its SMTP client is what tests observe.
    case sender
    /// A sink: smtpd on each endpoint (with STARTTLS when a certificate is given) and a
    /// `discard` transport for everything it accepts.
    case receiver(endpoints: [SMTPEndpoint], certificate: ServerCertificate?)
}
