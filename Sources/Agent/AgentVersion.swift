/// The agent's version: the one place it is written. `--version` prints it,
/// and state records and logs will name it.
enum AgentVersion {
    static let current = "0.1.0"
}
