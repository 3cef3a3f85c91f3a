import Foundation
import TLSPolicyLab

/// Oracle runs shared by the tests of one process: each table is given to real Postfix once.
final class OracleReportCache: @unchecked Sendable {
    static let shared = OracleReportCache()

    private let lock = NSLock()
    private var results: [String: Result<PolicyOracleReport, any Error>] = [:]

    /// The report for the table at `url` (with the given sender settings), computed on first use.
    func report(for url: URL, senderParameters: [String: String] = [:]) throws -> PolicyOracleReport {
        let data = try LabFileSystem.read(url)
        return try report(table: data, name: url.path, senderParameters: senderParameters)
    }

    /// The report for `table` under `name`, computed on first use; a failed run is remembered too.
    func report(table: Data, name: String, senderParameters: [String: String] = [:]) throws -> PolicyOracleReport {
        let cacheKey = name + "|" + senderParameters.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
        lock.lock()
        defer { lock.unlock() }
        if let cached = results[cacheKey] { return try cached.get() }
        let oracle = PostfixPolicyOracle(configuration: .init(senderParameters: senderParameters))
        let result = Result { try oracle.evaluate(table: table, name: name) }
        results[cacheKey] = result
        return try result.get()
    }
}
