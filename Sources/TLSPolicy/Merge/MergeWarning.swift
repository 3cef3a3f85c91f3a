/// An override that the merge applies but a person should know about, positioned in
/// the overrides file.
public struct MergeWarning: Sendable, Hashable, CustomStringConvertible {
    /// Why the override deserves attention.
    public enum Kind: Sendable, Hashable {
        /// The override's level is below the shared entry's (for example `secure` -> `encrypt`).
        case lowerLevel(shared: SecurityLevel, override: SecurityLevel)
        /// A shared `dane-only` entry replaced by anything else.
        case daneOnlyDropped(override: SecurityLevel)
        /// A shared entry marked `#@ dane` replaced without `dane-only` or the mark: the DANE
        /// variant loses it.
        case daneMarkDropped
        /// A shared entry removed: its destination falls back to the host's default level.
        case removed(shared: SecurityLevel)
        /// `#@ remove` of a key the release does not have.
        case removesNothing
        /// A lint warning (handshake or lookup problem) on an override line.
        case lint(message: String, rule: String)
    }

    public var file: String
    /// 1-based line of the override.
    public var line: Int
    /// The key the override applies to.
    public var key: String
    public var kind: Kind

    public init(file: String, line: Int, key: String, kind: Kind) {
        self.file = file
        self.line = line
        self.key = key
        self.kind = kind
    }

    /// True when the override makes delivery to `key` less protected than the release says.
    public var isWeakening: Bool {
        switch kind {
        case .lowerLevel, .daneOnlyDropped, .daneMarkDropped, .removed: true
        case .removesNothing, .lint: false
        }
    }

    public var message: String {
        switch kind {
        case .lowerLevel(let shared, let override):
            "override weakens \(key): \(shared.rawValue) in the release, \(override.rawValue) here"
        case .daneOnlyDropped(let override):
            "override weakens \(key): dane-only in the release, \(override.rawValue) here"
        case .daneMarkDropped:
            "override weakens \(key): the release marks it for DANE (#@ dane); this entry is neither dane-only nor marked"
        case .removed(let shared):
            "override removes \(key) (\(shared.rawValue) in the release): mail falls back to the host's default TLS level"
        case .removesNothing:
            "\"#@ remove \(key)\" matches no entry in the release"
        case .lint(let message, let rule):
            "\(message) [\(rule)]"
        }
    }

    public var description: String { "\(file):\(line): warning: \(message)" }
}
