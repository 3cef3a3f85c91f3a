import Logging
#if canImport(Glibc)
import Glibc
import PolicyDNS
#endif

/// One SMTP + STARTTLS + OpenSSL session, configured as Postfix's SMTP client configures
/// it for a policy level, and Postfix's verdict on it.
///
/// ``run(_:)`` is synchronous and blocking: it connects, reads the banner, says EHLO,
/// starts TLS, checks the peer, says EHLO again and QUIT, each step bounded by the
/// request's timeouts. Sessions share nothing, so any number may run at once on threads
/// of the caller's choosing (never on Swift's cooperative pool: they block).
public struct TLSProbe: Sendable {
    private let logger: Logger

    /// Ignoring SIGPIPE once per process: OpenSSL writes to the socket with `write(2)`,
    /// and a server that hangs up mid-handshake must give an error, not kill the process.
    private static let ignoreSIGPIPE: Void = { _ = signal(SIGPIPE, SIG_IGN) }()

    /// A probe that logs its steps at debug level through `logger`.
    public init(logger: Logger = Logger(label: "TLSProbe")) {
        self.logger = logger
    }

    /// Runs one session as `request` describes.
    ///
    /// - Returns: what the session learned and Postfix's verdict; whatever the server does
    ///   (refuse, stall, send garbage) ends up here, never as a thrown error.
    /// - Throws: ``TLSProbeError`` when the request itself cannot be used (an empty
    ///   protocol range, a bad fingerprint, an unreadable CA file).
    public func run(_ request: ProbeRequest) throws -> ProbeResult {
        Self.ignoreSIGPIPE
        let started = ContinuousClock.now
        let overallEnd = started.advanced(by: StepDeadline.duration(request.timeouts.overall))
        let fingerprints = try request.fingerprints.map(FingerprintParser.parse)
        if request.level == .fingerprint && fingerprints.isEmpty { throw TLSProbeError.noFingerprints }
        let context = try TLSClientContext(request: request)

        var effectiveLevel = request.level
        let usableTLSA = request.tlsaRecords.filter(\.isUsableForSMTP)
        if request.level == .dane {
            // Postfix: no TLSA records means opportunistic TLS; only unusable ones, mandatory TLS.
            if request.tlsaRecords.isEmpty { effectiveLevel = .may } else if usableTLSA.isEmpty { effectiveLevel = .encrypt }
        }
        var noUsableForDaneOnly = request.level == .daneOnly && usableTLSA.isEmpty
        var noNameChecks = false

        var banner: String?
        var keywords: [String] = []
        var offered: Bool?
        var summary: TLSSessionSummary?
        var issuer: String?
        var failure: ProbeFailure?
        let reader = SMTPReplyReader(limits: request.limits)
        let log = logger
        func deadline(_ step: ProbeStep, _ limit: Double) -> StepDeadline {
            StepDeadline(step: step, limit: limit, overallEnd: overallEnd)
        }
        func command(_ text: String, over transport: SMTPTransport, step: ProbeStep, limit: Double) throws -> SMTPReply {
            let bound = deadline(step, limit)
            log.debug("send", metadata: ["peer": "\(request.peerName)", "command": "\(text)"])
            try transport.send(Array("\(text)\r\n".utf8), deadline: bound)
            return try reader.readReply(from: transport, deadline: bound)
        }

        do {
            let socket = try SMTPSocket(address: request.address, port: request.port, deadline: deadline(.connect, request.timeouts.connect))
            let greeting = try reader.readReply(from: socket, deadline: deadline(.banner, request.timeouts.banner))
            banner = greeting.text
            guard greeting.isPositive else { throw ProbeFailure.rejected(step: .banner, code: greeting.code, text: greeting.text) }
            let ehlo = try command("EHLO \(request.heloName)", over: socket, step: .ehlo, limit: request.timeouts.ehlo)
            guard ehlo.isPositive else { throw ProbeFailure.rejected(step: .ehlo, code: ehlo.code, text: ehlo.text) }
            keywords = ehlo.ehloKeywords
            offered = keywords.contains("STARTTLS")
            if effectiveLevel == .none || offered == false {
                quit(over: socket, reader: reader, overallEnd: overallEnd)
                if offered == false && effectiveLevel != .none { throw ProbeFailure.starttlsNotOffered }
            } else {
                let reply = try command("STARTTLS", over: socket, step: .starttls, limit: request.timeouts.starttls)
                guard reply.code == 220 else { throw ProbeFailure.rejected(step: .starttls, code: reply.code, text: reply.text) }
                if reader.pendingByteCount > 0 {
                    // Plaintext after the 220 would be read as TLS; RFC 3207 forbids it (STARTTLS injection).
                    throw ProbeFailure.handshakeFailed(reason: "server sent \(reader.pendingByteCount) bytes of plaintext after its STARTTLS reply")
                }
                let connection = try TLSClientConnection(context: context, socket: socket)
                let configured = try configure(connection, request: request, level: effectiveLevel, fingerprints: fingerprints, usableTLSA: usableTLSA)
                noNameChecks = configured.noNameChecks
                if configured.fallBackToEncrypt { effectiveLevel = .encrypt }
                if configured.noUsableTLSA && request.level == .daneOnly { noUsableForDaneOnly = true }
                try connection.handshake(deadline: deadline(.handshake, request.timeouts.handshake))
                let peer = connection.peerCertificate
                issuer = peer?.issuerOneLine
                var dane: DANEStatus?
                if configured.daneRecords > 0 || configured.unusableRecords > 0 {
                    let match = connection.matchedTLSA
                    dane = DANEStatus(usableRecords: configured.daneRecords, unusableRecords: configured.unusableRecords,
                                      matchedRecord: match?.record, matchedDepth: match?.depth)
                }
                let verification = connection.verification
                summary = TLSSessionSummary(protocolVersion: connection.protocolVersion, cipher: connection.cipher.name,
                                            peerCertificate: peer?.summary(), verification: verification,
                                            matchedName: verification.isValid ? connection.matchedName : nil, dane: dane)
                log.debug("handshake done", metadata: ["peer": "\(request.peerName)", "verify": "\(verification.code):\(verification.reason)"])
                reader.discardPending()
                let again = try command("EHLO \(request.heloName)", over: connection, step: .ehloAfterTLS, limit: request.timeouts.ehlo)
                guard again.isPositive else { throw ProbeFailure.rejected(step: .ehloAfterTLS, code: again.code, text: again.text) }
                quit(over: connection, reader: reader, overallEnd: overallEnd)
                connection.shutdown()
            }
        } catch let error as ProbeFailure {
            failure = error
            log.debug("probe failed", metadata: ["peer": "\(request.peerName)", "failure": "\(error)"])
        }

        let judgement = PostfixJudgement(peer: request.peerName, effectiveLevel: effectiveLevel,
                                         noUsableTLSAForDaneOnly: noUsableForDaneOnly, noNameChecks: noNameChecks)
        let verdict = judgement.verdict(failure: failure, tls: summary, issuer: issuer)
        return ProbeResult(request: request, banner: banner, ehloKeywords: keywords, starttlsOffered: offered, tls: summary,
                           failure: failure, verdict: verdict, elapsed: StepDeadline.seconds(ContinuousClock.now - started))
    }

