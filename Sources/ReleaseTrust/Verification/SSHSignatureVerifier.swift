import ExternalCommand
import Foundation
import Logging

/// Verifies SSH tag signatures the way git does, with `ssh-keygen -Y`, but
/// against the current time.
///
/// Like git: `ssh-keygen -Y find-principals` names the principal whose key
/// made the signature in the allowed-signers file, then `ssh-keygen -Y verify
/// -n git -I PRINCIPAL` checks the payload (on stdin). Unlike git, which passes
/// `-Overify-time=` the tagger date (written by the signer, so a retired key
/// passes with a backdated tag), both steps get the current time, so the
/// file's `valid-after`/`valid-before` windows mean what they say. The verdict
/// is the exit status only: ssh-keygen may print `Good "git" signature` and
/// still fail.
public struct SSHSignatureVerifier: SignatureVerifier {
    public var kind: TagSignature.Kind { .ssh }
    /// The allowed-signers file (`ssh-keygen(1)`, ALLOWED SIGNERS).
    public let allowedSignersFile: String
    /// The `ssh-keygen` program.
    public let sshKeygen: String
    private let runner: CommandRunner
    private let logger: Logger

    /// A verifier for the keys in `allowedSignersFile`.
    public init(allowedSignersFile: String, sshKeygen: String = "/usr/bin/ssh-keygen",
                timeout: Duration = .seconds(30), logger: Logger = Logger(label: "ReleaseTrust.SSH")) {
        self.allowedSignersFile = allowedSignersFile
        self.sshKeygen = sshKeygen
        self.runner = CommandRunner(timeout: timeout, outputLimit: 1 << 20)
        self.logger = logger
    }

    public func verify(payload: [UInt8], signature: TagSignature, tag: String, at now: Date) async throws(ReleaseTrustError) -> SignerIdentity {
        guard signature.kind == .ssh else { throw .unsupportedSignature(tag: tag, kind: signature.kind) }
        try TrustFile.requireReadable(allowedSignersFile)
        let file = try SignatureScratchFile(signature.armored)
        let verifyTime = "-Overify-time=\(Self.timestamp(now))"

        let found = try await runner.runVerifyingTool(sshKeygen, ["-Y", "find-principals", "-f", allowedSignersFile, "-s", file.path, verifyTime], input: [])
        let principals = found.stdoutText.split(separator: "\n").map(String.init).filter { !$0.isEmpty }
        guard found.succeeded, let principal = principals.first else {
            throw .signatureRejected(tag: tag, kind: .ssh,
                                     reason: "no principal in \(allowedSignersFile) holds the signing key at this time: \(Self.summary(found.stderrText))")
        }
        let verified = try await runner.runVerifyingTool(
            sshKeygen, ["-Y", "verify", "-n", "git", "-f", allowedSignersFile, "-I", principal, "-s", file.path, verifyTime],
            input: payload)
        guard verified.succeeded else {
            throw .signatureRejected(tag: tag, kind: .ssh,
                                     reason: "ssh-keygen -Y verify failed for \(principal): \(Self.summary(verified.stderrText + verified.stdoutText))")
        }
        logger.debug("SSH signature verified", metadata: ["tag": "\(tag)", "principal": "\(principal)"])
        return SignerIdentity(kind: .ssh, identity: principal)
    }

    /// `YYYYMMDDHHMMSSZ`, the UTC form ssh-keygen's `verify-time` takes.
    static func timestamp(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        func two(_ value: Int?) -> String { String(format: "%02d", value ?? 0) }
        return String(format: "%04d", parts.year ?? 0) + two(parts.month) + two(parts.day)
            + two(parts.hour) + two(parts.minute) + two(parts.second) + "Z"
    }

    static func summary(_ text: String) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? "(no message)" : String(trimmed.prefix(500))
    }
}
