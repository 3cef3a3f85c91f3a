internal import CResolv
#if canImport(Glibc)
import Glibc
#endif

/// One `res_state`, owned: made by res_ninit, freed by res_nclose in `deinit`.
///
/// Each query gets its own, so that queries on different threads share nothing (the
/// global `_res` of res_query is per-thread in glibc but holds one configuration).
final class ResolverState {
    private let state: UnsafeMutablePointer<__res_state>

    /// Reads /etc/resolv.conf (res_ninit), then applies the options, timeout, tries and,
    /// when given, the one server to ask.
    init(server: DNSServerAddress?, options: UInt, retransSeconds: Int32, tries: Int32) throws {
        state = UnsafeMutablePointer<__res_state>.allocate(capacity: 1)
        // res_ninit expects zeroed memory for the fields it does not set.
        UnsafeMutableRawPointer(state).initializeMemory(as: UInt8.self, repeating: 0, count: MemoryLayout<__res_state>.size)
        guard cresolv_ninit(state) == 0 else {
            state.deallocate()
            throw DNSError.resolverInitializationFailed(reason: "res_ninit failed")
        }
        cresolv_configure(state, options, retransSeconds, tries)
        if let server {
            var address = server.socketAddress
            cresolv_set_ipv4_server(state, &address)
        }
    }

    deinit {
        cresolv_nclose(state)
        state.deallocate()
    }

    /// Lends the state for the duration of `body` (one thread at a time).
    func withUnsafeState<T>(_ body: (UnsafeMutablePointer<__res_state>) throws -> T) rethrows -> T {
        try body(state)
    }
}
