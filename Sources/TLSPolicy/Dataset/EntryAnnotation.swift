import Foundation

/// A machine-readable comment directly above an entry: `#@ name`.
///
/// Annotations keep every line of a dataset file valid Postfix syntax (Postfix
/// reads them as comments) while recording facts that change how the entry is
/// rendered.
public enum EntryAnnotation: String, Sendable, CaseIterable, Hashable {
    /// The domain's MX hosts publish DNSSEC-validated TLSA records: `render --dane`
    /// writes the entry as `dane-only`. The line itself stays the PKIX policy, which
    /// hosts without a DNSSEC-validating resolver receive.
    case dane

    /// The comment prefix that marks an annotation.
    public static let prefix = "#@"

    /// The annotation on a comment line, `.failure` with the unknown name, or `nil`
    /// when the line is an ordinary comment.
    public static func parse(commentLine: String) -> Result<EntryAnnotation, UnknownAnnotation>? {
        guard commentLine.hasPrefix(prefix) else { return nil }
        let name = commentLine.dropFirst(prefix.count).trimmingCharacters(in: .whitespaces)
        guard let annotation = EntryAnnotation(rawValue: name) else { return .failure(UnknownAnnotation(name: name)) }
        return .success(annotation)
    }

    public var commentLine: String { "\(EntryAnnotation.prefix) \(rawValue)" }

    /// An annotation name this version does not know.
    public struct UnknownAnnotation: Error, Sendable {
        public var name: String
    }
}
