/// What one finished external command (postmap, postconf, postfix) left behind.
public struct ToolResult: Sendable {
    /// The command as run (the wrapper included).
    public var argv: [String]
    /// The exit status, or `nil` when a signal ended the command.
    public var exitStatus: Int32?
    public var standardOutput: [UInt8]
    public var standardError: [UInt8]

    public var succeeded: Bool { exitStatus == 0 }
    public var outputText: String { String(decoding: standardOutput, as: UTF8.self) }
    public var errorText: String { String(decoding: standardError, as: UTF8.self) }

    /// `self` when the command exited 0, else ``DeployError/toolFailed(argv:status:stderr:)``.
    func checked() throws(DeployError) -> ToolResult {
        guard succeeded else { throw .toolFailed(argv: argv, status: exitStatus, stderr: errorText) }
        return self
    }
}
