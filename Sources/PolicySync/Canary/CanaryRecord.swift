/// The canary's findings of the last sync that probed (state.json's `canary`).
public struct CanaryRecord: Sendable, Codable, Equatable {
    /// `canary = hold`: lines not enforced yet; retried on every sync until they pass.
    public var held: [CanaryFinding] = []
    /// `canary = report`: lines deployed although the probe says they defer mail.
    public var reported: [CanaryFinding] = []
    /// Lines deployed unverified: no MX host answered, or `canary_timeout` passed first.
    public var unverified: Int = 0

    public init(held: [CanaryFinding] = [], reported: [CanaryFinding] = [], unverified: Int = 0) {
        self.held = held
        self.reported = reported
        self.unverified = unverified
    }

    /// Nothing worth keeping.
    var isEmpty: Bool { held.isEmpty && reported.isEmpty && unverified == 0 }
}
