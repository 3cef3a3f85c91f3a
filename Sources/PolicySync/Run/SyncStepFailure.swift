/// A step's own typed error. Every failure names a short machine-readable reason
/// (`unsigned`, `rollback`, `remote-unreachable`, ...) for the metrics file and
/// `sync --format json`.
public protocol SyncStepFailure: Error, Sendable, CustomStringConvertible {
    /// A short label, `[a-z-]+`, saying why the step failed.
    var reason: String { get }
    /// True when the release itself was refused (signature, expiry, rollback, a moved
    /// tag, an invalid table), false when the host or the network failed.
    var isRefusal: Bool { get }
    /// The release tag the failure is about, when the failure itself names one.
    var tag: String? { get }
    /// True when a local file could not be read or written (the state directory, the
    /// overrides, the map's directory): the exit-code contract's I/O error (status 2).
    var isLocalIOError: Bool { get }
}

extension SyncStepFailure {
    public var isRefusal: Bool { false }
    public var tag: String? { nil }
    public var isLocalIOError: Bool { false }
}
