import Foundation
import PolicyDeploy
import ReleaseTrust

/// The agent's settings, read from `agent.cf` (Postfix's own `name = value` style).
///
/// Strict on purpose: an unknown name, a setting given twice or a bad value is an error
/// with its `file:line`, because a typo that silently fell back to a default could
/// deploy from the wrong repository or trust the wrong keys.
struct AgentConfiguration: Sendable, Equatable {
    static let defaultPath = "/etc/tls-policy-agent/agent.cf"
    static let defaultPostfixConfigDirectory = "/etc/postfix"

    var repository: RepositoryURL
    var pin: TagPin
    /// SSH allowed-signers file (`gpg.format=ssh` tags).
    var sshAllowedSigners: String?
    /// OpenPGP keyring for `gpgv`.
    var openPGPKeyring: String?
    /// The host's local overrides, if any.
    var overridesFile: String?
    /// The map the agent installs.
    var map: MapLocation
    var postfixConfigDirectory: String
    var stateDirectory: String
    /// Releases older than this are refused, even before their own expiry.
    var maxReleaseAge: ReleaseAge?
    var daneMode: DaneMode
    var expiryFallback: ExpiryFallback
    /// Prometheus textfile-collector file the agent rewrites after every run, if any.
    var metricsFile: String?

    /// Reads the file at `path`; `settings` (from command-line flags) override it and are
    /// checked the same way, named `command line` in errors.
    static func load(path: String, settings: [(name: String, value: String)] = []) throws(ConfigurationErrors) -> AgentConfiguration {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw ConfigurationErrors(errors: [ConfigurationError(file: path, line: 0,
                                                                   kind: .unreadable(reason: error.localizedDescription))])
        }
        return try parse(text, file: path, settings: settings)
    }

    /// Parses configuration text.
    static func parse(_ text: String, file: String, settings: [(name: String, value: String)] = []) throws(ConfigurationErrors) -> AgentConfiguration {
        let (lines, readErrors) = ConfigurationLine.read(text, file: file)
        var errors = readErrors
        var values: [AgentSetting: (value: String, file: String, line: Int)] = [:]
        for line in lines {
            guard let setting = AgentSetting(rawValue: line.name) else {
                errors.append(ConfigurationError(file: file, line: line.line, kind: .unknownSetting(name: line.name)))
                continue
            }
            if let first = values[setting] {
                errors.append(ConfigurationError(file: file, line: line.line,
                                                 kind: .duplicateSetting(name: line.name, firstLine: first.line)))
                continue
            }
            values[setting] = (line.value, file, line.line)
        }
        for (index, flag) in settings.enumerated() {
            guard let setting = AgentSetting(rawValue: flag.name) else {
                errors.append(ConfigurationError(file: "command line", line: index + 1, kind: .unknownSetting(name: flag.name)))
                continue
            }
            values[setting] = (flag.value, "command line", index + 1)
        }

        var builder = Builder(values: values, file: file)
        let configuration = builder.build()
        errors += builder.errors
        guard let configuration, errors.isEmpty else {
            throw ConfigurationErrors(errors: errors.sorted { ($0.file, $0.line) < ($1.file, $1.line) })
        }
        return configuration
    }

    /// Turns raw values into typed settings, collecting every error.
    private struct Builder {
        var values: [AgentSetting: (value: String, file: String, line: Int)]
        var file: String
        var errors: [ConfigurationError] = []

        mutating func build() -> AgentConfiguration? {
            let repository = required(.repositoryURL) { RepositoryURL.parse($0) }
            let pin = required(.releaseTag) { text -> Result<TagPin, ReasonText> in
                TagPin.problem(in: text).map { .failure(ReasonText($0)) } ?? .success(TagPin(text))
            }
            let signers = optional(.sshAllowedSigners, parse: AgentConfiguration.absolutePath)
            let keyring = optional(.openPGPKeyring, parse: AgentConfiguration.absolutePath)
            let overrides = optional(.overridesFile, parse: AgentConfiguration.absolutePath)
            let map = required(.policyMap) { text -> Result<MapLocation, ReasonText> in
                do {
                    return .success(try MapLocation(parsing: text))
                } catch {
                    return .failure(ReasonText("\(error)"))
                }
            }
            let postfix = optional(.postfixConfigDirectory, parse: AgentConfiguration.absolutePath)
            let state = optional(.stateDirectory, parse: AgentConfiguration.absolutePath)
            let age = optional(.maxReleaseAge) { ReleaseAge.parse($0) }
            let dane = optional(.daneMode) { AgentConfiguration.keyword($0, DaneMode.self) }
            let fallback = optional(.expiryFallback) { AgentConfiguration.keyword($0, ExpiryFallback.self) }
            let metrics = optional(.metricsFile, parse: AgentConfiguration.absolutePath)
            if signers == nil, keyring == nil,
               values[.sshAllowedSigners] == nil, values[.openPGPKeyring] == nil {
                errors.append(ConfigurationError(file: file, line: 0, kind: .missingTrust))
            }
            guard let repository, let pin, let map else { return nil }
            return AgentConfiguration(
                repository: repository, pin: pin, sshAllowedSigners: signers, openPGPKeyring: keyring,
                overridesFile: overrides, map: map,
                postfixConfigDirectory: postfix ?? AgentConfiguration.defaultPostfixConfigDirectory,
                stateDirectory: state ?? StateStore.defaultDirectory, maxReleaseAge: age,
                daneMode: dane ?? .auto, expiryFallback: fallback ?? .keep, metricsFile: metrics)
        }

        private mutating func required<T>(_ setting: AgentSetting, parse: (String) -> Result<T, ReasonText>) -> T? {
            guard values[setting] != nil else {
                errors.append(ConfigurationError(file: file, line: 0, kind: .missingSetting(name: setting.rawValue)))
                return nil
            }
            return optional(setting, parse: parse)
        }

        private mutating func optional<T>(_ setting: AgentSetting, parse: (String) -> Result<T, ReasonText>) -> T? {
            guard let given = values[setting] else { return nil }
            guard !given.value.isEmpty else {
                errors.append(ConfigurationError(file: given.file, line: given.line, kind: .emptyValue(name: setting.rawValue)))
                return nil
            }
            switch parse(given.value) {
            case .success(let value):
                return value
            case .failure(let reason):
                errors.append(ConfigurationError(file: given.file, line: given.line,
                                                 kind: .invalidValue(name: setting.rawValue, value: given.value, reason: reason.text)))
                return nil
            }
        }
    }

    private static func absolutePath(_ text: String) -> Result<String, ReasonText> {
        guard text.hasPrefix("/") else { return .failure("must be an absolute path") }
        guard !text.contains(where: { $0 == " " || $0 == "\t" }) else { return .failure("a path with whitespace is not supported") }
        return .success(text)
    }

    private static func keyword<T: RawRepresentable & CaseIterable>(_ text: String, _ type: T.Type) -> Result<T, ReasonText>
    where T.RawValue == String {
        guard let value = T(rawValue: text) else {
            return .failure(ReasonText("expected one of " + T.allCases.map(\.rawValue).joined(separator: ", ")))
        }
        return .success(value)
    }
}
