internal import COpenSSL

/// OpenSSL's per-thread error queue, read as text.
enum OpenSSLErrorQueue {
    /// Empties the queue and returns its entries, oldest first, joined by "; "
    /// ("no OpenSSL error" when it was empty).
    static func drain() -> String {
        var messages: [String] = []
        while true {
            let code = ERR_get_error()
            if code == 0 { break }
            var text = [CChar](repeating: 0, count: 256)
            ERR_error_string_n(code, &text, text.count)
            messages.append(String(decoding: text.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self))
        }
        return messages.isEmpty ? "no OpenSSL error" : messages.joined(separator: "; ")
    }

    /// Empties the queue, so that a later failure reports only its own errors.
    static func clear() { ERR_clear_error() }
}
