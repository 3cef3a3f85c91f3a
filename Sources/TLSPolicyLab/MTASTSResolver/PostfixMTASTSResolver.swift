import Foundation

/// postfix-mta-sts-resolver (Debian package `postfix-mta-sts-resolver`), an MTA-STS
/// implementation no one on this project wrote, run inside a ``LabNamespace`` so that it
/// asks the lab's DNS server (the namespace's resolv.conf) and reaches the lab's HTTPS
/// servers on loopback, beside the project's probe.
///
/// Its `mta-sts-query DOMAIN` prints the resolver's full result (status, id, policy fields);
/// ``MTASTSResolverDaemon`` is its Postfix-facing side (a socketmap answer).
public enum PostfixMTASTSResolver {
    /// The resolver's programs, where the Debian package installs them.
    public static let queryProgram = "/usr/bin/mta-sts-query"
    public static let daemonProgram = "/usr/bin/mta-sts-daemon"
    /// `mta-sts-query` is a setuptools entry-point script for the package's `__main__`;
    /// running that module with Debian's Python is the same tool without pkg_resources'
    /// start-up (measured: 0.42 s instead of 0.52 s a run, and a case table runs it dozens of times).
    static let queryCommand = ["/usr/bin/python3", "-m", "postfix_mta_sts_resolver"]

    /// Nil when the resolver is installed; otherwise why not, in words fit for `XCTSkip`.
    public static var unavailableReason: String? {
        let missing = [queryProgram, daemonProgram].filter { !FileManager.default.isExecutableFile(atPath: $0) }
        return missing.isEmpty ? nil : "postfix-mta-sts-resolver is not installed (\(missing.joined(separator: ", ")); scripts/test installs it)"
    }

    /// The environment prefix (for env(1)) under which the resolver trusts `caFile` alone
    /// (its HTTPS client, aiohttp, uses OpenSSL's default paths, which these variables set)
    /// and ignores any proxy of the caller's environment, so it talks to loopback only.
    static func environment(trusting caFile: URL, emptyDirectory: URL) -> [String] {
        ["env", "-u", "http_proxy", "-u", "https_proxy", "-u", "HTTP_PROXY", "-u", "HTTPS_PROXY", "-u", "all_proxy",
         "-u", "ALL_PROXY", "SSL_CERT_FILE=\(caFile.path)", "SSL_CERT_DIR=\(emptyDirectory.path)"]
    }

    /// Runs `mta-sts-query` for each domain inside `namespace`, `parallel` at a time (one
    /// bounded `xargs -P`), trusting `caFile` only; returns each domain's answer.
    ///
    /// - Parameter timeout: bound for all queries together; the resolver's own bound per
    ///   query is 4 s (DNS and HTTPS each).
    public static func query(_ domains: [String], in namespace: LabNamespace, trusting caFile: URL, parallel: Int = 8,
                             timeout: TimeInterval = 120) throws -> [String: MTASTSQueryAnswer] {
        try domains.forEach(DNSRecord.validateName)
        let directory = namespace.directory.appendingPathComponent("mta-sts-query-\(UUID().uuidString)")
        let empty = directory.appendingPathComponent("no-cas")
        try LabFileSystem.createDirectory(empty)
        // Each query writes DOMAIN.out and DOMAIN.err in the directory; names are DNS names (checked above).
        let script = #"printf '%s\n' "$@" | xargs -P "$PARALLEL" -I{} sh -c '$QUERY "$1" > "$OUT/$1.out" 2> "$OUT/$1.err"' sh {}"#
        let argv = environment(trusting: caFile, emptyDirectory: empty)
            + ["PARALLEL=\(max(1, parallel))", "QUERY=\(queryCommand.joined(separator: " "))", "OUT=\(directory.path)",
               "sh", "-c", script, "sh"] + domains
        try namespace.run(argv, timeout: timeout).checked()
        var answers: [String: MTASTSQueryAnswer] = [:]
        for domain in domains {
            let output = String(decoding: try LabFileSystem.read(directory.appendingPathComponent("\(domain).out")), as: UTF8.self)
            do {
                answers[domain] = try MTASTSQueryAnswer(parsing: output)
            } catch {
                let errors = (try? LabFileSystem.read(directory.appendingPathComponent("\(domain).err"))).map { String(decoding: $0, as: UTF8.self) } ?? ""
                throw LabError.unexpectedOutput(argv: [queryProgram, domain], output: "\(error)\n\(errors)")
            }
        }
        return answers
    }
}
