import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Resolves a host name with the system resolver (`getaddrinfo`, so
/// `/etc/hosts`, `nsswitch.conf` and `resolv.conf` apply as for any program),
/// waiting no longer than a fetch deadline.
///
/// `getaddrinfo` cannot be interrupted, and with a DNS server that never
/// answers it waits for the resolver's own timeouts (5 s per try, per server,
/// per search domain by default). So the lookup runs on a thread of its own and
/// the caller waits for it only until the deadline; a lookup given up on
/// finishes on its thread within the resolver's timeouts and frees what it got.
/// The thread is created by the caller, so it shares the caller's network and
/// mount namespaces (which decide which resolver is asked).
enum GitAddressResolver {
    /// The addresses of `host` for TCP to `port`, in the resolver's order.
    static func resolve(host: String, port: String, deadline: GitFetchDeadline?) throws(GitStreamFailure) -> [GitSocketAddress] {
        // An address literal needs no lookup and no thread.
        if case .success(let addresses) = lookUp(host: host, port: port, flags: AI_NUMERICHOST) {
            return addresses
        }
        guard let deadline else {
            return try lookUp(host: host, port: port, flags: 0).get()
        }
        let lookup = PendingLookup()
        let thread = Thread {
            lookup.finish(with: lookUp(host: host, port: port, flags: 0))
        }
        thread.name = "PolicyGit resolver"
        thread.start()
        guard let outcome = lookup.wait(for: deadline) else {
            throw .deadlinePassed(host: host, port: port, step: "resolving")
        }
        return try outcome.get()
    }

    private static func lookUp(host: String, port: String, flags: Int32) -> Result<[GitSocketAddress], GitStreamFailure> {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_flags = flags
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, port, &hints, &list)
        guard status == 0 else {
            let reason = status == EAI_SYSTEM ? String(cString: strerror(errno)) : String(cString: gai_strerror(status))
            return .failure(.resolution(host: host, reason: reason))
        }
        defer { freeaddrinfo(list) }
        var addresses: [GitSocketAddress] = []
        var entry = list
        while let current = entry {
            if let address = GitSocketAddress(current.pointee) { addresses.append(address) }
            entry = current.pointee.ai_next
        }
        guard !addresses.isEmpty else { return .failure(.resolution(host: host, reason: "no address")) }
        return .success(addresses)
    }

    /// The outcome of one lookup, handed from the resolver thread to the caller.
    private final class PendingLookup: @unchecked Sendable {
        // @unchecked: `outcome` is read and written holding `condition`.
        private let condition = NSCondition()
        private var outcome: Result<[GitSocketAddress], GitStreamFailure>?

        func finish(with result: Result<[GitSocketAddress], GitStreamFailure>) {
            condition.lock()
            defer { condition.unlock() }
            outcome = result
            condition.broadcast()
        }

        /// The outcome, or nil when the deadline passed first.
        func wait(for deadline: GitFetchDeadline) -> Result<[GitSocketAddress], GitStreamFailure>? {
            condition.lock()
            defer { condition.unlock() }
            while outcome == nil {
                let left = deadline.remaining.components
                let interval = Double(left.seconds) + Double(left.attoseconds) / 1e18
                guard interval > 0 else { return nil }
                // Wall-clock wait, monotonic measure: see GitFetchDeadline.
                _ = condition.wait(until: Date().addingTimeInterval(interval))
            }
            return outcome
        }
    }
}
