internal import CGit2
import Foundation

/// What libgit2's remote callbacks need during one fetch: the deadline, the
/// SSH key, the known hosts and the trusted CAs. Passed to libgit2 as the
/// callbacks' payload; the fetch keeps it alive (``withCallbacks(_:)``) for as
/// long as libgit2 may call back.
final class GitRemoteCallbackContext {
    /// The fetch's deadline; progress callbacks stop libgit2 once it passed.
    let deadline: GitFetchDeadline
    private let location: GitRemoteLocation
    private let sshKey: GitSSHKey?
    private let knownHosts: GitKnownHosts?
    /// The configured CA file's store; nil: libgit2's verdict against the system CAs.
    private let trust: GitTrustStore?
    /// The first refusal a certificate, host-key or credential callback made.
    private(set) var rejection: GitTransportRejection?
    /// libgit2 asks again after a refused key; one offer per fetch keeps a
    /// wrong key from looping until the deadline.
    private var keyOffers = 0
    /// Bytes of pack data received so far (the download's size).
    private(set) var receivedBytes = 0

    init(deadline: GitFetchDeadline, location: GitRemoteLocation, sshKey: GitSSHKey?,
         knownHosts: GitKnownHosts?, trust: GitTrustStore?) {
        self.deadline = deadline
        self.location = location
        self.sshKey = sshKey
        self.knownHosts = knownHosts
        self.trust = trust
    }

    /// Lends libgit2 a callbacks structure whose payload is this context.
    func withCallbacks<Result, Failure: Error>(
        _ body: (inout git_remote_callbacks) throws(Failure) -> Result
    ) throws(Failure) -> Result {
        var callbacks = git_remote_callbacks()
        git_remote_init_callbacks(&callbacks, UInt32(GIT_REMOTE_CALLBACKS_VERSION))
        callbacks.transfer_progress = Self.transferProgress
        callbacks.sideband_progress = Self.sidebandProgress
        callbacks.credentials = Self.credentials
        callbacks.certificate_check = Self.certificateCheck
        callbacks.payload = Unmanaged.passUnretained(self).toOpaque()
        return try withExtendedLifetime(self) { () throws(Failure) -> Result in try body(&callbacks) }
    }

    /// Zero to go on, or a negative value (with libgit2's error set) once the deadline passed.
    private func checkDeadline() -> Int32 {
        guard deadline.hasPassed else { return 0 }
        git_error_set_str(Int32(GIT_ERROR_CALLBACK.rawValue), "fetch deadline passed")
        return GIT_EUSER.rawValue
    }

    /// Records a refusal, hands its text to libgit2 and returns `code`.
    private func refuse(_ rejection: GitTransportRejection, code: git_error_code, errorClass: git_error_t, message: String) -> Int32 {
        if self.rejection == nil { self.rejection = rejection }
        git_error_set_str(Int32(errorClass.rawValue), message)
        return code.rawValue
    }

    // MARK: Credentials

    private func offerCredential(
        _ out: UnsafeMutablePointer<UnsafeMutablePointer<git_credential>?>?,
        userFromURL: UnsafePointer<CChar>?,
        allowedTypes: UInt32
    ) -> Int32 {
        guard let out else { return GIT_EAUTH.rawValue }
        guard location.transport == .ssh else {
            let reason = "the remote asks for credentials; HTTPS remotes are fetched without any (allowed types \(allowedTypes))"
            return refuse(.authentication(reason: reason), code: GIT_EAUTH, errorClass: GIT_ERROR_CALLBACK, message: reason)
        }
        // With no user in the URL, libgit2's SSH transport first asks for the
        // user name alone, then for a credential that authenticates it.
        if allowedTypes == GIT_CREDENTIAL_USERNAME.rawValue {
            return git_credential_username_new(out, sshKey?.user ?? "git")
        }
        guard let sshKey else {
            return refuse(.authentication(reason: "the remote asks for credentials and no SSH key is configured"),
                          code: GIT_EAUTH, errorClass: GIT_ERROR_CALLBACK, message: "no SSH key is configured")
        }
        guard allowedTypes & GIT_CREDENTIAL_SSH_KEY.rawValue != 0 else {
            return refuse(.authentication(reason: "the remote does not accept SSH public keys (it asks for credentials of types \(allowedTypes))"),
                          code: GIT_EAUTH, errorClass: GIT_ERROR_CALLBACK, message: "the remote does not accept SSH keys")
        }
        let user = userFromURL.map { String(cString: $0) } ?? sshKey.user
        guard keyOffers == 0 else {
            let reason = "the server refused the SSH key \(sshKey.privateKeyPath) for user \(user)"
            return refuse(.authentication(reason: reason), code: GIT_EAUTH, errorClass: GIT_ERROR_CALLBACK, message: reason)
        }
        keyOffers += 1
        return git_credential_ssh_key_new(out, user, sshKey.publicKeyPath, sshKey.privateKeyPath, nil)
    }

    // MARK: Certificates and host keys

