/// Why the agent's installed systemd unit could not be read.
public struct ServiceUnitError: Error, Sendable, CustomStringConvertible {
    /// The unit file or drop-in.
    public var path: String
    public var reason: String

    public var description: String { "\(path): \(reason)" }
}
