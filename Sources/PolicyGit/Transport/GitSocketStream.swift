internal import CGit2
#if canImport(Glibc)
import Glibc
#endif

/// The TCP connections libgit2 opens for `https://` and `ssh://` remotes:
/// registered as libgit2's GIT_STREAM_STANDARD stream (``register()``), so
/// every connection of every fetch is bounded by that fetch's
/// ``GitFetchDeadline`` from name resolution on.
///
/// libgit2 layers its OpenSSL stream on top of this one for HTTPS (every TLS
/// byte passes through ``read(into:count:)`` and ``write(_:count:)``); its SSH
/// transport takes the socket out of the C struct and gives it to libssh2.
/// That is why the C struct keeps libgit2 1.5's internal socket-stream layout
/// (see `shim_git_socket_stream` in CGit2/shim.h) and why the deadline works by
/// shutting down the socket rather than by timing our own reads.
///
/// Owns its `shim_git_socket_stream` and socket. libgit2 owns the object in
/// turn: it stays alive (retained through the struct's `owner`) until libgit2
/// calls the stream's `free`.
final class GitSocketStream {
    private let stream: UnsafeMutablePointer<shim_git_socket_stream>
    private let host: String
    private let port: String
    private let deadline: GitFetchDeadline?

    private init(host: String, port: String, deadline: GitFetchDeadline?) {
        self.host = host
        self.port = port
        self.deadline = deadline
        stream = .allocate(capacity: 1)
        stream.initialize(to: shim_git_socket_stream())
        stream.pointee.parent.version = Int32(GIT_STREAM_VERSION)
        stream.pointee.parent.encrypted = 0
        stream.pointee.parent.proxy_support = 0
        stream.pointee.parent.connect = Self.connectCallback
        stream.pointee.parent.read = Self.readCallback
        stream.pointee.parent.write = Self.writeCallback
        stream.pointee.parent.close = Self.closeCallback
        stream.pointee.parent.free = Self.freeCallback
        stream.pointee.host = strdup(host)
        stream.pointee.port = strdup(port)
        stream.pointee.socket = -1
    }

    deinit {
        closeSocket()
        free(stream.pointee.host)
        free(stream.pointee.port)
        stream.deinitialize(count: 1)
        stream.deallocate()
    }

    /// Makes this stream libgit2's plain socket stream for the whole process.
    /// Called once, right after `git_libgit2_init`.
    static func register() throws(GitError) {
        var registration = git_stream_registration()
        registration.version = Int32(GIT_STREAM_VERSION)
        registration.`init` = initCallback
        // No `wrap`: only libgit2's TLS streams wrap another stream (for HTTP
        // proxies); this plain stream is never asked to.
        try gitCheck(git_stream_register(GIT_STREAM_STANDARD, &registration), "git_stream_register")
    }

    // MARK: The stream's operations

    private func connect() throws(GitStreamFailure) {
        if let deadline, deadline.hasPassed {
            throw .deadlinePassed(host: host, port: port, step: "connecting to")
        }
        let addresses = try GitAddressResolver.resolve(host: host, port: port, deadline: deadline)
        var reasons: [String] = []
        for address in addresses {
            let descriptor = socket(address.family, address.socketType | Int32(SOCK_CLOEXEC.rawValue), address.socketProtocol)
            guard descriptor >= 0 else {
                reasons.append("\(address.text): socket: \(String(cString: strerror(errno)))")
                continue
            }
            guard deadline?.watch(descriptor) ?? true else {
                close(descriptor)
                throw .deadlinePassed(host: host, port: port, step: "connecting to")
            }
            if Self.connect(descriptor, to: address) == 0 {
                stream.pointee.socket = descriptor
                return
            }
            let reason = String(cString: strerror(errno))
            deadline?.unwatch(descriptor)
            close(descriptor)
            if let deadline, deadline.hasPassed {
                throw .deadlinePassed(host: host, port: port, step: "connecting to")
            }
            reasons.append("\(address.text): \(reason)")
        }
        throw .connection(host: host, port: port, reason: reasons.joined(separator: "; "))
    }

    /// A blocking `connect`; the deadline's watchdog aborts one still pending.
    /// Returns 0 or -1 with `errno` set.
    private static func connect(_ descriptor: Int32, to address: GitSocketAddress) -> Int32 {
        let result = address.withSocketAddress { Glibc.connect(descriptor, $0, $1) }
        guard result != 0, errno == EINTR else { return result }
        // Interrupted by a signal, the connection goes on in the background:
        // wait until it settles, then read its outcome.
        var poller = pollfd(fd: descriptor, events: Int16(POLLOUT), revents: 0)
        while poll(&poller, 1, -1) < 0 {
            guard errno == EINTR else { return -1 }
        }
        var failure: Int32 = 0
        var length = socklen_t(MemoryLayout<Int32>.size)
        guard getsockopt(descriptor, SOL_SOCKET, SO_ERROR, &failure, &length) == 0 else { return -1 }
        guard failure == 0 else {
            errno = failure
            return -1
        }
        return 0
    }

