#if canImport(Glibc)
import Glibc
#endif

/// Whether text is a numeric IPv4 or IPv6 address (a bracketed key may name one).
enum IPAddressText {
    static func isAddress(_ text: String) -> Bool {
        var buffer = [UInt8](repeating: 0, count: 16)
        return inet_pton(AF_INET, text, &buffer) == 1 || inet_pton(AF_INET6, text, &buffer) == 1
    }
}
