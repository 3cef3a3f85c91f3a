import PolicyDeploy
import TLSPolicy

/// What the host's Postfix says about itself, read once per run with `postconf -c`:
/// the release validity is judged against, and whether its SMTP client does DNSSEC.
public struct PostfixHostFacts: Sendable {
    var version: PostfixVersion
    /// `smtp_dns_support_level` as postconf prints it (empty when unset).
    var dnsSupportLevel: String

    var dnssec: Bool { dnsSupportLevel == "dnssec" }

    static func read(_ tools: PostfixTools) async throws(DeployError) -> PostfixHostFacts {
        // One postconf run for both: a no-op sync should cost almost nothing.
        let values = try await tools.parameters(["mail_version", "smtp_dns_support_level"])
        guard let version = PostfixVersion(values[0]) else { throw .unknownPostfixVersion(values[0]) }
        return PostfixHostFacts(version: version, dnsSupportLevel: values[1])
    }

    /// Lint options for this host.
    var lintOptions: LintOptions {
        LintOptions(rules: .postfix, postfixVersion: version, host: PolicyValueParser.HostContext(dnssec: dnssec))
    }
}
