internal import CCurl
import Logging

/// Fetches `https://mta-sts.<domain>/.well-known/mta-sts.txt` with libcurl under RFC 8461
/// section 3.3's rules: HTTPS only, the certificate verified for the `mta-sts` host name, no
/// redirects (a 3xx is a failure), status 200, `text/plain`, a bounded body and bounded time.
///
/// ``fetch(domain:)`` is **synchronous and blocking** (one libcurl easy transfer); run it on
/// a thread of your own. Each call has its own handle, so calls on different threads are
/// independent.
public struct MTASTSFetcher: Sendable {
    /// Limits and overrides for a fetch.
    public struct Configuration: Sendable {
        /// PEM file of trusted CAs (`--ca-file`, Postfix's `smtp_tls_CAfile`).
        public var caFile: String?
        /// Hashed directory of trusted CAs (`--ca-path`, Postfix's `smtp_tls_CApath`).
        /// With neither this nor ``caFile``, libcurl's default store is used; with either,
        /// exactly what they name is trusted, as Postfix trusts exactly its two settings.
        public var caPath: String?
        /// libcurl `CONNECT_TO` entries, `HOST:PORT:CONNECT-HOST:CONNECT-PORT`: connect
        /// elsewhere while the URL, SNI and certificate check keep the real host name
        /// (for tests: `mta-sts.example.test:443:127.0.0.1:8443`).
        public var connectTo: [String]
        /// Seconds allowed for the TCP and TLS connection.
        public var connectTimeout: Double
        /// Seconds allowed for the whole transfer.
        public var totalTimeout: Double
        /// The body size limit; RFC 8461 suggests 64 KiB.
        public var maximumBodyBytes: Int

        /// A configuration; the defaults suit production.
        public init(caFile: String? = nil, caPath: String? = nil, connectTo: [String] = [], connectTimeout: Double = 10,
                    totalTimeout: Double = 30, maximumBodyBytes: Int = 65_536) {
            self.caFile = caFile
            self.caPath = caPath
            self.connectTo = connectTo
            self.connectTimeout = connectTimeout
            self.totalTimeout = totalTimeout
            self.maximumBodyBytes = maximumBodyBytes
        }
    }

    /// The limits and overrides.
    public var configuration: Configuration
    /// Fetches and their outcomes are logged here (debug level).
    public var logger: Logger

    /// A fetcher with this configuration.
    public init(configuration: Configuration = Configuration(), logger: Logger = Logger(label: "MTASTS.MTASTSFetcher")) {
        self.configuration = configuration
        self.logger = logger
    }

    /// The policy URL for `domain`.
    public static func policyURL(for domain: String) throws -> String {
        var name = domain.lowercased()
        if name.hasSuffix(".") { name.removeLast() }
        let labels = name.split(separator: ".", omittingEmptySubsequences: false)
        guard !name.isEmpty, name.utf8.count <= 245, labels.allSatisfy({ label in
            !label.isEmpty && label.utf8.count <= 63 && label.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
        }) else {
            throw MTASTSFetchError.invalidDomain(domain)
        }
        return "https://mta-sts.\(name)/.well-known/mta-sts.txt"
    }

