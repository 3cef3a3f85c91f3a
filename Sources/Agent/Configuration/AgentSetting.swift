/// The names `agent.cf` accepts, in the order the example file documents them.
enum AgentSetting: String, Sendable, CaseIterable {
    case repositoryURL = "repository_url"
    case releaseTag = "release_tag"
    case sshAllowedSigners = "ssh_allowed_signers"
    case openPGPKeyring = "openpgp_keyring"
    case overridesFile = "overrides_file"
    case policyMap = "policy_map"
    case postfixConfigDirectory = "postfix_config_directory"
    case stateDirectory = "state_directory"
    case maxReleaseAge = "max_release_age"
    case daneMode = "dane_mode"
    case expiryFallback = "expiry_fallback"
    case metricsFile = "metrics_file"
}
