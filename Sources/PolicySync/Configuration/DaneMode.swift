import Foundation

/// Which variant of the table a host gets: `dane-only` for the domains the dataset marks,
/// or their PKIX lines.
public enum DaneMode: String, Sendable, CaseIterable {
    /// From Postfix's `smtp_dns_support_level`: DANE only when it is `dnssec`.
    case auto
    /// Always the DANE variant (the host has a DNSSEC-validating resolver).
    case on
    /// Never: every host without DNSSEC must use this.
    case off

    /// Whether the DANE variant applies, given `smtp_dns_support_level` as postconf prints it.
    public func usesDane(smtpDNSSupportLevel: String) -> Bool {
        switch self {
        case .on: true
        case .off: false
        case .auto: smtpDNSSupportLevel.trimmingCharacters(in: .whitespacesAndNewlines) == "dnssec"
        }
    }
}
