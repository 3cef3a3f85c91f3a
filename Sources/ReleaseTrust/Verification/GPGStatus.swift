/// The status lines `gpgv --status-fd` writes (`[GNUPG:] KEYWORD ARGS`),
/// which are the only reliable verdict: gpgv exits 0 for a good signature by
/// an expired or revoked key.
struct GPGStatus {
    /// Each status line's keyword and arguments, in order.
    let lines: [(keyword: String, arguments: [String])]

    init(_ text: String) {
        lines = text.split(separator: "\n").compactMap { line in
            guard line.hasPrefix("[GNUPG:] ") else { return nil }
            let words = line.dropFirst("[GNUPG:] ".count).split(separator: " ").map(String.init)
            guard let keyword = words.first else { return nil }
            return (keyword, Array(words.dropFirst()))
        }
    }

    /// Keywords that refuse a signature even when gpgv exits 0.
    static let refusing: Set<String> = [
        "EXPKEYSIG", "REVKEYSIG", "EXPSIG", "BADSIG", "ERRSIG", "NO_PUBKEY", "KEYEXPIRED", "KEYREVOKED",
        "SIGEXPIRED", "FAILURE",
    ]

    func contains(_ keyword: String) -> Bool { lines.contains { $0.keyword == keyword } }
    func count(_ keyword: String) -> Int { lines.filter { $0.keyword == keyword }.count }
    func arguments(of keyword: String) -> [String]? { lines.first { $0.keyword == keyword }?.arguments }
    var refusals: [String] { lines.map(\.keyword).filter { Self.refusing.contains($0) } }
}
