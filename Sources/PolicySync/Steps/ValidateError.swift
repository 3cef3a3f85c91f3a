import TLSPolicy

/// Why the validate step refused the rendered table.
enum ValidateError: SyncStepFailure {
    case invalid([Diagnostic])

    var reason: String { "invalid-table" }

    var description: String {
        switch self {
        case .invalid(let diagnostics):
            (["the table to deploy is not valid for this host's Postfix:"]
                + diagnostics.map { "\($0.file):\($0.line):\($0.column): \($0.severity): \($0.message) [\($0.rule.rawValue)]" })
                .joined(separator: "\n")
        }
    }
}
