/// The agent's version: the one place it is written. `--version` prints it, and the
/// inputs digest names it, so that an upgraded agent renders its table anew once.
public enum AgentVersion {
    public static let current = "0.2.0"
}
