#if canImport(Glibc)
import Glibc
#endif

/// A listening TCP socket on one address; owns the descriptor.
final class ListeningSocket {
    let descriptor: Int32

    /// Binds `address` (IPv4 or IPv6 text) and `port`, with SO_REUSEADDR, and listens.
    init(address: String, port: Int) throws {
        var v4 = in_addr()
        var v6 = in6_addr()
        let family: Int32
        if inet_pton(AF_INET, address, &v4) == 1 {
            family = AF_INET
        } else if inet_pton(AF_INET6, address, &v6) == 1 {
            family = AF_INET6
        } else {
            throw ServerError.invalidListenAddress(address)
        }
        let fd = socket(family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw ServerError.socket(operation: "socket", reason: Self.errnoText()) }
        descriptor = fd
        var one: Int32 = 1
        _ = setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        let networkPort = in_port_t(UInt16(clamping: port).bigEndian)
        let bound: Int32
        if family == AF_INET {
            var sin = sockaddr_in()
            sin.sin_family = sa_family_t(AF_INET)
            sin.sin_port = networkPort
            sin.sin_addr = v4
            bound = withUnsafePointer(to: &sin) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
        } else {
            var sin6 = sockaddr_in6()
            sin6.sin6_family = sa_family_t(AF_INET6)
            sin6.sin6_port = networkPort
            sin6.sin6_addr = v6
            bound = withUnsafePointer(to: &sin6) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in6>.size)) }
            }
        }
        guard bound == 0 else { throw ServerError.socket(operation: "bind \(address):\(port)", reason: Self.errnoText()) }
        // A deep backlog: a benchmark opens hundreds of connections at once.
        guard listen(fd, 1_024) == 0 else { throw ServerError.socket(operation: "listen", reason: Self.errnoText()) }
    }

    deinit { close(descriptor) }

    /// The next connection's descriptor (the caller owns it), retrying on EINTR and ECONNABORTED.
    func accept() throws -> Int32 {
        while true {
            let fd = Glibc.accept(descriptor, nil, nil)
            if fd >= 0 { return fd }
            if errno == EINTR || errno == ECONNABORTED { continue }
            throw ServerError.socket(operation: "accept", reason: Self.errnoText())
        }
    }

    static func errnoText() -> String { String(cString: strerror(errno)) }
}
