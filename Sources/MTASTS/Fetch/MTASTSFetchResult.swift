/// A policy fetched and parsed.
public struct MTASTSFetchResult: Sendable, Hashable {
    /// The URL it came from.
    public let url: String
    /// The parsed policy.
    public let policy: MTASTSPolicy
    /// The body as received.
    public let body: String

    /// A result with these fields (the fetcher makes them; tests of higher layers may too).
    public init(url: String, policy: MTASTSPolicy, body: String) {
        self.url = url
        self.policy = policy
        self.body = body
    }
}
