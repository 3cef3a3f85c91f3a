/// A file system call that failed: which path, which operation, and the system's reason.
public struct DurableFileError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file or directory the operation was on.
    public var path: String
    /// What was being done (`create`, `write`, `fsync`, `rename from …`, `fsync directory`).
    public var operation: String
    /// The system's words for the failure (`strerror`).
    public var reason: String

    public init(path: String, operation: String, reason: String) {
        self.path = path
        self.operation = operation
        self.reason = reason
    }

    public var description: String { "\(path): \(operation) failed: \(reason)" }
}
