/// Which rules lint applies.
public enum RuleSet: String, Sendable, CaseIterable {
    /// Exactly what the target Postfix rejects (errors), and what it accepts but
    /// fails at the handshake or never matches (warnings).
    case postfix
    /// The postfix rules with warnings raised to errors, plus the shared dataset's own rules.
    case dataset
}