    /// Fetches, checks and parses the policy of `domain`.
    public func fetch(domain: String) throws -> MTASTSFetchResult {
        let url = try Self.policyURL(for: domain)
        let handle = try CurlEasyHandle()
        try handle.set(CURLOPT_URL, url, name: "CURLOPT_URL")
        try handle.set(CURLOPT_PROTOCOLS_STR, "https", name: "CURLOPT_PROTOCOLS_STR")
        try handle.set(CURLOPT_FOLLOWLOCATION, 0, name: "CURLOPT_FOLLOWLOCATION")
        try handle.set(CURLOPT_SSL_VERIFYPEER, 1, name: "CURLOPT_SSL_VERIFYPEER")
        try handle.set(CURLOPT_SSL_VERIFYHOST, 2, name: "CURLOPT_SSL_VERIFYHOST")
        if configuration.caFile != nil || configuration.caPath != nil {
            // Both set, a nil one to NULL: a --ca-path alone must not quietly add libcurl's bundle.
            try handle.set(CURLOPT_CAINFO, configuration.caFile, name: "CURLOPT_CAINFO")
            try handle.set(CURLOPT_CAPATH, configuration.caPath, name: "CURLOPT_CAPATH")
        }
        // An http(s)_proxy in the environment must not send the request anywhere else.
        try handle.set(CURLOPT_PROXY, "", name: "CURLOPT_PROXY")
        try handle.set(CURLOPT_NOSIGNAL, 1, name: "CURLOPT_NOSIGNAL")
        try handle.set(CURLOPT_CONNECTTIMEOUT_MS, Self.milliseconds(configuration.connectTimeout), name: "CURLOPT_CONNECTTIMEOUT_MS")
        try handle.set(CURLOPT_TIMEOUT_MS, Self.milliseconds(configuration.totalTimeout), name: "CURLOPT_TIMEOUT_MS")
        // Refuses early when Content-Length says too much; ResponseBody enforces it otherwise.
        try handle.set(CURLOPT_MAXFILESIZE, configuration.maximumBodyBytes, name: "CURLOPT_MAXFILESIZE")
        try handle.set(CURLOPT_USERAGENT, "tls-policy-validator (MTA-STS)", name: "CURLOPT_USERAGENT")
        if !configuration.connectTo.isEmpty {
            try handle.set(CURLOPT_CONNECT_TO, list: configuration.connectTo, name: "CURLOPT_CONNECT_TO")
        }
        let body = ResponseBody(limit: configuration.maximumBodyBytes)
        try handle.setWriteFunction(ResponseBody.write, context: Unmanaged.passUnretained(body).toOpaque())

        logger.debug("fetching MTA-STS policy", metadata: ["url": "\(url)"])
        let (code, message) = withExtendedLifetime(body) { handle.perform() }
        guard code == CURLE_OK else {
            let error = classify(code, message: message, url: url, body: body)
            logger.debug("MTA-STS fetch failed", metadata: ["url": "\(url)", "error": "\(error)"])
            throw error
        }
        let status = handle.longInfo(CURLINFO_RESPONSE_CODE) ?? 0
        if (300..<400).contains(status) {
            throw MTASTSFetchError.redirected(url: url, status: status, location: handle.stringInfo(CURLINFO_REDIRECT_URL))
        }
        guard status == 200 else { throw MTASTSFetchError.httpStatus(url: url, status: status) }
        let contentType = handle.stringInfo(CURLINFO_CONTENT_TYPE)
        guard let contentType, Self.isPlainText(contentType) else {
            throw MTASTSFetchError.wrongContentType(url: url, contentType: contentType)
        }
        // The grammar allows UTF-8 in extension values only (RFC 8461 3.2, sts-policy-vchar);
        // bytes that are not UTF-8 at all make the file invalid, not something to repair.
        guard let text = String(validating: body.bytes, as: UTF8.self) else {
            throw MTASTSFetchError.invalidPolicy(url: url, MTASTSParseError(.policy, "the body is not valid UTF-8"))
        }
        do {
            let policy = try MTASTSPolicy(parsing: text)
            logger.debug("MTA-STS policy fetched", metadata: ["url": "\(url)", "mode": "\(policy.mode.rawValue)"])
            return MTASTSFetchResult(url: url, policy: policy, body: text)
        } catch {
            throw MTASTSFetchError.invalidPolicy(url: url, error)
        }
    }

    /// `text/plain`, optionally with parameters (`; charset=utf-8`), in any case.
    static func isPlainText(_ contentType: String) -> Bool {
        let media = contentType.split(separator: ";", maxSplits: 1).first.map { $0.trimmingSpacesAndTabs().lowercased() }
        return media == "text/plain"
    }

    private static func milliseconds(_ seconds: Double) -> Int {
        max(1, Int((seconds * 1_000).rounded()))
    }

    private func classify(_ code: CURLcode, message: String, url: String, body: ResponseBody) -> MTASTSFetchError {
        switch code {
        case CURLE_OPERATION_TIMEDOUT:
            return .timedOut(url: url, seconds: configuration.totalTimeout)
        case CURLE_WRITE_ERROR where body.exceededLimit, CURLE_FILESIZE_EXCEEDED:
            return .bodyTooLarge(url: url, limit: configuration.maximumBodyBytes)
        case CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CACERT_BADFILE:
            return .certificateNotVerified(url: url, reason: message)
        case CURLE_SSL_CONNECT_ERROR:
            return .tlsFailed(url: url, reason: message)
        case CURLE_COULDNT_CONNECT, CURLE_COULDNT_RESOLVE_HOST:
            return .connectionFailed(url: url, reason: message)
        default:
            return .transferFailed(url: url, code: Int(code.rawValue), reason: message)
        }
    }
}
