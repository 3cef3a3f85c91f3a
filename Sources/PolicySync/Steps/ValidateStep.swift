import Logging
import TLSPolicy

/// Step 7: the bytes about to be deployed, checked with the core library's Postfix rules
/// against the host's Postfix version and DNSSEC support. Any error refuses the release
/// and keeps the deployed map.
///
/// It runs on the rendered table rather than before rendering so that what is checked is
/// what Postfix will read, the DANE variant included. It does not lint every line again:
/// the merge linted every entry of the release and the overrides with these same rules,
/// and the renderer copies those bytes (keys folded); what it lints is every line whose
/// bytes were not linted that way, the header, the `dane-only` of the DANE variant and any
/// value the renderer rewrote into canonical form (see ``RenderedTable``). When the host's
/// rules are not those the merge used, the whole table is linted.
struct ValidateStep {
    var context: SyncContext

    func run(table: RenderedTable, tag: String, host: PostfixHostFacts) throws(ValidateError) {
        let diagnostics = table.validate(options: host.lintOptions, name: "rendered table of \(tag)")
        let errors = diagnostics.filter { $0.severity == .error }
        guard errors.isEmpty else { throw .invalid(errors) }
        context.logger.info("validated", metadata: ["entries": "\(table.entryCount)", "postfix": "\(host.version)",
                                                   "linted_lines": "\(table.checkedLineCount)"])
    }
}