    private func checkCertificate(_ certificate: UnsafeMutablePointer<git_cert>, valid: Bool, host: String) -> Int32 {
        switch certificate.pointee.cert_type {
        case GIT_CERT_X509:
            let x509 = UnsafeMutableRawPointer(certificate).assumingMemoryBound(to: git_cert_x509.self)
            return checkServerCertificate(x509, libgit2Valid: valid, host: host)
        case GIT_CERT_HOSTKEY_LIBSSH2:
            let hostKey = UnsafeMutableRawPointer(certificate).assumingMemoryBound(to: git_cert_hostkey.self)
            return checkHostKey(hostKey, host: host)
        default:
            let reason = "the server presented a certificate of a kind PolicyGit cannot check (\(certificate.pointee.cert_type.rawValue))"
            return refuse(.certificate(host: host, reason: reason), code: GIT_ECERTIFICATE, errorClass: GIT_ERROR_SSL, message: reason)
        }
    }

    /// An HTTPS server's certificate. Without a CA file, libgit2's verdict
    /// stands: OpenSSL checked the whole chain the server sent against the
    /// system CAs, and the name. With a CA file, or for an address literal,
    /// OpenSSL is asked here instead: libgit2 checks against the system CAs
    /// only, and libgit2 1.5.1 compares IP-address names inverted (it accepts
    /// any other address and refuses the right one; fixed upstream later).
    private func checkServerCertificate(_ certificate: UnsafeMutablePointer<git_cert_x509>, libgit2Valid: Bool, host: String) -> Int32 {
        let decidedHere = trust != nil || GitPeerCertificate.isAddressLiteral(host)
        if !decidedHere && libgit2Valid { return 0 }
        let store = trust ?? GitTrustStore.systemDefault()
        let der = UnsafeRawBufferPointer(start: certificate.pointee.data, count: certificate.pointee.len)
        let failure: String?
        if let peer = GitPeerCertificate(der: der), let store {
            failure = peer.verificationFailure(host: host, trust: store)
        } else {
            failure = "the certificate could not be read or checked"
        }
        if decidedHere, failure == nil { return 0 }
        // Refused. Without a CA file the verdict was libgit2's, and the leaf-only
        // check here serves to name the reason; when it passes, libgit2 found a
        // fault in the chain the server sent that the leaf alone does not show.
        let origin = store?.origin ?? "the system CAs"
        let reason = failure.map { "\($0) (checked against \(origin))" } ?? "not trusted by \(origin) for this name"
        return refuse(.certificate(host: host, reason: reason), code: GIT_ECERTIFICATE, errorClass: GIT_ERROR_SSL,
                      message: "the certificate of \(host) is not trusted: \(reason)")
    }

    /// An SSH server's host key, against the configured known_hosts file only
    /// (libgit2 consults `~/.ssh/known_hosts` and passes its opinion as
    /// `valid`; that file is not the agent's and is ignored).
    private func checkHostKey(_ certificate: UnsafeMutablePointer<git_cert_hostkey>, host: String) -> Int32 {
        let port = location.port ?? 22
        let name = GitKnownHosts.lookupName(host: host, port: port)
        guard let key = GitHostKey(UnsafePointer(certificate)) else {
            let reason = "libgit2 passed no host key for \(name) to check"
            return refuse(.hostKey(host: name, fingerprint: "", reason: reason), code: GIT_ECERTIFICATE,
                          errorClass: GIT_ERROR_SSH, message: reason)
        }
        let file = knownHosts?.path ?? "(no known-hosts file is configured)"
        let reason: String
        switch knownHosts?.verdict(host: host, port: port, key: key) ?? .unknown {
        case .trusted:
            return 0
        case .unknown:
            reason = "host \(name) is not in the known-hosts file \(file); it presents the \(key.summary) key. "
                + "Add that key only after checking it with the server's operator"
        case .changed(let listed):
            let expected = listed.map { "\($0.key.summary) (line \($0.line))" }.joined(separator: ", ")
            reason = "the host key of \(name) has changed: it presents \(key.summary), \(file) lists \(expected). "
                + "Someone may be impersonating the server (or it negotiated a key type the file does not list)"
        case .revoked(let line):
            reason = "host \(name) presents the \(key.summary) key, revoked in \(file) line \(line)"
        }
        return refuse(.hostKey(host: name, fingerprint: key.fingerprint, reason: reason), code: GIT_ECERTIFICATE,
                      errorClass: GIT_ERROR_SSH, message: reason)
    }

    // MARK: C entry points

    private static func context(_ payload: UnsafeMutableRawPointer?) -> GitRemoteCallbackContext? {
        payload.map { Unmanaged<GitRemoteCallbackContext>.fromOpaque($0).takeUnretainedValue() }
    }

    private static let transferProgress: git_indexer_progress_cb = { stats, payload in
        guard let context = context(payload) else { return 0 }
        if let stats { context.receivedBytes = Int(stats.pointee.received_bytes) }
        return context.checkDeadline()
    }

    private static let sidebandProgress: git_transport_message_cb = { _, _, payload in
        context(payload)?.checkDeadline() ?? 0
    }

    private static let credentials: git_credential_acquire_cb = { out, _, userFromURL, allowedTypes, payload in
        guard let context = context(payload) else { return GIT_EAUTH.rawValue }
        return context.offerCredential(out, userFromURL: userFromURL, allowedTypes: allowedTypes)
    }

    private static let certificateCheck: git_transport_certificate_check_cb = { certificate, valid, host, payload in
        guard let context = context(payload), let certificate else { return GIT_ECERTIFICATE.rawValue }
        return context.checkCertificate(certificate, valid: valid != 0, host: host.map { String(cString: $0) } ?? "")
    }
}
