internal import CResolv
import Logging
#if canImport(Glibc)
import Glibc
#endif

/// DNS lookups through the system resolver library (glibc libresolv), the way Postfix's
/// `dns_lookup.c` makes them: a query with the DO bit (RES_USE_DNSSEC, over EDNS0) and
/// RES_TRUSTAD, so that glibc keeps the AD bit of the reply instead of clearing it.
///
/// Every call is **synchronous and blocking**: it returns when the server answers or the
/// timeout and tries are used up (at most about `timeoutSeconds * tries` seconds, plus a
/// TCP retry when a reply is truncated). Run it on a thread of your own, not on Swift's
/// cooperative pool. Each query uses its own `res_state`, so calls on different threads
/// are independent.
public struct DNSResolver: Sendable {
    /// The server to ask; nil means the servers of /etc/resolv.conf.
    public var server: DNSServerAddress?
    /// Seconds to wait for a reply to one try (glibc's `retrans`; used clamped to 1...60).
    public var timeoutSeconds: Int
    /// Tries per query (glibc's `retry`; used clamped to 1...10).
    public var tries: Int
    /// Where queries and their outcomes are logged (debug level).
    public var logger: Logger

    /// A resolver asking `server` (or the system's servers) with these bounds.
    public init(server: DNSServerAddress? = nil, timeoutSeconds: Int = 5, tries: Int = 2,
                logger: Logger = Logger(label: "PolicyDNS.DNSResolver")) {
        self.server = server
        self.timeoutSeconds = max(1, min(timeoutSeconds, 60))
        self.tries = max(1, min(tries, 10))
        self.logger = logger
    }

    /// A resolver for a `--resolver ADDRESS[:PORT]` option: nil or empty means the system's
    /// servers; anything else must parse as a ``DNSServerAddress``.
    public init(serverAddress: String?, timeoutSeconds: Int = 5, tries: Int = 2,
                logger: Logger = Logger(label: "PolicyDNS.DNSResolver")) throws {
        let server = try serverAddress.flatMap { $0.isEmpty ? nil : try DNSServerAddress(parsing: $0) }
        self.init(server: server, timeoutSeconds: timeoutSeconds, tries: tries, logger: logger)
    }

    // MARK: - Lookups

    /// The mail hosts of `domain`: MX records sorted by preference, else the implicit MX
    /// (the domain itself, when it has an A or AAAA record), a null MX, or why there is none.
    public func mx(_ domain: String) throws -> MXLookup {
        let answer: DNSAnswer<MXRecord> = try lookup(domain, type: .mx) { record in
            guard case .mx(let mx) = record.data else { return nil }
            return mx
        }
        switch answer.outcome {
        case .nonexistentDomain:
            return MXLookup(domain: answer.queriedName, ownerName: answer.ownerName, hosts: .nonexistentDomain,
                            isAuthenticated: answer.isAuthenticated)
        case .records:
            if answer.records.contains(where: \.isNull) {
                return MXLookup(domain: answer.queriedName, ownerName: answer.ownerName, hosts: .nullMX,
                                isAuthenticated: answer.isAuthenticated)
            }
            for record in answer.records where !Self.isHostName(record.exchange) {
                throw DNSError.malformedReply(name: answer.queriedName, type: .mx, reason: "exchange '\(record.exchange)' is not a host name")
            }
            // Array.sorted is not guaranteed stable; the index keeps equal preferences in reply order.
            let sorted = answer.records.enumerated()
                .sorted { ($0.element.preference, $0.offset) < ($1.element.preference, $1.offset) }
                .map(\.element)
            return MXLookup(domain: answer.queriedName, ownerName: answer.ownerName, hosts: .exchangers(sorted),
                            isAuthenticated: answer.isAuthenticated)
        case .noData:
            // RFC 5321 5.1: no MX, so the domain itself is the host if it has an address.
            for type in [DNSRecordType.a, .aaaa] {
                let addresses = try addresses(answer.ownerName, type: type)
                if addresses.outcome == .records {
                    return MXLookup(domain: answer.queriedName, ownerName: answer.ownerName,
                                    hosts: .implicit(host: answer.ownerName),
                                    isAuthenticated: answer.isAuthenticated && addresses.isAuthenticated)
                }
            }
            return MXLookup(domain: answer.queriedName, ownerName: answer.ownerName, hosts: .noMailHost,
                            isAuthenticated: answer.isAuthenticated)
        }
    }

