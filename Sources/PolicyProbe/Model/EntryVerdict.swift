/// What a probe concludes about one policy entry.
public enum EntryVerdict: String, Sendable, Hashable, Codable, CaseIterable {
    /// Every MX host that answered satisfies the entry: Postfix would deliver.
    case pass
    /// At least one MX host (a fallback one too) would make Postfix defer the mail.
    case fail
    /// Passes, and a stronger line (see the suggestion) passes too.
    case stronger
    /// No MX host answered (or DNS named none): nothing is known about the entry.
    case unreachable
    /// The key cannot be probed directly (a `.parent` key, a quoted key).
    case unprobeable
}
