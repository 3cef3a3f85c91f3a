import Foundation

/// A throw-away certificate authority made with the `openssl` CLI at test time.
///
/// Keys are EC P-256: small certificates keep handshakes fast (a certificate of a few
/// hundred KB fails every handshake with "excessive message size"). Server certificates
/// are issued with `openssl ca`, which, unlike `openssl x509 -req` in OpenSSL 3.0, takes
/// explicit start and end dates, so expired and not-yet-valid certificates can be made.
public final class TestCertificateAuthority {
    /// Where the CA keeps its key, database and issued certificates.
    public let directory: URL
    /// PEM: the CA certificate (give it to a client as `smtp_tls_CAfile`).
    public let certificateFile: URL
    /// PEM: the CA key.
    public let keyFile: URL
    /// The CA certificate's subject CN.
    public let commonName: String

    private var issued = 0

    /// Creates the CA key and self-signed certificate, valid from an hour ago for `validityDays`.
    public init(directory: URL, commonName: String = "TLSPolicyLab Test CA", validityDays: Int = 30) throws {
        self.directory = directory
        self.commonName = commonName
        self.certificateFile = directory.appendingPathComponent("ca.pem")
        self.keyFile = directory.appendingPathComponent("ca.key")
        try LabFileSystem.createDirectory(directory.appendingPathComponent("issued"))
        try LabFileSystem.write("", to: directory.appendingPathComponent("index.txt"))
        try LabFileSystem.write("1000\n", to: directory.appendingPathComponent("serial"))
        try LabFileSystem.write(caConfiguration, to: directory.appendingPathComponent("ca.cnf"))
        let subject = "/CN=\(commonName)"
        try LabCommandRunner.run([
            "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
            "-keyout", keyFile.path, "-out", certificateFile.path, "-days", "\(validityDays)", "-subj", subject,
            "-addext", "basicConstraints=critical,CA:true", "-addext", "keyUsage=critical,keyCertSign,cRLSign",
        ], timeout: 60).checked()
    }

    private var caConfiguration: String {
        """
        [ ca ]
        default_ca = lab_ca
        [ lab_ca ]
        database = \(directory.path)/index.txt
        new_certs_dir = \(directory.path)/issued
        serial = \(directory.path)/serial
        certificate = \(certificateFile.path)
        private_key = \(keyFile.path)
        default_md = sha256
        policy = lab_policy
        unique_subject = no
        copy_extensions = none
        email_in_dn = no
        [ lab_policy ]
        commonName = supplied

        """
    }

    /// Issues a server certificate for `names` (subjectAltName DNS entries; the first is
    /// also the CN) and `ipAddresses` (subjectAltName IP entries, for clients that connect
    /// to an address literal), valid from `notBefore` to `notAfter`.
    ///
    /// - Parameter fileName: base name of the files written in the CA's directory; defaults to a serial.
    public func issueServerCertificate(names: [String], ipAddresses: [String] = [],
                                       notBefore: Date = Date().addingTimeInterval(-3_600),
                                       notAfter: Date = Date().addingTimeInterval(30 * 86_400),
                                       fileName: String? = nil) throws -> ServerCertificate {
        let first = try Self.validateNames(names)
        for address in ipAddresses where !SMTPEndpoint.isLoopbackIPv4(address) && address != "::1" {
            throw LabError.invalidArgument("the lab's certificates name loopback addresses only, not \(address)")
        }
        issued += 1
        let base = fileName ?? "server-\(issued)"
        let key = directory.appendingPathComponent("\(base).key")
        let csr = directory.appendingPathComponent("\(base).csr")
        let cert = directory.appendingPathComponent("\(base).pem")
        let chain = directory.appendingPathComponent("\(base)-chain.pem")
        let ext = directory.appendingPathComponent("\(base).ext")
        try LabFileSystem.write("""
            [ server ]
            basicConstraints = critical,CA:false
            keyUsage = critical,digitalSignature
            extendedKeyUsage = serverAuth
            subjectAltName = \((names.map { "DNS:\($0)" } + ipAddresses.map { "IP:\($0)" }).joined(separator: ","))

            """, to: ext)
        try LabCommandRunner.run([
            "openssl", "req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
            "-keyout", key.path, "-out", csr.path, "-subj", "/CN=\(first)",
        ], timeout: 60).checked()
        try LabCommandRunner.run([
            "openssl", "ca", "-batch", "-notext", "-config", directory.appendingPathComponent("ca.cnf").path,
            "-in", csr.path, "-out", cert.path,
            "-startdate", Self.asn1Time(notBefore), "-enddate", Self.asn1Time(notAfter),
            "-extfile", ext.path, "-extensions", "server",
        ], timeout: 60).checked()
        var chainData = try LabFileSystem.read(cert)
        chainData.append(try LabFileSystem.read(certificateFile))
        try LabFileSystem.write(chainData, to: chain)
        try FileManager.default.setAttributes([.posixPermissions: Int16(0o600)], ofItemAtPath: key.path)
        return ServerCertificate(names: names, certificateFile: cert, chainFile: chain, keyFile: key, notBefore: notBefore, notAfter: notAfter)
    }

