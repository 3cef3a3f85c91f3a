import ArgumentParser

/// The exit-code contract both tools share: 0 success, 1 failure or refusal, 2 usage or
/// I/O error (a bad flag, a missing or invalid configuration file).
enum ExitStatus {
    /// The run failed, or the release was refused; the live map is as it was.
    static let failure: Int32 = 1
    /// A bad flag, or a configuration that cannot be read or is invalid.
    static let usage: Int32 = 2
}
