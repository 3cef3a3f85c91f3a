import ExternalCommand
import Foundation
import TLSPolicy

/// What the Postfix installed on this machine says about itself, through `postconf`.
/// Each question is asked when it is first needed, not before.
struct InstalledPostfix {
    /// postconf answers in tens of milliseconds; a few seconds means something is wrong.
    private let runner = CommandRunner(timeout: .seconds(10), outputLimit: 1 << 16)

    /// `mail_version`, when Postfix is installed (its compiled-in default: no main.cf needed).
    var version: PostfixVersion? {
        get async { await postconf(["-d", "-h", "mail_version"]).flatMap(PostfixVersion.init) }
    }

    /// `smtp_dns_support_level = dnssec` in the active main.cf. Without a main.cf there is
    /// nothing to ask (and postconf's fatal error costs a second), so the answer is no.
    var doesDNSSEC: Bool {
        get async {
            guard FileManager.default.fileExists(atPath: "/etc/postfix/main.cf") else { return false }
            return await postconf(["-h", "smtp_dns_support_level"]) == "dnssec"
        }
    }

    /// postconf's one-line answer; nil when Postfix is not installed or does not answer,
    /// in which case the caller's fallback (the dataset's minimum, no DNSSEC) applies.
    private func postconf(_ arguments: [String]) async -> String? {
        guard let result = try? await runner.run("postconf", arguments), result.succeeded else { return nil }
        let text = result.stdoutText.trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? nil : text
    }
}
