/// The `ciphers=` grades Postfix knows (`tls_cipher_grade_table`, case-insensitive).
///
/// The SMTP client does not check the grade when it reads the entry; a bad one
/// fails at the handshake ("Cannot start TLS") and defers mail even at `may`.
public enum CipherGrade: String, Sendable, CaseIterable {
    case high, medium, low, export, null

    public init?(_ text: String) {
        guard let grade = CipherGrade.allCases.first(where: { ASCII.equalsIgnoringCase(text.utf8, $0.rawValue) })
        else { return nil }
        self = grade
    }
}
