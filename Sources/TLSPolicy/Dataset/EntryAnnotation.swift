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

    /// The annotation on a physical comment line (newline excluded), read as a dataset
    /// file's block reads its comment lines: exactly `parse(commentLine:)` of the line
    /// without trailing blanks and indentation. An ASCII line is read as bytes, with no
    /// `String`: the agent reads every `#@ dane` line of a release this way.
    static func parse(commentLineBytes line: ArraySlice<UInt8>) -> Result<EntryAnnotation, UnknownAnnotation>? {
        var text = PolicyFile.withoutTrailingBlanks(line)
        while let first = text.first, first == 0x20 || first == 0x09 { text = text.dropFirst() }
        guard ASCII.isAllASCII(text) else {
            // Foundation trims Unicode spaces from the name; leave that to the String path.
            return parse(commentLine: ASCII.string(text))
        }
        guard text.starts(with: prefix.utf8) else { return nil }
        // `.whitespaces` of an ASCII string: space and tab.
        var name = text.dropFirst(prefix.utf8.count)
        while let first = name.first, first == 0x20 || first == 0x09 { name = name.dropFirst() }
        while let last = name.last, last == 0x20 || last == 0x09 { name = name.dropLast() }
        guard let annotation = allCases.first(where: { $0.rawValue.utf8.elementsEqual(name) }) else {
            return .failure(UnknownAnnotation(name: ASCII.string(name)))
        }
        return .success(annotation)
    }

    public var commentLine: String { "\(EntryAnnotation.prefix) \(rawValue)" }

    /// An annotation name this version does not know.
    public struct UnknownAnnotation: Error, Sendable {
        public var name: String
    }
}
