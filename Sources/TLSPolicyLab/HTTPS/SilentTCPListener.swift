import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A TCP socket listening on an IPv4 loopback address that never accepts: the TCP handshake
/// completes in the backlog, and then nothing ever answers (a client's TLS handshake stalls).
/// With ``fillBacklog()`` even the handshake never completes: the kernel drops the SYNs of a
/// listener whose accept queue is full, so a client's connect times out as behind a firewall
/// that drops the port.
///
/// The socket belongs to the network namespace of the thread that creates it: create it
/// inside ``LabNamespace/withNetworkNamespace(_:)``. Closed by ``close()`` or on release.
public final class SilentTCPListener {
    private var descriptor: Int32
    private let address: sockaddr_in
    private let backlog: Int32
    /// Connections this listener made to itself to fill its accept queue.
    private var fillers: [Int32] = []

    /// Listens on `address:port` (127.0.0.1 unless given) with `backlog` (listen(2)).
    public init(address: String = "127.0.0.1", port: UInt16, backlog: Int32 = 16) throws {
        guard SMTPEndpoint.isLoopbackIPv4(address) else {
            throw LabError.invalidArgument("the silent listener listens on an IPv4 loopback address, not \(address)")
        }
        var socketAddress = sockaddr_in()
        socketAddress.sin_family = sa_family_t(AF_INET)
        socketAddress.sin_port = port.bigEndian
        guard inet_pton(AF_INET, address, &socketAddress.sin_addr) == 1 else {
            throw LabError.invalidArgument("not an IPv4 address: \(address)")
        }
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw POSIXError(.init(rawValue: errno) ?? .EIO) }
        let bound = withUnsafePointer(to: &socketAddress) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, backlog) == 0 else {
            let code = errno
            Glibc.close(fd)
            throw POSIXError(.init(rawValue: code) ?? .EIO)
        }
        descriptor = fd
        self.address = socketAddress
        self.backlog = backlog
    }

    /// Connects to the listener until its accept queue is full (Linux queues `backlog + 1`
    /// connections), so that every later client's SYN is dropped and its connect times out.
    /// Call it on a thread in the listener's namespace; the connections close with ``close()``.
    public func fillBacklog() throws {
        var target = address
        for _ in 0...Int(backlog) {
            let client = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            guard client >= 0 else { throw POSIXError(.init(rawValue: errno) ?? .EIO) }
            fillers.append(client)
            // Loopback: the handshake completes at once while the queue has room.
            let connected = withUnsafePointer(to: &target) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(client, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            guard connected == 0 else { throw POSIXError(.init(rawValue: errno) ?? .EIO) }
        }
    }

    /// Stops listening and closes the filling connections. Idempotent.
    public func close() {
        for client in fillers { Glibc.close(client) }
        fillers = []
        if descriptor >= 0 { Glibc.close(descriptor) }
        descriptor = -1
    }

    deinit { close() }
}
