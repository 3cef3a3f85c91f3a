import PolicyDeploy
import TLSPolicy

/// What the host's Postfix says about itself, read once per run with `postconf -c`:
/// the release validity is judged against, whether its SMTP client does DNSSEC, and
/// what the host canary probes with (the SMTP client's CAs, the host's name).
public struct PostfixHostFacts: Sendable {
    var version: PostfixVersion
    /// `smtp_dns_support_level` as postconf prints it (empty when unset).
    var dnsSupportLevel: String
    /// `smtp_tls_CAfile` and `smtp_tls_CApath`; nil when empty.
    var caFile: String? = nil
    var caPath: String? = nil
    /// `myhostname`, the name the SMTP client sends in EHLO.
    var heloName: String = "localhost"
    /// `tls_append_default_CA`: whether Postfix adds OpenSSL's default CAs to its own.
    var appendsDefaultCA = false

    var dnssec: Bool { dnsSupportLevel == "dnssec" }

    static func read(_ tools: PostfixTools) async throws(DeployError) -> PostfixHostFacts {
        // One postconf run for all: a no-op sync should cost almost nothing.
        let values = try await tools.parameters(["mail_version", "smtp_dns_support_level", "smtp_tls_CAfile",
                                                 "smtp_tls_CApath", "myhostname", "tls_append_default_CA"], expanded: true)
        guard let version = PostfixVersion(values[0]) else { throw .unknownPostfixVersion(values[0]) }
        return PostfixHostFacts(version: version, dnsSupportLevel: values[1], caFile: values[2].isEmpty ? nil : values[2],
                                caPath: values[3].isEmpty ? nil : values[3], heloName: values[4].isEmpty ? "localhost" : values[4],
                                appendsDefaultCA: values[5] == "yes")
    }

    /// Lint options for this host.
    var lintOptions: LintOptions {
        LintOptions(rules: .postfix, postfixVersion: version, host: PolicyValueParser.HostContext(dnssec: dnssec))
    }
}