    /// What configuring the connection decided.
    private struct Configuration {
        var daneRecords = 0
        var unusableRecords = 0
        var noNameChecks = false
        var fallBackToEncrypt = false
        var noUsableTLSA = false
    }

    /// Postfix's `tls_auth_enable` and `tls_dane_enable` for the level.
    private func configure(_ connection: TLSClientConnection, request: ProbeRequest, level: TLSSecurityLevel,
                           fingerprints: [[UInt8]], usableTLSA: [TLSARecord]) throws -> Configuration {
        var result = Configuration()
        var serverName = request.serverName.map { name -> String in
            switch name {
            case "hostname": request.mxHost
            case "nexthop": request.nexthop
            default: name
            }
        }
        switch level {
        case .dane, .daneOnly:
            try connection.enableDANE()
            // With DANE the match names are fixed: the TLSA base domain, the MX host (smtp_tls_policy.c).
            _ = connection.addNameChecks([request.mxHost])
            for record in request.tlsaRecords {
                if record.isUsableForSMTP,
                   try connection.addTLSA(usage: record.usage, selector: record.selector, matchingType: record.matchingType, data: record.data) {
                    result.daneRecords += 1
                } else {
                    result.unusableRecords += 1
                }
            }
            if result.daneRecords == 0 {
                result.noUsableTLSA = true
                result.fallBackToEncrypt = level == .dane
            }
            // RFC 7672: the SNI name is the TLSA base domain.
            serverName = request.mxHost
        case .fingerprint:
            try connection.enableDANE()
            for digest in fingerprints {
                // Postfix's synthetic DANE-EE records: the digest may be of the certificate or of its key.
                for selector: UInt8 in [0, 1] where try connection.addTLSA(
                    usage: 3, selector: selector, matchingType: TLSClientContext.fingerprintMatchingType, data: digest) {
                    result.daneRecords += 1
                }
            }
        case .verify, .secure:
            let patterns = request.matchNames.isEmpty ? level.defaultMatchNames : request.matchNames
            let names = MatchNameExpander.expand(patterns, mxHost: request.mxHost, nexthop: request.nexthop)
            result.noNameChecks = connection.addNameChecks(names) == 0
        case .none, .may, .encrypt:
            break
        }
        if let serverName { try connection.setServerName(serverName) }
        return result
    }

    /// QUIT and its reply, bounded by a few seconds; a server that does not answer is not a failure.
    private func quit(over transport: SMTPTransport, reader: SMTPReplyReader, overallEnd: ContinuousClock.Instant) {
        let bound = StepDeadline(step: .quit, limit: 5, overallEnd: overallEnd)
        do {
            try transport.send(Array("QUIT\r\n".utf8), deadline: bound)
            _ = try reader.readReply(from: transport, deadline: bound)
        } catch {
            logger.debug("QUIT unanswered", metadata: ["error": "\(error)"])
        }
    }
}
