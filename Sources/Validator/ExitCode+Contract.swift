import ArgumentParser

/// The exit statuses both tools share: 0 success, 1 failure or refusal (`ExitCode.failure`),
/// 2 usage or I/O error.
extension ExitCode {
    /// A usage error (a bad option or argument) or an I/O error (an input that cannot be
    /// read, an output that cannot be written): nothing was judged.
    static let usageOrIOError = ExitCode(2)
}
