/// Where the fields of a delivery status or TLS connection message lie in a line's bytes.
///
/// Located once, then made into a full record (``PostfixLogRecord``) or into the few facts
/// counting needs (``PostfixLogEventFields``): one parser for both, and no `String` for a field
/// nobody asked for.
enum LocatedMessage {
    case delivery(Delivery)
    case tlsConnection(TLSConnection)

    /// `[QUEUEID: ]to=<ADDRESS>, FIELDS, status=WORD (REASON)`.
    struct Delivery {
        var queueID: Range<Int>?
        /// After the last `@` of the address, up to its `>`.
        var domain: Range<Int>
        /// The `name=value, ...` fields between the address and `, status=`.
        var fields: Range<Int>
        var status: DeliveryOutcome
        /// Inside the parentheses after the status word, if any.
        var reason: Range<Int>?
    }

    /// `TRUST TLS connection established to HOST[ADDRESS]:PORT: PROTOCOL with cipher CIPHER ...`.
    struct TLSConnection {
        var trust: TLSTrust
        var host: Range<Int>
        var address: Range<Int>
        var port: Int
        var protocolVersion: Range<Int>?
        var cipher: Range<Int>?
    }

    /// Locates the message that starts at `start`; nil for any other message.
    ///
    /// Both shapes are recognised by how the message starts, so that the other lines (most
    /// of a log: qmgr, cleanup, pickup...) are rejected without reading them through.
    static func locate(_ bytes: LogBytes, from start: Int) -> LocatedMessage? {
        guard start < bytes.count else { return nil }
        // A status line is `QUEUEID: to=<...` (or `to=<` without a queue id); a queue id is
        // letters and digits (short hexadecimal or long format).
        var idEnd = start
        while idEnd < bytes.count, isAlphanumeric(bytes[idEnd]) { idEnd += 1 }
        if idEnd > start, bytes.hasPrefix(": to=<", at: idEnd) {
            return locateDelivery(bytes, messageStart: start, toField: idEnd + 2).map { .delivery($0) }
        }
        if bytes.hasPrefix("to=<", at: start) {
            return locateDelivery(bytes, messageStart: start, toField: start).map { .delivery($0) }
        }
        // A TLS summary starts with its trust word: Verified, Trusted, Untrusted, Anonymous.
        switch bytes[start] {
        case UInt8(ascii: "V"), UInt8(ascii: "T"), UInt8(ascii: "U"), UInt8(ascii: "A"):
            if let established = bytes.find(.tlsEstablished, from: start, end: min(bytes.count, start + 48)) {
                return locateTLSConnection(bytes, messageStart: start, established: established).map { .tlsConnection($0) }
            }
            return nil
        default:
            return nil
        }
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
    }

    private static func locateDelivery(_ bytes: LogBytes, messageStart: Int, toField: Int) -> Delivery? {
        let addressStart = toField + 4
        guard let addressEnd = bytes.find(.addressEnd, from: addressStart),
              let status = bytes.find(.status, from: addressEnd) else { return nil }
        // Only the domain: the text after the last "@" of the address (a quoted local part may hold "@").
        guard let at = bytes.lastIndex(of: 0x40, from: addressStart, end: addressEnd), at + 1 < addressEnd else { return nil }
        let wordStart = status + 9
        var wordEnd = wordStart
        while wordEnd < bytes.count, bytes[wordEnd] != 0x20 { wordEnd += 1 }
        var reason: Range<Int>?
        if wordEnd + 1 < bytes.count, bytes[wordEnd + 1] == 0x28,
           let close = bytes.lastIndex(of: 0x29, from: wordEnd + 2, end: bytes.count) {
            reason = (wordEnd + 2)..<close
        }
        return Delivery(queueID: toField > messageStart ? messageStart..<(toField - 2) : nil,
                        domain: (at + 1)..<addressEnd, fields: (addressEnd + 1)..<status,
                        status: outcome(bytes, wordStart, wordEnd), reason: reason)
    }

    private static func outcome(_ bytes: LogBytes, _ start: Int, _ end: Int) -> DeliveryOutcome {
        switch end - start {
        case 4 where bytes.hasPrefix("sent", at: start): .sent
        case 8 where bytes.hasPrefix("deferred", at: start): .deferred
        case 7 where bytes.hasPrefix("bounced", at: start): .bounced
        case 7 where bytes.hasPrefix("expired", at: start): .expired
        default: .other
        }
    }

    private static func locateTLSConnection(_ bytes: LogBytes, messageStart: Int, established: Int) -> TLSConnection? {
        let trust: TLSTrust
        switch established - messageStart {
        case 8 where bytes.hasPrefix("Verified", at: messageStart): trust = .verified
        case 7 where bytes.hasPrefix("Trusted", at: messageStart): trust = .trusted
        case 9 where bytes.hasPrefix("Untrusted", at: messageStart): trust = .untrusted
        case 9 where bytes.hasPrefix("Anonymous", at: messageStart): trust = .anonymous
        default: return nil
        }
        let hostStart = established + 31
        guard let open = bytes.firstIndex(of: 0x5B, from: hostStart),
              let close = bytes.firstIndex(of: 0x5D, from: open),
              close + 1 < bytes.count, bytes[close + 1] == 0x3A,
              let portEnd = bytes.find(.portEnd, from: close + 2),
              let port = bytes.decimal(close + 2, portEnd) else { return nil }
        let protocolStart = portEnd + 2
        var protocolVersion: Range<Int>?
        var cipher: Range<Int>?
        if let with = bytes.find(.withCipher, from: protocolStart) {
            protocolVersion = protocolStart..<with
            let cipherStart = with + 13
            cipher = cipherStart..<(bytes.firstIndex(of: 0x20, from: cipherStart) ?? bytes.count)
        }
        return TLSConnection(trust: trust, host: hostStart..<open, address: (open + 1)..<close, port: port,
                             protocolVersion: protocolVersion, cipher: cipher)
    }
}