    /// A hashed CA directory holding this CA's certificate alone, made with `openssl rehash`:
    /// what Postfix's `smtp_tls_CApath` and libcurl's `CURLOPT_CAPATH` read.
    public func makeHashedDirectory(at directory: URL) throws -> URL {
        try LabFileSystem.createDirectory(directory)
        try LabFileSystem.write(try LabFileSystem.read(certificateFile), to: directory.appendingPathComponent("lab-ca.pem"))
        try LabCommandRunner.run(["openssl", "rehash", directory.path], timeout: 30).checked()
        return directory
    }

    /// Issues a certificate for `names` that expired `daysAgo` days ago (valid for the 30 days before).
    public func issueExpiredServerCertificate(names: [String], daysAgo: Int = 1, fileName: String? = nil) throws -> ServerCertificate {
        let notAfter = Date().addingTimeInterval(-Double(daysAgo) * 86_400)
        return try issueServerCertificate(names: names, notBefore: notAfter.addingTimeInterval(-30 * 86_400),
                                          notAfter: notAfter, fileName: fileName)
    }

    /// Makes a self-signed server certificate for `names` (no CA involved; the chain file
    /// holds the certificate alone), valid from an hour ago for `validityDays`.
    public func makeSelfSignedCertificate(names: [String], validityDays: Int = 30, fileName: String? = nil) throws -> ServerCertificate {
        let first = try Self.validateNames(names)
        issued += 1
        let base = fileName ?? "self-signed-\(issued)"
        let key = directory.appendingPathComponent("\(base).key")
        let cert = directory.appendingPathComponent("\(base).pem")
        let chain = directory.appendingPathComponent("\(base)-chain.pem")
        let notBefore = Date().addingTimeInterval(-3_600)
        try LabCommandRunner.run([
            "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
            "-keyout", key.path, "-out", cert.path, "-subj", "/CN=\(first)", "-days", "\(validityDays)",
            "-addext", "subjectAltName=\(names.map { "DNS:\($0)" }.joined(separator: ","))",
            "-addext", "basicConstraints=critical,CA:false",
        ], timeout: 60).checked()
        try LabFileSystem.write(try LabFileSystem.read(cert), to: chain)
        try FileManager.default.setAttributes([.posixPermissions: Int16(0o600)], ofItemAtPath: key.path)
        return ServerCertificate(names: names, certificateFile: cert, chainFile: chain, keyFile: key, notBefore: notBefore,
                                 notAfter: notBefore.addingTimeInterval(Double(validityDays) * 86_400 + 3_600))
    }

    /// Checks that there is at least one name and that each is a DNS name (a `*` label
    /// allowed); returns the first, the certificate's CN.
    private static func validateNames(_ names: [String]) throws -> String {
        guard let first = names.first else { throw LabError.invalidArgument("a server certificate needs at least one DNS name") }
        for name in names {
            guard name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-._*".contains($0)) }) else {
                throw LabError.invalidArgument("not a DNS name for a certificate: \(name)")
            }
        }
        return first
    }

    /// `YYYYMMDDHHMMSSZ` in UTC, the form `openssl ca -startdate/-enddate` takes.
    static func asn1Time(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMddHHmmss'Z'"
        return formatter.string(from: date)
    }
}
