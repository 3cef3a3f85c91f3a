/// What the agent installs when the newest allowed release has expired.
public enum ExpiryFallback: String, Sendable, CaseIterable {
    /// Keep the deployed map, report the expiry loudly and exit non-zero.
    case keep
    /// Deploy an empty map: opportunistic TLS for everyone, as the EFF list prescribed,
    /// rather than enforcing a policy nobody vouches for any more.
    case empty
}
