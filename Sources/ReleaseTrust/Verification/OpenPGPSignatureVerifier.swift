import ExternalCommand
import Foundation
import Logging

/// Verifies OpenPGP tag signatures with `gpgv --status-fd 1 --keyring FILE
/// SIGNATURE -` (payload on stdin), judging by the status lines.
///
/// Accepted only when gpgv exits 0, reports exactly one signature with both
/// `GOODSIG` and `VALIDSIG`, and reports none of `EXPKEYSIG`, `REVKEYSIG`,
/// `EXPSIG`, `BADSIG`, `ERRSIG`, `NO_PUBKEY` (gpgv exits 0 for a good
/// signature by an expired or revoked key).
public struct OpenPGPSignatureVerifier: SignatureVerifier {
    public var kind: TagSignature.Kind { .openPGP }
    /// The keyring of trusted public keys (as `gpg --export` writes it).
    public let keyring: String
    /// The `gpgv` program.
    public let gpgv: String
    private let runner: CommandRunner
    private let logger: Logger

    /// A verifier for the keys in `keyring` (an absolute path: gpgv reads a
    /// bare name relative to its home directory).
    public init(keyring: String, gpgv: String = "/usr/bin/gpgv", timeout: Duration = .seconds(30),
                logger: Logger = Logger(label: "ReleaseTrust.OpenPGP")) {
        self.keyring = keyring
        self.gpgv = gpgv
        self.runner = CommandRunner(timeout: timeout, outputLimit: 1 << 20)
        self.logger = logger
    }

    public func verify(payload: [UInt8], signature: TagSignature, tag: String, at now: Date) async throws(ReleaseTrustError) -> SignerIdentity {
        guard signature.kind == .openPGP else { throw .unsupportedSignature(tag: tag, kind: signature.kind) }
        try TrustFile.requireReadable(keyring)
        let absolute = URL(fileURLWithPath: keyring).standardizedFileURL.path
        let file = try SignatureScratchFile(signature.armored)
        // gpgv's home is an empty private directory: only the keyring given here is trusted.
        let output = try await runner.runVerifyingTool(
            gpgv, ["--homedir", file.directory.path, "--status-fd", "1", "--keyring", absolute, file.path, "-"],
            input: payload)
        let status = GPGStatus(output.stdoutText)
        let refusals = status.refusals
        guard output.succeeded, refusals.isEmpty, status.count("NEWSIG") <= 1,
              status.count("GOODSIG") == 1, let valid = status.arguments(of: "VALIDSIG"), valid.count >= 10 else {
            let reason = refusals.isEmpty ? "no GOODSIG and VALIDSIG" : refusals.joined(separator: ", ")
            throw .signatureRejected(tag: tag, kind: .openPGP,
                                     reason: "\(reason) (gpgv exit \(output.exitStatus.map(String.init) ?? "signal")): \(SSHSignatureVerifier.summary(output.stderrText))")
        }
        // VALIDSIG's tenth field is the primary key's fingerprint; its third the signature's
        // creation time in seconds since the epoch (or an ISO 8601 form, which is left unread).
        let fingerprint = valid[9]
        let signedAt = Int64(valid[2]).map { Date(timeIntervalSince1970: TimeInterval($0)) }
        logger.debug("OpenPGP signature verified", metadata: ["tag": "\(tag)", "key": "\(fingerprint)"])
        return SignerIdentity(kind: .openPGP, identity: fingerprint, signedAt: signedAt)
    }
}
