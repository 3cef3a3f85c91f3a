/// Why the agent's state directory could not be used.
public enum StateError: Error, Sendable, CustomStringConvertible {
    /// The state file exists but cannot be read or decoded.
    case unreadable(path: String, reason: String)
    /// A state, lock or metrics file cannot be written.
    case unwritable(path: String, reason: String)
    /// Another run holds the lock for longer than the wait allows.
    case lockTimeout(path: String, seconds: Double)

    /// True for a file that cannot be read or written; false for a lock another run holds.
    public var isLocalIOError: Bool {
        if case .lockTimeout = self { return false }
        return true
    }

    public var description: String {
        switch self {
        case .unreadable(let path, let reason): "\(path): cannot read the agent state: \(reason)"
        case .unwritable(let path, let reason): "\(path): cannot write: \(reason)"
        case .lockTimeout(let path, let seconds): "another run holds \(path); gave up after \(seconds) s"
        }
    }
}
