import Foundation
import PolicyDeploy
import ReleaseTrust

/// The agent's settings, read from `agent.cf` (Postfix's own `name = value` style).
///
/// Strict on purpose: an unknown name, a setting given twice or a bad value is an error
/// with its `file:line`, because a typo that silently fell back to a default could
/// deploy from the wrong repository or trust the wrong keys.
public struct AgentConfiguration: Sendable, Equatable {
    /// Where the agent reads its configuration unless told otherwise.
    public static let defaultPath = "/etc/tls-policy-agent/agent.cf"
    /// Postfix's configuration directory on Debian and most systems.
    public static let defaultPostfixConfigDirectory = "/etc/postfix"
    /// The fetch deadline when `fetch_timeout` is not set.
    public static let defaultFetchTimeout = SettingDuration(seconds: 120)
    /// How far ahead of now a signer's date may lie when `clock_skew_tolerance` is not set.
    public static let defaultClockSkewTolerance = SettingDuration(seconds: 3_600)
    /// How early `status` and `doctor` warn of the deployed release's expiry by default.
    public static let defaultExpiryWarning = SettingDuration(seconds: 7 * 86_400)
    /// The host canary's deadline when `canary_timeout` is not set.
    public static let defaultCanaryTimeout = SettingDuration(seconds: 60)
    /// The host canary's blocking calls at once when `canary_concurrency` is not set.
    public static let defaultCanaryConcurrency = 16

    /// The dataset's repository.
    public var repository: RepositoryURL
    /// Which release tags may be deployed.
    public var pin: TagPin
    /// SSH allowed-signers file (`gpg.format=ssh` tags).
    public var sshAllowedSigners: String?
    /// OpenPGP keyring for `gpgv`.
    public var openPGPKeyring: String?
    /// The private key that authenticates this host to an `ssh://` repository.
    public var sshPrivateKey: String?
    /// The known-hosts file an `ssh://` repository's host key is checked against.
    public var sshKnownHosts: String?
    /// The CA certificates an `https://` repository's certificate is checked against,
    /// instead of the system's.
    public var httpsCAFile: String?
    /// The whole fetch, from name lookup and connect onward, must end within this.
    public var fetchTimeout: SettingDuration
    /// The host's local overrides, if any.
    public var overridesFile: String?
    /// The map the agent installs.
    public var map: MapLocation
    /// Postfix's configuration directory (`postfix -c`).
    public var postfixConfigDirectory: String
    /// The state directory: state file, run lock, Git cache.
    public var stateDirectory: String
    /// Releases older than this are refused, even before their own expiry.
    public var maxReleaseAge: SettingDuration?
    /// How far in the future a tagger date or signature time may lie.
    public var clockSkewTolerance: SettingDuration
    /// `status` and `doctor` warn when the deployed release expires within this.
    public var expiryWarning: SettingDuration
    /// Which table variant to install.
    public var daneMode: DaneMode
    /// What to do when the deployed release expired and no newer valid one exists.
    public var expiryFallback: ExpiryFallback
    /// Prometheus textfile-collector file the agent rewrites after every run, if any.
    public var metricsFile: String?
    /// What the host canary does with a new or strengthened line that would defer mail.
    public var canary: CanaryMode = .hold
    /// The host canary's probe ends within this (no new session starts after it).
    public var canaryTimeout: SettingDuration = AgentConfiguration.defaultCanaryTimeout
    /// DNS lookups and SMTP sessions the host canary runs at once.
    public var canaryConcurrency: Int = AgentConfiguration.defaultCanaryConcurrency
    /// Where the delivery watch reads Postfix's log (``MailLogSetting``).
    public var mailLog: MailLogSetting = .automatic
    /// With `mail_log = journal`: read this journal file (`journalctl --file`) instead of
    /// the system journal. For tests and for a journal copied from elsewhere.
    public var journalFile: String?

    /// The state directory's files.
    public var stateStore: AgentStateStore { AgentStateStore(directory: stateDirectory) }

    /// The directories the agent writes in with this configuration: the map's (it
    /// writes temporaries beside the live map and renames them into place), the state
    /// directory, and the metrics file's. A sandbox must leave each of them writable.
    public var writtenDirectories: [String] {
        [map.directory, stateDirectory] + (metricsFile.map { [($0 as NSString).deletingLastPathComponent] } ?? [])
    }

