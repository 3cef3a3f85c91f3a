/// One reason an overrides file, or the release it is merged with, cannot be used,
/// positioned as `file:line`.
public struct MergeProblem: Sendable, Hashable, CustomStringConvertible {
    /// What is wrong.
    public enum Kind: Error, Sendable, Hashable {
        /// A line lint rejects for the host's Postfix (the message and rule id from lint).
        case invalidEntry(message: String, rule: String)
        /// `#@` with nothing after it.
        case emptyDirective
        /// `#@ remove` takes exactly one key.
        case removeNeedsOneKey(found: Int)
        /// `#@ remove KEY` where no next-hop lookup can produce `KEY`.
        case removeKeyInvalid(key: String, reason: String)
        /// `#@ NAME` that neither the overrides nor the dataset define.
        case unknownDirective(String)
        /// The same key both removed and defined by the overrides.
        case removedAndDefined(key: String, definedAtLine: Int)
        /// The same key removed twice.
        case removedTwice(key: String, firstLine: Int)
        /// A `#@ dane` mark followed by no entry.
        case danglingAnnotation
        /// A key defined in two files of the release (postmap would silently keep one).
        case duplicateSharedKey(key: String, firstFile: String, firstLine: Int)
    }

    public var file: String
    /// 1-based line.
    public var line: Int
    public var kind: Kind

    public init(file: String, line: Int, kind: Kind) {
        self.file = file
        self.line = line
        self.kind = kind
    }

    public var message: String {
        switch kind {
        case .invalidEntry(let message, let rule): "\(message) [\(rule)]"
        case .emptyDirective: "empty directive: expected \"#@ remove KEY\" or \"#@ dane\""
        case .removeNeedsOneKey(let found): "\"#@ remove\" takes exactly one key, found \(found)"
        case .removeKeyInvalid(let key, let reason): "\"#@ remove \(key)\": \(reason)"
        case .unknownDirective(let text): "unknown directive \"#@ \(text)\": expected \"#@ remove KEY\" or \"#@ dane\""
        case .removedAndDefined(let key, let line): "\(key) is removed here and defined at line \(line): keep one"
        case .removedTwice(let key, let line): "\(key) is already removed at line \(line)"
        case .danglingAnnotation: "\"#@ dane\" is not followed by an entry"
        case .duplicateSharedKey(let key, let file, let line): "\(key) is already defined at \(file):\(line)"
        }
    }

    public var description: String { "\(file):\(line): error: \(message)" }
}
