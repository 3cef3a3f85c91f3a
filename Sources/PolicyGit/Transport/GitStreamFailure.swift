/// Why PolicyGit's socket stream failed; its text becomes libgit2's error
/// message for the failed call, so it names the host and the step.
enum GitStreamFailure: Error, CustomStringConvertible {
    /// The name did not resolve.
    case resolution(host: String, reason: String)
    /// The fetch deadline passed during `step` (resolving, connecting, ...).
    case deadlinePassed(host: String, port: String, step: String)
    /// No address of the host accepted the connection.
    case connection(host: String, port: String, reason: String)
    /// A system call on the connected socket failed.
    case io(host: String, port: String, operation: String, reason: String)

    var description: String {
        switch self {
        case .resolution(let host, let reason):
            return "cannot resolve \(host): \(reason)"
        case .deadlinePassed(let host, let port, let step):
            return "the fetch deadline passed while \(step) \(host) port \(port)"
        case .connection(let host, let port, let reason):
            return "cannot connect to \(host) port \(port): \(reason)"
        case .io(let host, let port, let operation, let reason):
            return "\(operation) \(host) port \(port) failed: \(reason)"
        }
    }
}
