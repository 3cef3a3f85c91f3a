import Foundation

/// Writes an SSH allowed-signers file (`ssh-keygen(1)`, ALLOWED SIGNERS), as
/// both `git verify-tag` (`gpg.ssh.allowedSignersFile`) and the agent read it.
public enum AllowedSignersFile {
    /// Writes `lines` (from ``SSHSigningKey/allowedSignersLine(principal:validAfter:validBefore:)``)
    /// to `url`, one per line.
    @discardableResult
    public static func write(_ lines: [String], to url: URL) throws -> URL {
        try LabFileSystem.write(lines.map { $0 + "\n" }.joined(), to: url, mode: 0o644)
        return url
    }
}
