/// What the host canary does with an entry that would defer mail from this host
/// (setting `canary`).
public enum CanaryMode: String, Sendable, CaseIterable {
    /// Probe new and strengthened lines; one that would defer is not enforced yet (a new
    /// key stays out, a changed key keeps its live line) and is retried on every sync.
    case hold
    /// Probe them, deploy everything, and report the lines that would defer.
    case report
    /// Probe nothing.
    case off
}
