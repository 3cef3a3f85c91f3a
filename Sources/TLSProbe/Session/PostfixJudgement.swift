/// Postfix's decision after a session, with Postfix's wording (`smtp_proto.c`,
/// `tls_client.c`, `tls_verify.c` of Postfix 3.7).
struct PostfixJudgement {
    /// The request's peer, `host[address]:port`.
    let peer: String
    /// The level after DANE fallbacks (`dane` without TLSA records is `may`, with only
    /// unusable ones `encrypt`).
    let effectiveLevel: TLSSecurityLevel
    /// True when `dane-only` had no usable TLSA record: Postfix defers whatever the server does.
    let noUsableTLSAForDaneOnly: Bool
    /// True when no match name could be loaded (Postfix's `must_fail`).
    let noNameChecks: Bool

    func verdict(failure: ProbeFailure?, tls: TLSSessionSummary?, issuer: String?) -> PostfixVerdict {
        if effectiveLevel == .none {
            if let failure { return unreachable(failure) }
            return PostfixVerdict(wouldDeliver: true, reason: "TLS not used at level none")
        }
        if noUsableTLSAForDaneOnly {
            return PostfixVerdict(wouldDeliver: false, reason: "\(peer): no usable TLSA records at level dane-only",
                                  deferral: "TLS is required, but no usable TLSA records", resultType: .tlsaInvalid)
        }
        if let failure, tls == nil {
            return verdictBeforeTLS(failure)
        }
        guard let tls else {
            return PostfixVerdict(wouldDeliver: false, reason: "\(peer): no TLS session", resultType: .validationFailure)
        }
        let matched = effectiveLevel.requiresMatch && tls.verification.isValid && !noNameChecks
        if effectiveLevel.requiresMatch && !matched {
            return notVerified(tls, issuer: issuer)
        }
        if let failure {
            // The TLS session was fine; the server failed later (EHLO after STARTTLS).
            return PostfixVerdict(wouldDeliver: false, reason: "\(peer): \(failure)", deferral: failure.description)
        }
        let kind = matched ? "Verified" : (tls.verification.isValid ? "Trusted" : "Untrusted")
        let cipher = tls.cipher
        return PostfixVerdict(wouldDeliver: true, reason: "\(kind) TLS connection established to \(peer): \(tls.protocolVersion) with cipher \(cipher)")
    }

    private func verdictBeforeTLS(_ failure: ProbeFailure) -> PostfixVerdict {
        switch failure {
        case .starttlsNotOffered:
            if !effectiveLevel.requiresTLS {
                return PostfixVerdict(wouldDeliver: true, reason: "\(peer) did not offer STARTTLS; plaintext delivery at level \(effectiveLevel.rawValue)")
            }
            let text = "TLS is required, but was not offered by host \(peer)"
            return PostfixVerdict(wouldDeliver: false, reason: text, deferral: text, resultType: .starttlsNotSupported)
        case .rejected(.starttls, let code, let text):
            if !effectiveLevel.requiresTLS {
                return PostfixVerdict(wouldDeliver: true, reason: "\(peer) refused STARTTLS (\(code) \(text)); plaintext delivery at level \(effectiveLevel.rawValue)")
            }
            let message = "TLS is required, but host \(peer) refused to start TLS: \(code) \(text)"
            return PostfixVerdict(wouldDeliver: false, reason: message, deferral: message, resultType: .starttlsNotSupported)
        default:
            if failure.step == .starttls || failure.step == .handshake {
                let reason = "SSL_connect error to \(peer): \(failure)"
                if !effectiveLevel.requiresTLS {
                    return PostfixVerdict(wouldDeliver: true, reason: reason + "; plaintext retry at level \(effectiveLevel.rawValue)")
                }
                return PostfixVerdict(wouldDeliver: false, reason: reason, deferral: "Cannot start TLS: handshake failure",
                                      resultType: .validationFailure)
            }
            return unreachable(failure)
        }
    }

    private func unreachable(_ failure: ProbeFailure) -> PostfixVerdict {
        PostfixVerdict(wouldDeliver: false, reason: "\(peer): \(failure)", deferral: failure.description)
    }

    private func notVerified(_ tls: TLSSessionSummary, issuer: String?) -> PostfixVerdict {
        let deferral = "Server certificate not verified"
        if noNameChecks {
            return PostfixVerdict(wouldDeliver: false, reason: "\(peer): could not configure peer name checks",
                                  deferral: deferral, resultType: .certificateHostMismatch)
        }
        let code = Int32(tls.verification.code)
        let isDANE = effectiveLevel == .dane || effectiveLevel == .daneOnly
        let reason: String
        let type: TLSRPTResultType
        switch code {
        case X509VerifyCode.certUntrusted:
            reason = "certificate verification failed for \(peer): not trusted by local or TLSA policy"
            type = isDANE ? .tlsaInvalid : .certificateNotTrusted
        case X509VerifyCode.depthZeroSelfSigned:
            reason = "certificate verification failed for \(peer): self-signed certificate"
            type = .certificateNotTrusted
        case X509VerifyCode.unableToGetIssuerLocally, X509VerifyCode.selfSignedInChain:
            reason = "certificate verification failed for \(peer): untrusted issuer \(issuer ?? "<unknown>")"
            type = .certificateNotTrusted
        case X509VerifyCode.notYetValid, X509VerifyCode.errorInNotBefore:
            reason = "server certificate verification failed for \(peer): certificate not yet valid"
            type = .validationFailure
        case X509VerifyCode.hasExpired, X509VerifyCode.errorInNotAfter:
            reason = "server certificate verification failed for \(peer): certificate has expired"
            type = .certificateExpired
        default:
            reason = "server certificate verification failed for \(peer): num=\(code):\(tls.verification.reason)"
            switch code {
            case X509VerifyCode.hostnameMismatch: type = .certificateHostMismatch
            case X509VerifyCode.daneNoMatch: type = isDANE ? .tlsaInvalid : .validationFailure
            default: type = .validationFailure
            }
        }
        return PostfixVerdict(wouldDeliver: false, reason: reason, deferral: deferral, resultType: type)
    }
}
