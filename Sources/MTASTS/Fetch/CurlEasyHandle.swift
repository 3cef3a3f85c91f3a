internal import CCurl
internal import CCurlShims

/// One libcurl easy handle, owned: curl_easy_init in `init`, curl_easy_cleanup in `deinit`,
/// together with the header lists and error buffer it points to, which must live as long.
///
/// Used by one thread at a time (libcurl's rule for a handle).
final class CurlEasyHandle {
    /// libcurl's process-wide setup, done once before the first handle (Swift runs a
    /// static initialiser exactly once, thread-safely).
    private static let globalSetup: Bool = curl_global_init(Int(CURL_GLOBAL_DEFAULT)) == CURLE_OK

    private let handle: UnsafeMutableRawPointer
    private var lists: [UnsafeMutablePointer<curl_slist>] = []
    private let errorBuffer: UnsafeMutablePointer<CChar>

    init() throws {
        guard Self.globalSetup else { throw MTASTSFetchError.setupFailed(option: "curl_global_init", reason: "failed") }
        guard let handle = curl_easy_init() else {
            throw MTASTSFetchError.setupFailed(option: "curl_easy_init", reason: "returned NULL")
        }
        self.handle = handle
        errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE) + 1)
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
        // libcurl writes a detailed message here on failure; better than curl_easy_strerror alone.
        try check(shim_curl_easy_setopt_pointer(handle, CURLOPT_ERRORBUFFER, errorBuffer), "CURLOPT_ERRORBUFFER")
    }

    deinit {
        curl_easy_cleanup(handle)
        for list in lists { curl_slist_free_all(list) }
        errorBuffer.deallocate()
    }

    func set(_ option: CURLoption, _ value: Int, name: String) throws {
        try check(shim_curl_easy_setopt_long(handle, option, value), name)
    }

    /// Sets a string option; nil sets NULL, which for CURLOPT_CAINFO and CURLOPT_CAPATH
    /// turns off libcurl's built-in default.
    func set(_ option: CURLoption, _ value: String?, name: String) throws {
        try check(shim_curl_easy_setopt_string(handle, option, value), name)
    }

    /// Sets a `struct curl_slist *` option; the list is freed with the handle.
    func set(_ option: CURLoption, list values: [String], name: String) throws {
        var list: UnsafeMutablePointer<curl_slist>?
        for value in values {
            guard let appended = curl_slist_append(list, value) else {
                if let list { curl_slist_free_all(list) }
                throw MTASTSFetchError.setupFailed(option: name, reason: "curl_slist_append failed")
            }
            list = appended
        }
        guard let list else { return }
        lists.append(list)
        try check(shim_curl_easy_setopt_pointer(handle, option, UnsafeMutableRawPointer(list)), name)
    }

    /// Installs the body callback; `context` must stay valid until ``perform()`` returns.
    func setWriteFunction(_ callback: shim_curl_write_callback, context: UnsafeMutableRawPointer) throws {
        try check(shim_curl_easy_setopt_writefunction(handle, callback), "CURLOPT_WRITEFUNCTION")
        try check(shim_curl_easy_setopt_pointer(handle, CURLOPT_WRITEDATA, context), "CURLOPT_WRITEDATA")
    }

    /// Runs the transfer (blocking); returns libcurl's result code and message.
    func perform() -> (code: CURLcode, message: String) {
        errorBuffer[0] = 0
        let code = curl_easy_perform(handle)
        let detail = String(cString: errorBuffer)
        return (code, detail.isEmpty ? String(cString: curl_easy_strerror(code)) : detail)
    }

    func longInfo(_ info: CURLINFO) -> Int? {
        var value = 0
        return shim_curl_easy_getinfo_long(handle, info, &value) == CURLE_OK ? value : nil
    }

    func stringInfo(_ info: CURLINFO) -> String? {
        var value: UnsafeMutablePointer<CChar>?
        guard shim_curl_easy_getinfo_string(handle, info, &value) == CURLE_OK, let value else { return nil }
        return String(cString: value)
    }

    private func check(_ code: CURLcode, _ name: String) throws {
        guard code == CURLE_OK else {
            throw MTASTSFetchError.setupFailed(option: name, reason: String(cString: curl_easy_strerror(code)))
        }
    }
}
