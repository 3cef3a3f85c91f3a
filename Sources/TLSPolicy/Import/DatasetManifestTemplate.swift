/// The text of a new `policy/dataset.cf`, with a comment that says what the setting
/// decides, so that whoever changes it knows what they change.
public enum DatasetManifestTemplate {
    /// The manifest text declaring `minimumPostfixVersion`, ending in a newline.
    public static func text(minimumPostfixVersion: PostfixVersion) -> String {
        """
        # Settings of the shared Postfix TLS policy dataset, read by tls-policy-validator
        # (lint, render, import) and tls-policy-agent.
        #
        # minimum_postfix_version: the oldest Postfix whose SMTP client must accept every
        # entry. A level or attribute that a host's Postfix does not know makes the entry
        # invalid there, and an invalid entry defers all mail to that destination, so lint
        # checks every entry against this version as well as the one it targets.
        # Debian 11 and RHEL 8/9 ship Postfix 3.5, Ubuntu 22.04 3.6, Debian 12 3.7.
        # servername= and connection_reuse= need 3.4, enable_rpk= 3.9, { name = value }
        # groups and policy_* 3.10. Raise it only when every supported host runs the newer one.
        minimum_postfix_version = \(minimumPostfixVersion)

        """
    }
}
