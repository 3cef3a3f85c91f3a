/// What a verifying tool left: how it ended and what it printed.
struct ToolOutput: Sendable {
    /// The exit status, or nil when a signal ended the tool.
    let exitStatus: Int32?
    let standardOutput: [UInt8]
    let standardError: [UInt8]

    var succeeded: Bool { exitStatus == 0 }
    var stdoutText: String { String(decoding: standardOutput, as: UTF8.self) }
    var stderrText: String { String(decoding: standardError, as: UTF8.self) }
}
