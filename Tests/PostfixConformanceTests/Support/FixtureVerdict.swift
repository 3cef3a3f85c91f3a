/// What a fixture's `# expect VERSION: VERDICT` line says Postfix does with the entry below it.
enum FixtureVerdict: String, CaseIterable {
    /// Accepted when parsed, and nothing known to fail later.
    case valid
    /// The SMTP client refuses the entry ("client TLS configuration problem").
    case invalid
    /// postmap does not store the entry.
    case dropped
    /// Accepted when parsed, but it fails at the handshake or can never match.
    case validWarning = "valid-warning"

    /// True when lint must report an error for such an entry.
    var needsError: Bool { self == .invalid || self == .dropped }
}
