#if canImport(Glibc)
import Glibc
#endif

/// The one DNS server a ``DNSResolver`` asks, parsed from `ADDRESS[:PORT]`.
///
/// Accepted forms: `127.0.0.1`, `127.0.0.1:5353`, `::1`, `[::1]`, `[::1]:5353`. Host names
/// are refused: resolving the resolver would need a resolver.
public struct DNSServerAddress: Sendable, Hashable, CustomStringConvertible {
    /// The numeric address, without brackets.
    public let host: String
    /// The UDP/TCP port.
    public let port: UInt16
    /// True for an IPv6 address.
    public let isIPv6: Bool

    /// Parses `text`; throws ``DNSError/invalidServerAddress(_:reason:)`` saying what is wrong.
    public init(parsing text: String) throws {
        var host = text
        var portText: String?
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else {
                throw DNSError.invalidServerAddress(text, reason: "'[' without ']'")
            }
            host = String(text[text.index(after: text.startIndex)..<close])
            let rest = text[text.index(after: close)...]
            if !rest.isEmpty {
                guard rest.hasPrefix(":") else { throw DNSError.invalidServerAddress(text, reason: "expected ':PORT' after ']'") }
                portText = String(rest.dropFirst())
            }
        } else if text.filter({ $0 == ":" }).count == 1, let colon = text.firstIndex(of: ":") {
            host = String(text[..<colon])
            portText = String(text[text.index(after: colon)...])
        }
        var port: UInt16 = 53
        if let portText {
            guard let value = UInt16(portText), value > 0 else {
                throw DNSError.invalidServerAddress(text, reason: "port '\(portText)' is not a number from 1 to 65535")
            }
            port = value
        }
        if Self.isNumeric(host, family: AF_INET) {
            isIPv6 = false
        } else if Self.isNumeric(host, family: AF_INET6) {
            isIPv6 = true
        } else {
            throw DNSError.invalidServerAddress(text, reason: "'\(host)' is not a numeric IPv4 or IPv6 address")
        }
        self.host = host
        self.port = port
    }

    /// `host:port`, or `[host]:port` for IPv6.
    public var description: String { isIPv6 ? "[\(host)]:\(port)" : "\(host):\(port)" }

    private static func isNumeric(_ host: String, family: Int32) -> Bool {
        var buffer = [UInt8](repeating: 0, count: 16)
        return inet_pton(family, host, &buffer) == 1
    }

    /// Lends the address as a `sockaddr` of the right family and length.
    func withSocketAddress<T>(_ body: (UnsafePointer<sockaddr>, socklen_t) -> T) -> T {
        if isIPv6 {
            var address = sockaddr_in6()
            address.sin6_family = sa_family_t(AF_INET6)
            address.sin6_port = port.bigEndian
            _ = inet_pton(AF_INET6, host, &address.sin6_addr)
            return withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { body($0, socklen_t(MemoryLayout<sockaddr_in6>.size)) }
            }
        }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        _ = inet_pton(AF_INET, host, &address.sin_addr)
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { body($0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
    }
}
