internal import CCurlShims

/// Collects a response body for libcurl's write callback, refusing it once it grows past
/// a limit, so an endless or huge body costs at most `limit` bytes of memory.
final class ResponseBody {
    let limit: Int
    private(set) var bytes: [UInt8] = []
    private(set) var exceededLimit = false

    init(limit: Int) {
        self.limit = limit
    }

    /// The C callback; `context` is an unretained ``ResponseBody``. Returning less than
    /// `size * count` makes libcurl stop with CURLE_WRITE_ERROR.
    static let write: shim_curl_write_callback = { data, size, count, context in
        guard let data, let context else { return 0 }
        let body = Unmanaged<ResponseBody>.fromOpaque(context).takeUnretainedValue()
        let length = size * count
        guard body.bytes.count + length <= body.limit else {
            body.exceededLimit = true
            return 0
        }
        data.withMemoryRebound(to: UInt8.self, capacity: length) { body.bytes.append(contentsOf: UnsafeBufferPointer(start: $0, count: length)) }
        return length
    }
}
