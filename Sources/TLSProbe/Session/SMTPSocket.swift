#if canImport(Glibc)
import Glibc
#endif

/// A non-blocking TCP socket to one SMTP server; owns the descriptor and closes it in `deinit`.
final class SMTPSocket: SMTPTransport {
    /// The descriptor, lent to the TLS connection that runs over it (never closed by it).
    let descriptor: Int32

    /// Connects to `address:port` with a non-blocking `connect(2)` and `poll(2)`, bounded by `deadline`.
    init(address: String, port: Int, deadline: StepDeadline) throws {
        guard (1...65_535).contains(port) else { throw ProbeFailure.connectFailed(reason: "port out of range: \(port)") }
        var v4 = in_addr()
        var v6 = in6_addr()
        let family: Int32
        if inet_pton(AF_INET, address, &v4) == 1 {
            family = AF_INET
        } else if inet_pton(AF_INET6, address, &v6) == 1 {
            family = AF_INET6
        } else {
            throw ProbeFailure.invalidAddress(address)
        }
        let fd = socket(family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw ProbeFailure.connectFailed(reason: "socket: \(Self.errnoText())") }
        descriptor = fd
        let networkPort = in_port_t(UInt16(port).bigEndian)
        let started: Int32
        if family == AF_INET {
            var sin = sockaddr_in()
            sin.sin_family = sa_family_t(AF_INET)
            sin.sin_port = networkPort
            sin.sin_addr = v4
            started = withUnsafePointer(to: &sin) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
        } else {
            var sin6 = sockaddr_in6()
            sin6.sin6_family = sa_family_t(AF_INET6)
            sin6.sin6_port = networkPort
            sin6.sin6_addr = v6
            started = withUnsafePointer(to: &sin6) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in6>.size)) }
            }
        }
        if started == 0 { return }
        guard errno == EINPROGRESS else { throw ProbeFailure.connectFailed(reason: Self.errnoText()) }
        try wait(for: Int16(POLLOUT), deadline: deadline)
        var error: Int32 = 0
        var errorLength = socklen_t(MemoryLayout<Int32>.size)
        guard getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &errorLength) == 0 else {
            throw ProbeFailure.connectFailed(reason: "getsockopt: \(Self.errnoText())")
        }
        guard error == 0 else { throw ProbeFailure.connectFailed(reason: String(cString: strerror(error))) }
    }

    deinit { close(descriptor) }

    /// Waits until the socket is ready for `events` (POLLIN or POLLOUT), or the deadline passes.
    func wait(for events: Int16, deadline: StepDeadline) throws {
        while true {
            let left = deadline.remainingMilliseconds
            if left == 0 { throw deadline.timeout }
            var entry = pollfd(fd: descriptor, events: events, revents: 0)
            let ready = poll(&entry, 1, left)
            if ready < 0 {
                if errno == EINTR { continue }
                throw ProbeFailure.ioFailed(step: deadline.step, reason: "poll: \(Self.errnoText())")
            }
            // POLLERR/POLLHUP also end the wait: the read or write that follows reports them.
            if ready > 0 { return }
        }
    }

    func receive(into buffer: UnsafeMutableRawBufferPointer, deadline: StepDeadline) throws -> Int {
        while true {
            let count = recv(descriptor, buffer.baseAddress, buffer.count, 0)
            if count >= 0 { return count }
            switch errno {
            case EINTR: continue
            case EAGAIN, EWOULDBLOCK: try wait(for: Int16(POLLIN), deadline: deadline)
            case ECONNRESET: throw ProbeFailure.connectionClosed(step: deadline.step)
            default: throw ProbeFailure.ioFailed(step: deadline.step, reason: "recv: \(Self.errnoText())")
            }
        }
    }

    func send(_ bytes: [UInt8], deadline: StepDeadline) throws {
        var offset = 0
        while offset < bytes.count {
            // MSG_NOSIGNAL: a peer that hung up gives EPIPE here, not SIGPIPE.
            let sent = bytes[offset...].withUnsafeBytes { Glibc.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if sent >= 0 { offset += sent; continue }
            switch errno {
            case EINTR: continue
            case EAGAIN, EWOULDBLOCK: try wait(for: Int16(POLLOUT), deadline: deadline)
            case EPIPE, ECONNRESET: throw ProbeFailure.connectionClosed(step: deadline.step)
            default: throw ProbeFailure.ioFailed(step: deadline.step, reason: "send: \(Self.errnoText())")
            }
        }
    }

    static func errnoText() -> String { String(cString: strerror(errno)) }
}
