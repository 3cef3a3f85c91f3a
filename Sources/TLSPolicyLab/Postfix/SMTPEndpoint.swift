/// A loopback address and TCP port on which a lab SMTP server listens.
public struct SMTPEndpoint: Sendable, Hashable, CustomStringConvertible {
    /// An IPv4 address in 127.0.0.0/8 (the namespace has no other).
    public let address: String
    /// TCP port.
    public let port: Int

    /// An endpoint; port 25 unless told otherwise.
    public init(address: String, port: Int = 25) {
        self.address = address
        self.port = port
    }

    /// `address:port`, as master.cf writes a service name.
    public var description: String { "\(address):\(port)" }

    /// True for a dotted-quad IPv4 address in 127.0.0.0/8.
    public static func isLoopbackIPv4(_ text: String) -> Bool {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4, parts.allSatisfy({ !$0.isEmpty && $0.count <= 3 && $0.allSatisfy(\.isASCII) && UInt8($0) != nil }) else { return false }
        return parts[0] == "127"
    }
}
