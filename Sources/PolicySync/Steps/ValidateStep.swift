import Logging
import TLSPolicy

/// Step 7: the exact bytes about to be deployed, linted with the core library's Postfix
/// rules against the host's Postfix version and DNSSEC support. Any error refuses the
/// release and keeps the deployed map.
///
/// It runs on the rendered table rather than before rendering so that what is checked is
/// what Postfix will read, the DANE variant included.
struct ValidateStep {
    var context: SyncContext

    func run(table: [UInt8], tag: String, host: PostfixHostFacts) throws(ValidateError) {
        let report = Linter(options: host.lintOptions).lint([LintSource(name: "rendered table of \(tag)", bytes: table)])
        let errors = report.diagnostics.filter { $0.severity == .error }
        guard errors.isEmpty else { throw .invalid(errors) }
        context.logger.info("validated", metadata: ["entries": "\(report.entries)", "postfix": "\(host.version)",
                                                   "warnings": "\(report.warningCount)"])
    }
}
