/// A machine-readable comment line in a host's overrides file: `#@ NAME ARGUMENTS`.
///
/// Directives stay inside Postfix's comment syntax, so the overrides file is itself a
/// valid Postfix table (postmap reads a directive as a comment), just as the dataset's
/// `#@ dane` marks are.
public enum OverrideDirective: Sendable, Hashable {
    /// `#@ remove KEY`: drop the shared entry for `KEY` (compared case-insensitively).
    case remove(key: PolicyKey)
    /// `#@ dane`: the entry below is rendered `dane-only` in the DANE variant, as in the dataset.
    case annotation(EntryAnnotation)

    /// The directive name that removes a shared entry.
    public static let removeName = "remove"

    /// The directive on `line`, `nil` when the line is not a directive (an ordinary
    /// comment, blank or table line), or the reason it is malformed.
    static func parse(line: String) -> Result<OverrideDirective, MergeProblem.Kind>? {
        let trimmed = line.drop(while: { $0 == " " || $0 == "\t" })
        guard trimmed.hasPrefix(EntryAnnotation.prefix) else { return nil }
        let words = trimmed.dropFirst(EntryAnnotation.prefix.count)
            .split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" })
            .map(String.init)
        guard let name = words.first else { return .failure(.emptyDirective) }
        if name == removeName {
            guard words.count == 2 else { return .failure(.removeNeedsOneKey(found: words.count - 1)) }
            let key = PolicyKey(text: words[1])
            if let problem = key.lookupProblem { return .failure(.removeKeyInvalid(key: words[1], reason: problem)) }
            return .success(.remove(key: key))
        }
        if let annotation = EntryAnnotation(rawValue: name), words.count == 1 {
            return .success(.annotation(annotation))
        }
        return .failure(.unknownDirective(words.joined(separator: " ")))
    }
}
