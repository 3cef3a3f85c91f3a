import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A TCP socket listening on an IPv4 loopback address that never accepts: the TCP handshake
/// completes in the backlog, and then nothing ever answers (a client's TLS handshake stalls).
///
/// The socket belongs to the network namespace of the thread that creates it: create it
/// inside ``LabNamespace/withNetworkNamespace(_:)``. Closed by ``close()`` or on release.
public final class SilentTCPListener {
    private var descriptor: Int32

    /// Listens on `address:port` (127.0.0.1 unless given).
    public init(address: String = "127.0.0.1", port: UInt16) throws {
        guard SMTPEndpoint.isLoopbackIPv4(address) else {
            throw LabError.invalidArgument("the silent listener listens on an IPv4 loopback address, not \(address)")
        }
        var socketAddress = sockaddr_in()
        socketAddress.sin_family = sa_family_t(AF_INET)
        socketAddress.sin_port = port.bigEndian
        guard inet_pton(AF_INET, address, &socketAddress.sin_addr) == 1 else {
            throw LabError.invalidArgument("not an IPv4 address: \(address)")
        }
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw POSIXError(.init(rawValue: errno) ?? .EIO) }
        let bound = withUnsafePointer(to: &socketAddress) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(descriptor, 16) == 0 else {
            let code = errno
            Glibc.close(descriptor)
            throw POSIXError(.init(rawValue: code) ?? .EIO)
        }
    }

    /// Stops listening. Idempotent.
    public func close() {
        if descriptor >= 0 { Glibc.close(descriptor) }
        descriptor = -1
    }

    deinit { close() }
}
