import Foundation

/// The comment block at the top of a dataset file that names the provider and
/// the evidence for its entries:
///
///     # Provider: Google
///     # Evidence: csware/postfix-tls-policy tls_policy, generated 2024-05-24
public struct ProviderHeader: Sendable, Equatable {
    public var provider: String
    public var evidence: String
    /// Every header line as written, including the two above.
    public var lines: [String]

    public init(provider: String, evidence: String, notes: [String] = []) {
        self.provider = provider
        self.evidence = evidence
        self.lines = ["# Provider: \(provider)", "# Evidence: \(evidence)"] + notes.map { "# \($0)" }
    }

    /// Reads the header from the file's leading comment lines; `nil` when a field is missing.
    public init?(lines: [String]) {
        func field(_ name: String) -> String? {
            for line in lines {
                let body = line.dropFirst().trimmingCharacters(in: .whitespaces)
                if body.lowercased().hasPrefix(name.lowercased() + ":") {
                    let value = body.dropFirst(name.count + 1).trimmingCharacters(in: .whitespaces)
                    return value.isEmpty ? nil : value
                }
            }
            return nil
        }
        guard let provider = field("Provider"), let evidence = field("Evidence") else { return nil }
        self.provider = provider
        self.evidence = evidence
        self.lines = lines
    }
}
