/// One finding about how this host is set up for the agent (`tls-policy-agent doctor`
/// prints each as a line): passed, or failed with what to change.
public struct HostCheck: Sendable, Equatable {
    public var passed: Bool
    public var message: String

    public static func ok(_ message: String) -> HostCheck { HostCheck(passed: true, message: message) }
    public static func fail(_ message: String) -> HostCheck { HostCheck(passed: false, message: message) }
}