    /// Reads the file at `path`; `settings` (from command-line flags) override it and are
    /// checked the same way, named `command line` in errors.
    public static func load(path: String, settings: [(name: String, value: String)] = []) throws(ConfigurationErrors) -> AgentConfiguration {
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
    public static func parse(_ text: String, file: String, settings: [(name: String, value: String)] = []) throws(ConfigurationErrors) -> AgentConfiguration {
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
            let sshKey = optional(.sshPrivateKey, parse: AgentConfiguration.absolutePath)
            let knownHosts = optional(.sshKnownHosts, parse: AgentConfiguration.absolutePath)
            let caFile = optional(.httpsCAFile, parse: AgentConfiguration.absolutePath)
            let fetchTimeout = optional(.fetchTimeout) { text -> Result<SettingDuration, ReasonText> in
                SettingDuration.parse(text, defaultUnit: "s").flatMap { duration in
                    duration.seconds <= 3_600 ? .success(duration) : .failure("at most 1h")
                }
            }
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
            let age = optional(.maxReleaseAge) { SettingDuration.parse($0) }
            let skew = optional(.clockSkewTolerance) { SettingDuration.parse($0) }
            let warning = optional(.expiryWarning) { SettingDuration.parse($0) }
            let dane = optional(.daneMode) { AgentConfiguration.keyword($0, DaneMode.self) }
            let fallback = optional(.expiryFallback) { AgentConfiguration.keyword($0, ExpiryFallback.self) }
            let metrics = optional(.metricsFile, parse: AgentConfiguration.absolutePath)
            let canary = optional(.canary) { AgentConfiguration.keyword($0, CanaryMode.self) }
            let canaryTimeout = optional(.canaryTimeout) { text -> Result<SettingDuration, ReasonText> in
                SettingDuration.parse(text, defaultUnit: "s").flatMap { duration in
                    duration.seconds <= 600 ? .success(duration) : .failure("at most 10m: a sync must end in bounded time")
                }
            }
            let canaryConcurrency = optional(.canaryConcurrency) { text -> Result<Int, ReasonText> in
                guard let count = Int(text), (1...256).contains(count) else { return .failure("expected a whole number from 1 to 256") }
                return .success(count)
            }
            let mailLog = optional(.mailLog, parse: MailLogSetting.parse)
            let journalFile = optional(.journalFile, parse: AgentConfiguration.absolutePath)
            if journalFile != nil, mailLog != .journal, let given = values[.journalFile] {
                errors.append(ConfigurationError(file: given.file, line: given.line, kind: .inconsistent(
                    reason: "journal_file is set, but mail_log is not journal")))
            }
            if signers == nil, keyring == nil,
               values[.sshAllowedSigners] == nil, values[.openPGPKeyring] == nil {
                errors.append(ConfigurationError(file: file, line: 0, kind: .missingTrust))
            }
            if let repository {
                checkTransportSettings(repository)
            }
            guard let repository, let pin, let map else { return nil }
            return AgentConfiguration(
                repository: repository, pin: pin, sshAllowedSigners: signers, openPGPKeyring: keyring,
                sshPrivateKey: sshKey, sshKnownHosts: knownHosts, httpsCAFile: caFile,
                fetchTimeout: fetchTimeout ?? AgentConfiguration.defaultFetchTimeout,
                overridesFile: overrides, map: map,
                postfixConfigDirectory: postfix ?? AgentConfiguration.defaultPostfixConfigDirectory,
                stateDirectory: state ?? AgentStateStore.defaultDirectory, maxReleaseAge: age,
                clockSkewTolerance: skew ?? AgentConfiguration.defaultClockSkewTolerance,
                expiryWarning: warning ?? AgentConfiguration.defaultExpiryWarning,
                daneMode: dane ?? .auto, expiryFallback: fallback ?? .keep, metricsFile: metrics,
                canary: canary ?? .hold, canaryTimeout: canaryTimeout ?? AgentConfiguration.defaultCanaryTimeout,
                canaryConcurrency: canaryConcurrency ?? AgentConfiguration.defaultCanaryConcurrency,
                mailLog: mailLog ?? .automatic, journalFile: journalFile)
        }

        /// An ssh remote cannot be used without a key and a host-key check; transport
        /// settings for another transport than the URL's are a mistake worth stopping on.
        private mutating func checkTransportSettings(_ repository: RepositoryURL) {
            let line = values[.repositoryURL].map { ($0.file, $0.line) } ?? (file, 0)
            func inconsistent(_ reason: String) {
                errors.append(ConfigurationError(file: line.0, line: line.1, kind: .inconsistent(reason: reason)))
            }
            let sshSettings = [AgentSetting.sshPrivateKey, .sshKnownHosts]
            switch repository.transport {
            case .ssh:
                for setting in sshSettings where values[setting] == nil {
                    inconsistent("an ssh repository needs \(setting.rawValue) (the host key is checked against "
                        + "\(AgentSetting.sshKnownHosts.rawValue); the agent authenticates with \(AgentSetting.sshPrivateKey.rawValue))")
                }
            case .https, .file:
                for setting in sshSettings where values[setting] != nil {
                    inconsistent("\(setting.rawValue) is set, but repository_url is not an ssh repository")
                }
            }
            if repository.transport != .https, values[.httpsCAFile] != nil {
                inconsistent("https_ca_file is set, but repository_url is not an https repository")
            }
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
