/// A run whose host could not reach the SMTP port of (nearly) any address: every GitHub-hosted
/// runner, and many cloud hosts, block outbound port 25. Such a run reports every entry
/// `unreachable`, which reads like "nothing wrong" unless it is called out as what it is.
///
/// A run is blind when at least ``minimumAddresses`` distinct addresses were tried, none of
/// them sent an SMTP greeting, and at least ``minimumConnectFailureShare`` of them failed at
/// the TCP connect itself (refused, unreachable, or timed out). A run where some servers are
/// down but others answer is not blind; nor is a run too small to tell (one entry with one
/// or two addresses), whose entries stay `unreachable` as before.
public struct BlindRunner: Sendable, Hashable, Codable {
    /// Fewer distinct addresses than this cannot tell a blind host from a few dead servers.
    public static let minimumAddresses = 3
    /// The share of tried addresses that must have failed at connect.
    public static let minimumConnectFailureShare = 0.9

    /// Distinct addresses (address and port) a connection was tried to.
    public var addresses: Int
    /// How many of them failed at the TCP connect (refused, unreachable, timed out).
    public var connectFailures: Int
    /// The ports tried, ascending (25 unless a key or `--port` names another).
    public var ports: [Int]
    /// The finding in one line, as the probe prints it and the report refuses the run with.
    public var message: String

    /// Evidence from counts.
    public init(addresses: Int, connectFailures: Int, ports: [Int]) {
        self.addresses = addresses
        self.connectFailures = connectFailures
        self.ports = ports
        let portText = ports.count == 1 ? "port \(ports[0])" : "ports " + ports.map(String.init).joined(separator: ", ")
        message = "this runner cannot reach \(portText): \(connectFailures) of \(addresses) addresses refused or timed out "
            + "at connect and none sent an SMTP greeting; the results say nothing about the entries"
    }

    /// The evidence when the sessions of `entries` show a blind host; nil otherwise.
    public init?(entries: [EntryProbeReport]) {
        struct Seen { var connected = false; var greeted = false }
        var seen: [String: Seen] = [:]
        var ports: Set<Int> = []
        for address in entries.lazy.flatMap(\.mxHosts).flatMap(\.addresses) {
            // Addresses never connected to (DNS-level verdicts, the deadline) say nothing here.
            guard let connected = address.connected else { continue }
            let key = "[\(address.address)]:\(address.port)"
            var state = seen[key, default: Seen()]
            state.connected = state.connected || connected
            state.greeted = state.greeted || address.greeted == true
            seen[key] = state
            ports.insert(address.port)
        }
        let tried = seen.count
        let failures = seen.values.filter { !$0.connected }.count
        guard tried >= Self.minimumAddresses, !seen.values.contains(where: \.greeted),
              Double(failures) >= Self.minimumConnectFailureShare * Double(tried) else { return nil }
        self.init(addresses: tried, connectFailures: failures, ports: ports.sorted())
    }
}
