/// A problem in the agent's configuration, positioned as `file:line` (line 0 for what
/// the file lacks as a whole, such as a required setting).
public struct ConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong.
    public enum Kind: Sendable, Equatable {
        case unreadable(reason: String)
        case notASetting(text: String)
        case continuationWithoutSetting
        case unknownSetting(name: String)
        case duplicateSetting(name: String, firstLine: Int)
        case emptyValue(name: String)
        case invalidValue(name: String, value: String, reason: String)
        case missingSetting(name: String)
        case missingTrust
        /// A setting that only means something with another transport or setting.
        case inconsistent(reason: String)
    }

    public var file: String
    public var line: Int
    public var kind: Kind

    public init(file: String, line: Int, kind: Kind) {
        self.file = file
        self.line = line
        self.kind = kind
    }

    public var message: String {
        switch kind {
        case .unreadable(let reason): "cannot read the configuration: \(reason)"
        case .notASetting(let text): "expected \"name = value\", found \"\(text)\""
        case .continuationWithoutSetting: "an indented line must continue a setting"
        case .unknownSetting(let name):
            "unknown setting \"\(name)\"; known: " + AgentSetting.allCases.map(\.rawValue).joined(separator: ", ")
        case .duplicateSetting(let name, let firstLine): "\(name) is already set at line \(firstLine)"
        case .emptyValue(let name): "\(name) has an empty value"
        case .invalidValue(let name, let value, let reason): "\(name) = \(value): \(reason)"
        case .missingSetting(let name): "required setting \(name) is missing"
        case .missingTrust:
            "no trusted keys: set \(AgentSetting.sshAllowedSigners.rawValue), \(AgentSetting.openPGPKeyring.rawValue) or both"
        case .inconsistent(let reason): reason
        }
    }

    public var description: String { "\(file):\(line): \(message)" }
}

/// Every problem found in one configuration, in line order: the agent reports them all
/// at once rather than one per run.
public struct ConfigurationErrors: Error, Sendable, CustomStringConvertible {
    public var errors: [ConfigurationError]

    public var description: String { errors.map(\.description).joined(separator: "\n") }
}
