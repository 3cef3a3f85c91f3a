/// A step's own typed error. Every failure names a short machine-readable reason
/// (`unsigned`, `rollback`, `remote-unreachable`, ...) for the metrics file.
protocol SyncStepFailure: Error, Sendable, CustomStringConvertible {
    /// A short label, `[a-z-]+`, saying why the step failed.
    var reason: String { get }
}
