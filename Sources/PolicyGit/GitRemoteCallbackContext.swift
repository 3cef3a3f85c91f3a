internal import CGit2

/// What libgit2's remote callbacks need during one fetch: the deadline and the
/// SSH key. Passed to libgit2 as the callbacks' payload; the fetch keeps it
/// alive (``withCallbacks(_:)``) for as long as libgit2 may call back.
final class GitRemoteCallbackContext {
    private let deadline: ContinuousClock.Instant
    private let sshKey: GitSSHKey?
    /// Set when a callback stopped libgit2 because the deadline passed.
    private(set) var timedOut = false
    /// libgit2 asks again after a refused credential; one offer per fetch
    /// keeps a wrong key from looping until the deadline.
    private var credentialOffers = 0

    init(timeout: Double, sshKey: GitSSHKey?) {
        deadline = ContinuousClock.now.advanced(by: .milliseconds(Int64(max(timeout, 0) * 1000)))
        self.sshKey = sshKey
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
        let payload = Unmanaged.passUnretained(self).toOpaque()
        callbacks.payload = payload
        return try withExtendedLifetime(self) { () throws(Failure) -> Result in try body(&callbacks) }
    }

    /// Zero to go on, or a negative value (with libgit2's error set) once the deadline passed.
    private func checkDeadline() -> Int32 {
        guard ContinuousClock.now >= deadline else { return 0 }
        timedOut = true
        git_error_set_str(Int32(GIT_ERROR_CALLBACK.rawValue), "fetch deadline passed")
        return GIT_EUSER.rawValue
    }

    private func offerCredential(
        _ out: UnsafeMutablePointer<UnsafeMutablePointer<git_credential>?>?,
        userFromURL: UnsafePointer<CChar>?,
        allowedTypes: UInt32
    ) -> Int32 {
        let wantsKey = allowedTypes & GIT_CREDENTIAL_SSH_KEY.rawValue != 0
        guard let sshKey, wantsKey, credentialOffers == 0, let out else {
            git_error_set_str(Int32(GIT_ERROR_CALLBACK.rawValue),
                              sshKey == nil ? "the remote asks for credentials and no SSH key is configured"
                                            : "the remote refused the configured SSH key")
            return GIT_EAUTH.rawValue
        }
        credentialOffers += 1
        let user = userFromURL.map { String(cString: $0) } ?? sshKey.user
        return git_credential_ssh_key_new(out, user, sshKey.publicKeyPath, sshKey.privateKeyPath, nil)
    }

    private static func context(_ payload: UnsafeMutableRawPointer?) -> GitRemoteCallbackContext? {
        payload.map { Unmanaged<GitRemoteCallbackContext>.fromOpaque($0).takeUnretainedValue() }
    }

    private static let transferProgress: git_indexer_progress_cb = { _, payload in
        context(payload)?.checkDeadline() ?? 0
    }

    private static let sidebandProgress: git_transport_message_cb = { _, _, payload in
        context(payload)?.checkDeadline() ?? 0
    }

    private static let credentials: git_credential_acquire_cb = { out, _, userFromURL, allowedTypes, payload in
        guard let context = context(payload) else { return GIT_EAUTH.rawValue }
        return context.offerCredential(out, userFromURL: userFromURL, allowedTypes: allowedTypes)
    }
}
