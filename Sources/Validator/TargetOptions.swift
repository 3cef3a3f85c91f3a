import ArgumentParser
import TLSPolicy

/// Which Postfix, and which host configuration, entries are judged against.
struct TargetOptions: ParsableArguments {
    @Option(
        name: .customLong("postfix-version"),
        help: ArgumentHelp(
            "Target Postfix version (X.Y).",
            discussion: "Default: the installed Postfix (postconf -d mail_version), else the dataset's declared minimum."))
    var postfixVersion: String?

    @Flag(
        inversion: .prefixedNo,
        help: ArgumentHelp(
            "Whether the target host does DNSSEC lookups (smtp_dns_support_level = dnssec); without it dane-only is invalid.",
            discussion: "Default: the installed Postfix's setting, else no."))
    var dnssec: Bool?

    @Flag(
        inversion: .prefixedNo,
        help: "Check that tafile= files exist and hold a PEM block on this host, as the SMTP client does.")
    var tafileCheck = true

    /// The Postfix version and host configuration the entries of `inputs` are judged
    /// against: the options, else the installed Postfix, else the dataset's declared minimum.
    func resolve(for inputs: InputFiles) async throws -> (version: PostfixVersion, host: PolicyValueParser.HostContext) {
        let postfix = InstalledPostfix()
        let version = try await resolveVersion(fallback: inputs.dataset?.manifest.minimumPostfixVersion, postfix: postfix)
        return (version, await hostContext(postfix: postfix))
    }

    /// The version to check against; `fallback` is the dataset's declared minimum when there is one.
    private func resolveVersion(fallback: PostfixVersion?, postfix: InstalledPostfix) async throws -> PostfixVersion {
        if let postfixVersion {
            guard let version = PostfixVersion(postfixVersion) else {
                throw ValidationError("--postfix-version must look like 3.7, not '\(postfixVersion)'")
            }
            return version
        }
        if let installed = await postfix.version { return installed }
        if let fallback { return fallback }
        throw ValidationError(
            "cannot tell the target Postfix version: Postfix is not installed and no dataset manifest was found; "
                + "pass --postfix-version X.Y")
    }

    /// The host's DNSSEC setting and tafile check; the installed Postfix is asked only
    /// when `--[no-]dnssec` does not say.
    private func hostContext(postfix: InstalledPostfix) async -> PolicyValueParser.HostContext {
        let dnssec: Bool
        if let given = self.dnssec { dnssec = given } else { dnssec = await postfix.doesDNSSEC }
        return PolicyValueParser.HostContext(
            dnssec: dnssec,
            trustAnchorFileProblem: tafileCheck ? TrustAnchorFile.problem(path:) : nil)
    }
}
