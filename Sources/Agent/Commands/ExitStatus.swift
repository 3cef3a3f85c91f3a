import ArgumentParser

/// The exit-code contract both tools share: 0 success, 1 failure or refusal, 2 usage or
/// I/O error (a bad flag, a missing or invalid configuration file, a state directory or
/// map directory that cannot be read or written).
enum ExitStatus {
    /// The run failed (the network, Postfix), or the release was refused; the live map is
    /// as it was.
    static let failure: Int32 = 1
    /// A bad flag, a configuration that cannot be read or is invalid, or a local file the
    /// run had to read or write and could not.
    static let usage: Int32 = 2
}
