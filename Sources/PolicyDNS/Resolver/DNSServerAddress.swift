#if canImport(Glibc)
import Glibc
#endif

/// The one DNS server a ``DNSResolver`` asks, parsed from `ADDRESS[:PORT]`.
///
/// Accepted forms: `127.0.0.1`, `127.0.0.1:5353`. Host names are refused (resolving the
/// resolver would need a resolver), and so are IPv6 addresses: the resolver library's
/// public interface names one server by an IPv4 `sockaddr_in` (`nsaddr_list`), and its
/// IPv6 server list is glibc's private state. IPv6 servers work when /etc/resolv.conf
/// names them (no `--resolver`).
public struct DNSServerAddress: Sendable, Hashable, CustomStringConvertible {
    /// The numeric address, without brackets.
    public let host: String
    /// The UDP/TCP port.
    public let port: UInt16

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
        if Self.isNumeric(host, family: AF_INET6) {
            throw DNSError.invalidServerAddress(
                text, reason: "an IPv6 server cannot be named here (the resolver library's public interface holds "
                    + "IPv4 servers only); give an IPv4 address, or name it in /etc/resolv.conf and omit the option")
        }
        guard Self.isNumeric(host, family: AF_INET) else {
            throw DNSError.invalidServerAddress(text, reason: "'\(host)' is not a numeric IPv4 address")
        }
        self.host = host
        self.port = port
    }

    /// `host:port`.
    public var description: String { "\(host):\(port)" }

    private static func isNumeric(_ host: String, family: Int32) -> Bool {
        var buffer = [UInt8](repeating: 0, count: 16)
        return inet_pton(family, host, &buffer) == 1
    }

    /// The address as the resolver library takes it.
    var socketAddress: sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        _ = inet_pton(AF_INET, host, &address.sin_addr)
        return address
    }
}
