/// What lint checks against.
public struct LintOptions: Sendable {
    public var rules: RuleSet
    /// The Postfix release whose SMTP client decides validity.
    public var postfixVersion: PostfixVersion
    /// Host facts (DNSSEC support, trust-anchor files) that decide validity beyond the grammar.
    public var host: PolicyValueParser.HostContext

    public init(rules: RuleSet, postfixVersion: PostfixVersion,
                host: PolicyValueParser.HostContext = .init()) {
        self.rules = rules
        self.postfixVersion = postfixVersion
        self.host = host
    }
}
