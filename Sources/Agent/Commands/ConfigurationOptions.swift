import ArgumentParser
import PolicySync

/// `--config FILE` and one flag per `agent.cf` setting; a flag overrides the file's value
/// and is checked the same way (errors name "command line").
struct ConfigurationOptions: ParsableArguments {
    @Option(name: .long, help: "The agent's configuration file.")
    var config: String = AgentConfiguration.defaultPath

    @Option(name: .customLong("repository-url"), help: "Setting repository_url.")
    var repositoryURL: String?
    @Option(name: .customLong("release-tag"), help: "Setting release_tag (an exact tag or a pattern such as v*).")
    var releaseTag: String?
    @Option(name: .customLong("ssh-allowed-signers"), help: "Setting ssh_allowed_signers.")
    var sshAllowedSigners: String?
    @Option(name: .customLong("openpgp-keyring"), help: "Setting openpgp_keyring.")
    var openPGPKeyring: String?
    @Option(name: .customLong("ssh-private-key"), help: "Setting ssh_private_key (for an ssh repository).")
    var sshPrivateKey: String?
    @Option(name: .customLong("ssh-known-hosts"), help: "Setting ssh_known_hosts (for an ssh repository).")
    var sshKnownHosts: String?
    @Option(name: .customLong("https-ca-file"), help: "Setting https_ca_file (for an https repository).")
    var httpsCAFile: String?
    @Option(name: .customLong("fetch-timeout"), help: "Setting fetch_timeout (for example 120s; a bare number is seconds).")
    var fetchTimeout: String?
    @Option(name: .customLong("overrides-file"), help: "Setting overrides_file.")
    var overridesFile: String?
    @Option(name: .customLong("policy-map"), help: "Setting policy_map, TYPE:PATH.")
    var policyMap: String?
    @Option(name: .customLong("postfix-config-directory"), help: "Setting postfix_config_directory.")
    var postfixConfigDirectory: String?
    @Option(name: .customLong("state-directory"), help: "Setting state_directory.")
    var stateDirectory: String?
    @Option(name: .customLong("max-release-age"), help: "Setting max_release_age (for example 90d).")
    var maxReleaseAge: String?
    @Option(name: .customLong("clock-skew-tolerance"), help: "Setting clock_skew_tolerance (for example 1h).")
    var clockSkewTolerance: String?
    @Option(name: .customLong("expiry-warning"), help: "Setting expiry_warning (for example 7d).")
    var expiryWarning: String?
    @Option(name: .customLong("dane-mode"), help: "Setting dane_mode: auto, on or off.")
    var daneMode: String?
    @Option(name: .customLong("expiry-fallback"), help: "Setting expiry_fallback: keep or empty.")
    var expiryFallback: String?
    @Option(name: .customLong("metrics-file"), help: "Setting metrics_file.")
    var metricsFile: String?
    @Option(name: .customLong("canary"), help: "Setting canary: hold, report or off (probe new and strengthened lines from this host before enforcing them).")
    var canary: String?
    @Option(name: .customLong("canary-timeout"), help: "Setting canary_timeout (for example 60s; a bare number is seconds).")
    var canaryTimeout: String?
    @Option(name: .customLong("canary-concurrency"), help: "Setting canary_concurrency (lookups and sessions at once).")
    var canaryConcurrency: String?
    @Option(name: .customLong("mail-log"), help: "Setting mail_log: a log file, journal or off.")
    var mailLog: String?
    @Option(name: .customLong("journal-file"), help: "Setting journal_file (tests: a journal file instead of the system journal).")
    var journalFile: String?

    /// The flags given, as `agent.cf` names them, in the order the settings are documented.
    var settings: [(name: String, value: String)] {
        let given: [(AgentSetting, String?)] = [
            (.repositoryURL, repositoryURL), (.releaseTag, releaseTag), (.sshAllowedSigners, sshAllowedSigners),
            (.openPGPKeyring, openPGPKeyring), (.sshPrivateKey, sshPrivateKey), (.sshKnownHosts, sshKnownHosts),
            (.httpsCAFile, httpsCAFile), (.fetchTimeout, fetchTimeout), (.overridesFile, overridesFile),
            (.policyMap, policyMap), (.postfixConfigDirectory, postfixConfigDirectory), (.stateDirectory, stateDirectory),
            (.maxReleaseAge, maxReleaseAge), (.clockSkewTolerance, clockSkewTolerance), (.expiryWarning, expiryWarning),
            (.daneMode, daneMode), (.expiryFallback, expiryFallback), (.metricsFile, metricsFile),
            (.canary, canary), (.canaryTimeout, canaryTimeout), (.canaryConcurrency, canaryConcurrency),
            (.mailLog, mailLog), (.journalFile, journalFile),
        ]
        return given.compactMap { setting, value in value.map { (setting.rawValue, $0) } }
    }

    /// The configuration file with the flags applied; on error, every problem is printed
    /// as `file:line: message` and the command exits with status 2 (see ``ExitStatus``).
    func load() throws(CommandFailure) -> AgentConfiguration {
        do {
            return try AgentConfiguration.load(path: config, settings: settings)
        } catch {
            throw .usage(error.description)
        }
    }
}
