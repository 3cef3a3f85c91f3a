/// Why the agent's installed systemd unit could not be read.
struct ServiceUnitError: Error, Sendable, CustomStringConvertible {
    /// The unit file or drop-in.
    var path: String
    var reason: String

    var description: String { "\(path): \(reason)" }
}
