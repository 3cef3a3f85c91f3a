import ArgumentParser
import Foundation
import PolicySync
import ReleaseTrust

/// `tls-policy-agent verify TAG`: fetch, then verify one release tag as sync would,
/// without deploying it.
struct VerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Verify a release tag's signature, expiry and name without deploying it.",
        discussion: """
            Fetches the repository's tags into the cache, then checks TAG, as the repository \
            offers it now, the way sync does: SSH signatures against the allowed-signers file, \
            OpenPGP signatures against the keyring, key validity at the current time, expiry \
            read from the signed part of the message only, dates not in the future, the tag \
            name inside the object against the ref name, and that a tag verified here before \
            still names the same object. Records nothing. Exits with status 0 when it would be \
            accepted, 1 when refused.
            """
    )

    @Argument(help: "The release tag to verify, for example v2024.05.1.")
    var tag: String

    @OptionGroup var configurationOptions: ConfigurationOptions
    @OptionGroup var syncOptions: SyncOptions
    @OptionGroup var globalOptions: GlobalOptions

    func run() async throws {
        let logger = globalOptions.makeLogger(command: "verify")
        let configuration: AgentConfiguration
        do {
            configuration = try configurationOptions.load()
        } catch {
            throw error.report()
        }
        let check = ReleaseCheck(context: SyncContext(configuration: configuration, logger: logger),
                                 lockTimeout: syncOptions.lockTimeout)
        do {
            let release = try await check.verify(tag)
            print("verified \(release.tagName): commit \(release.commitID), signed by \(release.signer), "
                + "expires \(ReleaseExpiry.format(release.expires))")
        } catch {
            throw CommandFailure.run(error).report()
        }
    }
}
