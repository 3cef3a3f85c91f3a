import Foundation

/// A server certificate issued by a ``TestCertificateAuthority``, with its key, as files.
public struct ServerCertificate: Sendable {
    /// The DNS names in subjectAltName (the first is also the CN).
    public let names: [String]
    /// PEM: the leaf certificate alone.
    public let certificateFile: URL
    /// PEM: the leaf followed by the CA certificate (what a server sends).
    public let chainFile: URL
    /// PEM: the EC P-256 private key.
    public let keyFile: URL
    /// Start of the validity period.
    public let notBefore: Date
    /// End of the validity period.
    public let notAfter: Date

    /// Describes certificate files that already exist (normally made by ``TestCertificateAuthority``).
    public init(names: [String], certificateFile: URL, chainFile: URL, keyFile: URL, notBefore: Date, notAfter: Date) {
        self.names = names
        self.certificateFile = certificateFile
        self.chainFile = chainFile
        self.keyFile = keyFile
        self.notBefore = notBefore
        self.notAfter = notAfter
    }

    /// SHA-256 of the DER certificate, as upper-case hex with colons (Postfix's
    /// `fingerprint` `match=` form with `smtp_tls_fingerprint_digest = sha256`).
    public func certificateSHA256() throws -> String {
        let result = try LabCommandRunner.run(["openssl", "x509", "-in", certificateFile.path, "-noout", "-fingerprint", "-sha256"], timeout: 30).checked()
        // "sha256 Fingerprint=AB:CD:..." (the prefix's case varies between OpenSSL versions)
        guard let value = result.stdoutText.split(separator: "=", maxSplits: 1).last else {
            throw LabError.unexpectedOutput(argv: result.argv, output: result.stdoutText)
        }
        return value.trimmingCharacters(in: .whitespacesAndNewlines).uppercased()
    }

    /// SHA-256 of the DER SubjectPublicKeyInfo, upper-case hex with colons (Postfix accepts
    /// a public-key digest in the same `match=` list).
    public func publicKeySHA256() throws -> String {
        let pubkey = try LabCommandRunner.run(["openssl", "x509", "-in", certificateFile.path, "-noout", "-pubkey"], timeout: 30).checked()
        let der = try LabCommandRunner.run(["openssl", "pkey", "-pubin", "-outform", "DER"], input: Data(pubkey.stdout), timeout: 30).checked()
        let digest = try LabCommandRunner.run(["openssl", "dgst", "-sha256", "-hex"], input: Data(der.stdout), timeout: 30).checked()
        guard let hex = digest.stdoutText.split(separator: "=").last?.trimmingCharacters(in: .whitespacesAndNewlines), hex.count == 64 else {
            throw LabError.unexpectedOutput(argv: digest.argv, output: digest.stdoutText)
        }
        var pairs: [String] = []
        var index = hex.startIndex
        while index < hex.endIndex {
            let next = hex.index(index, offsetBy: 2)
            pairs.append(String(hex[index..<next]))
            index = next
        }
        return pairs.joined(separator: ":").uppercased()
    }
}
