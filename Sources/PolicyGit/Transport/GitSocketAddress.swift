#if canImport(Glibc)
import Glibc
#endif

/// One address `getaddrinfo` gave for a host, copied out of its list so the
/// list can be freed on the thread that resolved it.
struct GitSocketAddress: Sendable {
    let family: Int32
    let socketType: Int32
    let socketProtocol: Int32
    let storage: sockaddr_storage
    let length: socklen_t

    /// Copies one entry of a `getaddrinfo` list; nil when it has no address or
    /// one larger than `sockaddr_storage` (which no real family has).
    init?(_ info: addrinfo) {
        guard let address = info.ai_addr, Int(info.ai_addrlen) <= MemoryLayout<sockaddr_storage>.size else { return nil }
        var storage = sockaddr_storage()
        withUnsafeMutableBytes(of: &storage) { target in
            target.copyMemory(from: UnsafeRawBufferPointer(start: address, count: Int(info.ai_addrlen)))
        }
        self.family = info.ai_family
        self.socketType = info.ai_socktype
        self.socketProtocol = info.ai_protocol
        self.storage = storage
        self.length = info.ai_addrlen
    }

    /// Lends the address to a socket call as `sockaddr`.
    func withSocketAddress<Result>(_ body: (UnsafePointer<sockaddr>, socklen_t) -> Result) -> Result {
        withUnsafePointer(to: storage) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { body($0, length) }
        }
    }

    /// The address as text (`127.0.0.1`, `::1`), for messages.
    var text: String {
        var buffer = [CChar](repeating: 0, count: Int(NI_MAXHOST))
        let result = withSocketAddress { address, length in
            getnameinfo(address, length, &buffer, socklen_t(buffer.count), nil, 0, NI_NUMERICHOST)
        }
        guard result == 0 else { return "an address of family \(family)" }
        return String(decoding: buffer.prefix { $0 != 0 }.map(UInt8.init(bitPattern:)), as: UTF8.self)
    }
}