    /// The IPv4 addresses of `host`, in dotted-quad form.
    public func a(_ host: String) throws -> DNSAnswer<String> {
        try addresses(host, type: .a)
    }

    /// The IPv6 addresses of `host`, in the compressed text form (`::1`).
    public func aaaa(_ host: String) throws -> DNSAnswer<String> {
        try addresses(host, type: .aaaa)
    }

    /// The TLSA records at `_PORT._tcp.HOST` (RFC 7672: port 25 for SMTP).
    public func tlsa(host: String, port: UInt16 = 25) throws -> DNSAnswer<TLSARecord> {
        let name = "_\(port)._tcp.\(DNSReply.trimDot(host))"
        return try lookup(name, type: .tlsa) { record in
            guard case .bytes(let bytes) = record.data else { return nil }
            guard bytes.count >= 3 else { throw DNSError.malformedReply(name: name, type: .tlsa, reason: "TLSA data of \(bytes.count) bytes") }
            return TLSARecord(usage: bytes[0], selector: bytes[1], matchingType: bytes[2], data: Array(bytes[3...]))
        }
    }

    /// The TXT records of `name`, each one's character-strings joined without a separator
    /// (RFC 7208 3.3, RFC 8461 3.1: a long record is split into strings of up to 255 bytes).
    public func txt(_ name: String) throws -> DNSAnswer<String> {
        try lookup(name, type: .txt) { record in
            guard case .bytes(let bytes) = record.data else { return nil }
            var joined: [UInt8] = []
            var index = 0
            while index < bytes.count {
                let length = Int(bytes[index])
                guard index + 1 + length <= bytes.count else {
                    throw DNSError.malformedReply(name: name, type: .txt, reason: "character-string overruns the record")
                }
                joined += bytes[(index + 1)..<(index + 1 + length)]
                index += 1 + length
            }
            return String(decoding: joined, as: UTF8.self)
        }
    }

    // MARK: - Internals

