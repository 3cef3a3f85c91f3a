import PolicyDeploy
import TLSPolicy

/// What the host's Postfix says about itself, read once per run with `postconf -c`:
/// the release validity is judged against, and whether its SMTP client does DNSSEC.
struct PostfixHostFacts: Sendable {
    var version: PostfixVersion
    /// `smtp_dns_support_level` as postconf prints it (empty when unset).
    var dnsSupportLevel: String

    var dnssec: Bool { dnsSupportLevel == "dnssec" }

    static func read(_ tools: PostfixTools) async throws(DeployError) -> PostfixHostFacts {
        PostfixHostFacts(version: try await tools.postfixVersion(),
                         dnsSupportLevel: try await tools.parameter("smtp_dns_support_level"))
    }

    /// Lint options for this host.
    var lintOptions: LintOptions {
        LintOptions(rules: .postfix, postfixVersion: version, host: PolicyValueParser.HostContext(dnssec: dnssec))
    }
}