    private func read(into buffer: UnsafeMutableRawPointer?, count: Int) throws(GitStreamFailure) -> Int {
        while true {
            let received = recv(stream.pointee.socket, buffer, count, 0)
            if received >= 0 {
                // End of stream is how a shut-down socket answers: say why.
                if received == 0, let deadline, deadline.hasPassed {
                    throw .deadlinePassed(host: host, port: port, step: "reading from")
                }
                return received
            }
            guard errno == EINTR else { throw failure("reading from") }
        }
    }

    private func write(_ data: UnsafePointer<CChar>?, count: Int) throws(GitStreamFailure) -> Int {
        while true {
            // MSG_NOSIGNAL: writing to a socket the watchdog shut down must fail
            // with EPIPE, not kill the process with SIGPIPE.
            let sent = send(stream.pointee.socket, data, count, Int32(MSG_NOSIGNAL))
            if sent >= 0 { return sent }
            guard errno == EINTR else { throw failure("writing to") }
        }
    }

    private func failure(_ operation: String) -> GitStreamFailure {
        let reason = String(cString: strerror(errno))
        if let deadline, deadline.hasPassed {
            return .deadlinePassed(host: host, port: port, step: operation)
        }
        return .io(host: host, port: port, operation: operation, reason: reason)
    }

    private func closeSocket() {
        let descriptor = stream.pointee.socket
        guard descriptor >= 0 else { return }
        // Off the watch first, so the watchdog never shuts down a reused number.
        deadline?.unwatch(descriptor)
        close(descriptor)
        stream.pointee.socket = -1
    }

    // MARK: C entry points

    /// Hands the failure to libgit2 as its last error and returns its error code.
    private static func report(_ failure: GitStreamFailure) -> Int32 {
        git_error_set_str(Int32(GIT_ERROR_NET.rawValue), failure.description)
        return -1
    }

    /// The Swift owner of a stream libgit2 passes back to us.
    private static func owner(of stream: UnsafeMutablePointer<git_stream>?) -> GitSocketStream? {
        guard let stream else { return nil }
        // `parent` is the struct's first member, so the stream's address is the struct's.
        let container = UnsafeMutableRawPointer(stream).assumingMemoryBound(to: shim_git_socket_stream.self)
        return container.pointee.owner.map { Unmanaged<GitSocketStream>.fromOpaque($0).takeUnretainedValue() }
    }

    private static let initCallback: @convention(c) (
        UnsafeMutablePointer<UnsafeMutablePointer<git_stream>?>?, UnsafePointer<CChar>?, UnsafePointer<CChar>?
    ) -> Int32 = { out, host, port in
        guard let out, let host, let port else {
            git_error_set_str(Int32(GIT_ERROR_INVALID.rawValue), "socket stream: no host or port")
            return -1
        }
        let owner = GitSocketStream(host: String(cString: host), port: String(cString: port),
                                    deadline: GitFetchDeadline.current)
        // libgit2 now holds the stream; the reference taken here is dropped in `free`.
        owner.stream.pointee.owner = Unmanaged.passRetained(owner).toOpaque()
        out.pointee = UnsafeMutableRawPointer(owner.stream).assumingMemoryBound(to: git_stream.self)
        return 0
    }

    private static let connectCallback: @convention(c) (UnsafeMutablePointer<git_stream>?) -> Int32 = { stream in
        guard let owner = owner(of: stream) else { return -1 }
        do throws(GitStreamFailure) {
            try owner.connect()
            return 0
        } catch {
            return report(error)
        }
    }

    private static let readCallback: @convention(c) (UnsafeMutablePointer<git_stream>?, UnsafeMutableRawPointer?, Int) -> Int = {
        stream, buffer, count in
        guard let owner = owner(of: stream) else { return -1 }
        do throws(GitStreamFailure) {
            return try owner.read(into: buffer, count: count)
        } catch {
            return Int(report(error))
        }
    }

    private static let writeCallback: @convention(c) (UnsafeMutablePointer<git_stream>?, UnsafePointer<CChar>?, Int, Int32) -> Int = {
        stream, data, count, _ in
        guard let owner = owner(of: stream) else { return -1 }
        do throws(GitStreamFailure) {
            return try owner.write(data, count: count)
        } catch {
            return Int(report(error))
        }
    }

    private static let closeCallback: @convention(c) (UnsafeMutablePointer<git_stream>?) -> Int32 = { stream in
        owner(of: stream)?.closeSocket()
        return 0
    }

    private static let freeCallback: @convention(c) (UnsafeMutablePointer<git_stream>?) -> Void = { stream in
        guard let stream else { return }
        let container = UnsafeMutableRawPointer(stream).assumingMemoryBound(to: shim_git_socket_stream.self)
        guard let owner = container.pointee.owner else { return }
        container.pointee.owner = nil
        // Drops libgit2's reference: deinit closes the socket and frees the struct.
        Unmanaged<GitSocketStream>.fromOpaque(owner).release()
    }
}
