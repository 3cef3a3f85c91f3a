import Foundation

/// Signs a zone file the way an operator would: an ECDSA P-256 KSK and ZSK from
/// `ldns-keygen`, the zone signed by `ldns-signzone` (NSEC).
public struct DNSSECZoneSigner: Sendable {
    /// What signing produced.
    public struct Result: Sendable {
        /// The signed zone file.
        public let signedZoneFile: URL
        /// The KSK's DNSKEY record file (`K<origin>+013+<tag>.key`): the trust anchor.
        public let trustAnchorFile: URL
    }

    /// Where the keys and the signed zone are written.
    public let directory: URL

    /// A signer writing into `directory` (created if needed).
    public init(directory: URL) throws {
        self.directory = directory
        try LabFileSystem.createDirectory(directory)
    }

    /// Makes fresh keys for `origin` and signs `zoneFile`.
    ///
    /// - Parameter expired: sign with a validity period that ended in 2020, so that a
    ///   validating resolver finds every signature bogus.
    public func sign(zoneFile: URL, origin: String, expired: Bool = false, timeout: TimeInterval = 60) throws -> Result {
        try DNSRecord.validateName(origin)
        let ksk = try generateKey(origin: origin, keySigning: true, timeout: timeout)
        let zsk = try generateKey(origin: origin, keySigning: false, timeout: timeout)
        let signed = directory.appendingPathComponent("\(origin).signed")
        var argv = ["ldns-signzone", "-f", signed.path]
        if expired { argv += ["-i", "20200101", "-e", "20200201"] }
        argv += [zoneFile.path, ksk.path, zsk.path]
        try LabCommandRunner.run(argv, timeout: timeout).checked()
        return Result(signedZoneFile: signed, trustAnchorFile: ksk.appendingPathExtension("key"))
    }

    /// Runs `ldns-keygen` in ``directory``; returns the key's base path (without `.key`/`.private`).
    private func generateKey(origin: String, keySigning: Bool, timeout: TimeInterval) throws -> URL {
        // ldns-keygen writes into its working directory and prints the base name.
        let argv = ["ldns-keygen", "-a", "ECDSAP256SHA256"] + (keySigning ? ["-k"] : []) + [origin]
        let result = try LabCommandRunner.run(argv, timeout: timeout, directory: directory).checked()
        let base = result.stdoutText.trimmingCharacters(in: .whitespacesAndNewlines)
        guard base.hasPrefix("K"), !base.contains("/"), !base.contains("\n") else {
            throw LabError.unexpectedOutput(argv: result.argv, output: result.stdoutText)
        }
        return directory.appendingPathComponent(base)
    }
}
