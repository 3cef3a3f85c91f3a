import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Answers UDP queries on 127.0.0.1 with the query's header and question, ANCOUNT 3, and
/// `trailer`. Runs on its own thread until ``stop()``; every receive waits at most 200 ms.
final class HostileResponder: @unchecked Sendable {
    private let descriptor: Int32
    private let trailer: [UInt8]
    private let lock = NSLock()
    private var stopped = false
    private var count = 0
    private let finished = DispatchSemaphore(value: 0)

    init(port: UInt16, trailer: [UInt8]) throws {
        self.trailer = trailer
        descriptor = socket(AF_INET, Int32(SOCK_DGRAM.rawValue), 0)
        guard descriptor >= 0 else { throw POSIXError(.init(rawValue: errno) ?? .EIO) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        var timeout = timeval(tv_sec: 0, tv_usec: 200_000)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0 else {
            let code = errno
            close(descriptor)
            throw POSIXError(.init(rawValue: code) ?? .EIO)
        }
        Thread { [self] in serve() }.start()
    }

    var answered: Int {
        lock.lock(); defer { lock.unlock() }
        return count
    }

    private var isStopped: Bool {
        lock.lock(); defer { lock.unlock() }
        return stopped
    }

    private func serve() {
        defer { finished.signal() }
        var buffer = [UInt8](repeating: 0, count: 512)
        while !isStopped {
            var peer = sockaddr_storage()
            var peerLength = socklen_t(MemoryLayout<sockaddr_storage>.size)
            let received = withUnsafeMutablePointer(to: &peer) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { recvfrom(descriptor, &buffer, buffer.count, 0, $0, &peerLength) }
            }
            guard received >= 12 else { continue }
            // The question ends at the first zero label byte after the header, plus type and class.
            guard let end = buffer[12..<received].firstIndex(of: 0), end + 5 <= received else { continue }
            var reply = Array(buffer[0..<(end + 5)])
            reply[2] |= 0x80
            reply[6] = 0
            reply[7] = 3
            reply[8...11] = [0, 0, 0, 0]
            reply += trailer
            // Counted before it is sent: once sent, the resolver may return and the test read
            // the count before this thread runs again.
            lock.lock(); count += 1; lock.unlock()
            _ = withUnsafePointer(to: &peer) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { sendto(descriptor, reply, reply.count, 0, $0, peerLength) }
            }
        }
    }

    func stop() {
        lock.lock(); stopped = true; lock.unlock()
        _ = finished.wait(timeout: .now() + 2)
        close(descriptor)
    }
}