    private func addresses(_ host: String, type: DNSRecordType) throws -> DNSAnswer<String> {
        let family = type == .a ? AF_INET : AF_INET6
        let size = type == .a ? 4 : 16
        return try lookup(host, type: type) { record in
            guard case .bytes(let bytes) = record.data else { return nil }
            guard bytes.count == size else {
                throw DNSError.malformedReply(name: host, type: type, reason: "\(type) data of \(bytes.count) bytes")
            }
            var text = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN) + 1)
            guard inet_ntop(family, bytes, &text, socklen_t(text.count)) != nil else {
                throw DNSError.malformedReply(name: host, type: type, reason: "address not printable")
            }
            return text.withUnsafeBufferPointer { String(decoding: UnsafeRawBufferPointer($0).prefix(while: { $0 != 0 }), as: UTF8.self) }
        }
    }

    /// One query, its reply classified, and the answer records of `type` decoded by `decode`
    /// (which returns nil to skip a record).
    private func lookup<Record>(_ rawName: String, type: DNSRecordType,
                                decode: (DNSReplyRecord) throws -> Record?) throws -> DNSAnswer<Record> {
        let name = try Self.validated(rawName)
        let reply = try send(name, type: type)
        switch reply.responseCode {
        case 0:
            let (owner, matching) = reply.records(for: name, type: type)
            let records = try matching.compactMap(decode)
            return DNSAnswer(queriedName: name, ownerName: owner, type: type, records: records,
                             outcome: records.isEmpty ? .noData : .records, isAuthenticated: reply.isAuthenticated)
        case 3:
            let (owner, _) = reply.records(for: name, type: type)
            return DNSAnswer(queriedName: name, ownerName: owner, type: type, records: [],
                             outcome: .nonexistentDomain, isAuthenticated: reply.isAuthenticated)
        default:
            throw responseCodeError(reply.responseCode, name: name, type: type)
        }
    }

    /// The error for a reply whose RCODE is neither NOERROR nor NXDOMAIN.
    private func responseCodeError(_ code: Int, name: String, type: DNSRecordType) -> DNSError {
        switch code {
        case 2: return .serverFailure(name: name, type: type, server: serverText)
        case 5: return .refused(name: name, type: type, server: serverText)
        default: return .unexpectedResponseCode(name: name, type: type, code: code)
        }
    }

    /// The server, as error messages and logs name it.
    private var serverText: String { server?.description ?? "the system resolver" }

    /// Builds the query, sends it with res_nsend on a fresh `res_state`, and parses the reply.
    private func send(_ name: String, type: DNSRecordType) throws -> DNSReply {
        let perTry = max(1, min(timeoutSeconds, 60))
        let attempts = max(1, min(tries, 10))
        let state = try ResolverState(server: server,
                                      options: UInt(RES_USE_EDNS0) | UInt(RES_USE_DNSSEC) | UInt(RES_TRUSTAD),
                                      retransSeconds: Int32(perTry), tries: Int32(attempts))
        return try state.withUnsafeState { statePointer in
            var query = [UInt8](repeating: 0, count: Int(NS_PACKETSZ))
            let queryLength = cresolv_mkquery(statePointer, name, Int32(type.rawValue), &query, Int32(query.count))
            guard queryLength > Int32(DNSReply.headerLength) else {
                throw DNSError.invalidName(name, reason: "res_nmkquery cannot encode it")
            }
            // Zeroed so that after a failed send a leftover header can be told from none.
            var answer = [UInt8](repeating: 0, count: 65_536)
            logger.debug("query", metadata: ["name": "\(name)", "type": "\(type)", "server": "\(serverText)"])
            let length = cresolv_send(statePointer, query, queryLength, &answer, Int32(answer.count))
            let failure = errno
            guard length >= 0 else {
                // glibc's res_nsend returns -1 for SERVFAIL and REFUSED too (after trying every
                // server), leaving the last reply in the buffer: read its RCODE from there.
                let code = Int(answer[3] & 0x0F)
                if answer[0] == query[0], answer[1] == query[1], answer[2] & 0x80 != 0, code != 0 {
                    throw responseCodeError(code, name: name, type: type)
                }
                logger.debug("no reply", metadata: ["name": "\(name)", "type": "\(type)", "errno": "\(failure)"])
                if failure == ECONNREFUSED {
                    throw DNSError.unreachable(name: name, type: type, server: serverText)
                }
                throw DNSError.timedOut(name: name, type: type, server: serverText, seconds: perTry * attempts)
            }
            let reply = try DNSReply(bytes: Array(answer.prefix(Int(length))), name: name, type: type)
            guard reply.id == UInt16(query[0]) << 8 | UInt16(query[1]) else {
                throw DNSError.malformedReply(name: name, type: type, reason: "reply ID does not match the query")
            }
            logger.debug("reply", metadata: ["name": "\(name)", "type": "\(type)", "rcode": "\(reply.responseCode)",
                                             "answers": "\(reply.answers.count)", "ad": "\(reply.isAuthenticated)"])
            return reply
        }
    }

    /// The name without its trailing dot, if it can be put in a query as is.
    static func validated(_ rawName: String) throws -> String {
        let name = DNSReply.trimDot(rawName)
        guard !name.isEmpty else { throw DNSError.invalidName(rawName, reason: "empty") }
        guard name.utf8.count <= 253 else { throw DNSError.invalidName(rawName, reason: "longer than 253 bytes") }
        // res_nmkquery reads backslash escapes; printable ASCII without backslash means what it says.
        guard name.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "\\") }) else {
            throw DNSError.invalidName(rawName, reason: "only printable ASCII without spaces or backslashes (IDNs as A-labels)")
        }
        for label in name.split(separator: ".", omittingEmptySubsequences: false) {
            guard !label.isEmpty else { throw DNSError.invalidName(rawName, reason: "empty label") }
            guard label.utf8.count <= 63 else { throw DNSError.invalidName(rawName, reason: "label '\(label)' longer than 63 bytes") }
        }
        return name
    }

    /// Letters, digits, hyphens, underscores and dots: what Postfix accepts as an MX host name.
    static func isHostName(_ name: String) -> Bool {
        !name.isEmpty && name.utf8.allSatisfy { byte in
            (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A) || byte == 0x2D || byte == 0x2E || byte == 0x5F
        }
    }
}
