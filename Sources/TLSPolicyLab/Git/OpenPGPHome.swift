import ExternalCommand
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A private GnuPG home (`GNUPGHOME`) for making OpenPGP keys at test time and
/// signing tags with them, without touching the user's keys.
///
/// gpg starts a `gpg-agent` for the home on first use; ``stopAgent()`` (also
/// run on deinit) asks it for its PID and stops that process.
public final class OpenPGPHome {
    /// The GnuPG home directory (mode 0700).
    public let directory: URL
    /// A `gpg` wrapper for git's `gpg.program`: it runs gpg with this home and,
    /// when ``fakedSystemTime`` is set, with that clock (to sign in the past).
    public let gpgProgram: URL
    /// Bound for every gpg command.
    public let timeout: TimeInterval

    /// Creates the home in `directory`.
    public init(directory: URL, timeout: TimeInterval = 60) throws {
        self.directory = directory
        self.timeout = timeout
        try LabFileSystem.createDirectory(directory, mode: 0o700)
        gpgProgram = directory.appendingPathComponent("gpg-for-git")
        let gpg = try LabCommandRunner.locate("gpg")
        let script = """
            #!/bin/sh
            # git runs this as gpg.program; a faked clock lets a test sign in the past.
            when=$(cat '\(directory.path)/faked-system-time' 2>/dev/null)
            if [ -n "$when" ]; then
                exec '\(gpg)' --homedir '\(directory.path)' --faked-system-time "$when" "$@"
            fi
            exec '\(gpg)' --homedir '\(directory.path)' "$@"

            """
        try LabFileSystem.write(script, to: gpgProgram, mode: 0o755)
    }

    deinit { try? stopAgent() }

    /// The clock gpg runs with (signing, key generation); nil for the real one. Each gpg
    /// process starts at this instant, so sign at a later one than the key was made at.
    public var fakedSystemTime: Date? {
        didSet {
            let file = directory.appendingPathComponent("faked-system-time")
            let text = fakedSystemTime.map { "\(Int($0.timeIntervalSince1970))" } ?? ""
            try? LabFileSystem.write(text, to: file)
        }
    }

    /// Runs `gpg --batch ARGS` with this home (through the wrapper, so with the faked clock).
    @discardableResult
    public func gpg(_ arguments: [String], input: Data? = nil) throws -> CommandResult {
        try LabCommandRunner.run([gpgProgram.path, "--batch", "--no-tty", "--pinentry-mode", "loopback",
                               "--passphrase", ""] + arguments,
                              input: input, timeout: timeout, displayArgv: ["gpg"] + arguments).checked()
    }

    /// Generates an Ed25519 signing key for `userID`, expiring `expiry` after
    /// creation (`never`, `1d`, ...), created at ``fakedSystemTime`` when set.
    /// - Returns: the key's fingerprint.
    public func generateKey(userID: String, expiry: String = "never") throws -> String {
        try gpg(["--quick-generate-key", userID, "ed25519", "sign", expiry])
        let listing = try gpg(["--with-colons", "--list-keys", userID]).stdoutText
        guard let line = listing.split(separator: "\n").first(where: { $0.hasPrefix("fpr:") }),
              let fingerprint = line.split(separator: ":", omittingEmptySubsequences: false).dropFirst(9).first,
              !fingerprint.isEmpty else {
            throw LabError.invalidArgument("gpg listed no fingerprint for \(userID): \(listing)")
        }
        return String(fingerprint)
    }

    /// Revokes the key by importing the revocation certificate gpg made with it.
    public func revoke(fingerprint: String) throws {
        let certificate = directory.appendingPathComponent("openpgp-revocs.d/\(fingerprint).rev")
        let text = String(decoding: try LabFileSystem.read(certificate), as: UTF8.self)
        // gpg prefixes the armour line with ':' so that the certificate is not imported by accident.
        let armoured = text.replacingOccurrences(of: ":-----BEGIN PGP PUBLIC KEY BLOCK-----",
                                                 with: "-----BEGIN PGP PUBLIC KEY BLOCK-----")
        try gpg(["--import"], input: Data(armoured.utf8))
    }

    /// Exports the public keys `fingerprints` as a binary keyring for `gpgv --keyring`.
    @discardableResult
    public func exportKeyring(fingerprints: [String], to url: URL) throws -> URL {
        let keys = Data(try gpg(["--export"] + fingerprints).stdout)
        guard !keys.isEmpty else { throw LabError.invalidArgument("gpg exported nothing for \(fingerprints)") }
        try LabFileSystem.write(keys, to: url, mode: 0o644)
        return url
    }

    /// Stops this home's gpg-agent, if one runs: asks it for its PID (without
    /// starting one) and sends SIGTERM, then SIGKILL, waiting at most 5 s.
    public func stopAgent() throws {
        let result = try LabCommandRunner.run(["env", "GNUPGHOME=\(directory.path)", "gpg-connect-agent",
                                            "--no-autostart", "getinfo pid", "/bye"], timeout: 10)
        guard result.succeeded,
              let line = result.stdoutText.split(separator: "\n").first(where: { $0.hasPrefix("D ") }),
              let pid = pid_t(line.dropFirst(2).trimmingCharacters(in: .whitespaces)) else { return }
        kill(pid, SIGTERM)
        if !ProcessTable.waitUntil(timeout: 5, { !ProcessTable.isRunning(pid) }) {
            kill(pid, SIGKILL)
            guard ProcessTable.waitUntil(timeout: 5, { !ProcessTable.isRunning(pid) }) else {
                throw LabError.processDidNotStop(pid: pid, what: "gpg-agent for \(directory.path)")
            }
        }
    }
}
