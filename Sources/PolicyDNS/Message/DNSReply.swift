internal import CResolv
#if canImport(Glibc)
import Glibc
#endif

/// A reply message: the header bits this module uses and the answer section.
///
/// Parsed with libresolv's ns_initparse/ns_parserr (which check every section against the
/// message length) and dn_expand for names inside RDATA; every RDATA length is checked
/// again here before a byte is read, so a hostile reply is an error, never a crash.
struct DNSReply: Sendable {
    /// The query ID.
    let id: UInt16
    /// RCODE (0 NOERROR, 2 SERVFAIL, 3 NXDOMAIN, 5 REFUSED, ...).
    let responseCode: Int
    /// The AD bit.
    let isAuthenticated: Bool
    /// The answer section, in order.
    let answers: [DNSReplyRecord]

    static let headerLength = 12

    /// A reply with these fields (for building one by hand).
    init(id: UInt16 = 0, responseCode: Int = 0, isAuthenticated: Bool = false, answers: [DNSReplyRecord]) {
        self.id = id
        self.responseCode = responseCode
        self.isAuthenticated = isAuthenticated
        self.answers = answers
    }

    /// Parses `bytes` as the reply to a query for `name`/`type` (both for error messages).
    init(bytes: [UInt8], name: String, type: DNSRecordType) throws {
        func malformed(_ reason: String) -> DNSError { .malformedReply(name: name, type: type, reason: reason) }
        guard bytes.count >= Self.headerLength else { throw malformed("\(bytes.count) bytes, shorter than a header") }
        id = UInt16(bytes[0]) << 8 | UInt16(bytes[1])
        guard bytes[2] & 0x80 != 0 else { throw malformed("QR bit clear: not a response") }
        isAuthenticated = bytes[3] & 0x20 != 0
        responseCode = Int(bytes[3] & 0x0F)
        let answerCount = Int(bytes[6]) << 8 | Int(bytes[7])

        answers = try bytes.withUnsafeBufferPointer { buffer -> [DNSReplyRecord] in
            guard let base = buffer.baseAddress else { throw malformed("empty") }
            var handle = ns_msg()
            guard ns_initparse(base, Int32(buffer.count), &handle) == 0 else {
                throw malformed("sections overrun the \(buffer.count)-byte message")
            }
            let end = base + buffer.count
            var records: [DNSReplyRecord] = []
            records.reserveCapacity(answerCount)
            for index in 0..<answerCount {
                var rr = ns_rr()
                guard ns_parserr(&handle, ns_s_an, Int32(index), &rr) == 0 else {
                    throw malformed("answer record \(index) cannot be parsed")
                }
                let owner = Self.trimDot(withUnsafeBytes(of: &rr.name) { raw in
                    String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
                })
                let length = Int(rr.rdlength)
                guard let rdata = rr.rdata, rdata >= base, rdata + length <= end else {
                    throw malformed("record \(index) data lies outside the message")
                }
                let data: DNSReplyRecord.Data
                switch DNSRecordType(rawValue: rr.type) {
                case .cname:
                    data = .name(try Self.expandName(base: base, end: end, at: rdata, within: length, malformed: malformed))
                case .mx:
                    guard length >= 3 else { throw malformed("MX data of \(length) bytes") }
                    let preference = UInt16(rdata[0]) << 8 | UInt16(rdata[1])
                    let exchange = try Self.expandName(base: base, end: end, at: rdata + 2, within: length - 2, malformed: malformed)
                    data = .mx(MXRecord(preference: preference, exchange: exchange))
                default:
                    data = .bytes(Array(UnsafeBufferPointer(start: rdata, count: length)))
                }
                records.append(DNSReplyRecord(owner: owner, type: rr.type, data: data))
            }
            return records
        }
    }

    /// Expands the name at `start`, which must end within `limit` bytes.
    private static func expandName(base: UnsafePointer<UInt8>, end: UnsafePointer<UInt8>, at start: UnsafePointer<UInt8>,
                                   within limit: Int, malformed: (String) -> DNSError) throws -> String {
        var name = [CChar](repeating: 0, count: Int(NS_MAXDNAME) + 1)
        let used = cresolv_dn_expand(base, end, start, &name, Int32(name.count))
        guard used > 0, Int(used) <= limit else { throw malformed("bad compressed name in record data") }
        let text = name.withUnsafeBufferPointer { buffer in
            String(decoding: UnsafeRawBufferPointer(buffer).prefix(while: { $0 != 0 }), as: UTF8.self)
        }
        return trimDot(text)
    }

    /// Drops one trailing dot; the root "." becomes "".
    static func trimDot(_ name: String) -> String {
        name.hasSuffix(".") ? String(name.dropLast()) : name
    }

    /// The records of `type` owned by `name` after following the CNAME chain from `name`,
    /// and that final owner. Chains longer than the answer (loops) stop.
    func records(for name: String, type: DNSRecordType) -> (owner: String, records: [DNSReplyRecord]) {
        var owner = name
        var hops = 0
        while hops <= answers.count,
              let alias = answers.first(where: { $0.type == DNSRecordType.cname.rawValue && Self.sameName($0.owner, owner) }),
              case .name(let target) = alias.data, type != .cname {
            owner = target
            hops += 1
        }
        return (owner, answers.filter { $0.type == type.rawValue && Self.sameName($0.owner, owner) })
    }

    /// DNS names compare without regard to ASCII case.
    static func sameName(_ left: String, _ right: String) -> Bool {
        left.lowercased() == right.lowercased()
    }
}
