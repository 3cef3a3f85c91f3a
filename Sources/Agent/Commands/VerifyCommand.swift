import ArgumentParser
import Foundation
import PolicyDeploy
import PolicyGit
import ReleaseTrust

/// `tls-policy-agent verify TAG`: fetch, then verify one release tag as sync would,
/// without deploying it.
struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Verify a release tag's signature, expiry and name without deploying it.",
        discussion: """
            Fetches the repository's tags into the cache, then checks TAG the way sync does: \
            SSH signatures against the allowed-signers file, OpenPGP signatures against the \
            keyring, key validity at the current time, expiry read from the signed part of the \
            message only, the tag name inside the object against the ref name, and that the tag \
            never moved. Exits with status 0 when it would be accepted, 1 when refused.
            """
    )

    @Argument(help: "The release tag to verify, for example v2024.05.1.")
    var tag: String

    @OptionGroup var configurationOptions: ConfigurationOptions
    @OptionGroup var syncOptions: SyncOptions
    @OptionGroup var globalOptions: GlobalOptions

    func run() throws {
        let logger = globalOptions.makeLogger(command: "verify")
        let configuration: AgentConfiguration
        do {
            configuration = try configurationOptions.load()
        } catch let failure as CommandFailure {
            throw failure.report()
        }
        let context = SyncContext(configuration: configuration, logger: logger, fetchTimeout: syncOptions.fetchTimeout)
        let name = tag
        let lockTimeout = syncOptions.lockTimeout
        let outcome: Result<VerifiedRelease, SyncFailure> = BlockingTask.run {
            do throws(SyncFailure) {
                return .success(try await VerifyCommand.verify(name, context: context, lockTimeout: lockTimeout))
            } catch {
                return .failure(error)
            }
        }
        switch outcome {
        case .success(let release):
            print("verified \(release.tagName): commit \(release.commitID), signed by \(release.signer), "
                + "expires \(ReleaseExpiry.format(release.expires))")
        case .failure(let failure):
            throw CommandFailure(failure.description).report()
        }
    }

    /// The fetch and verify steps of a sync, for the tag `name` instead of the pin's choice.
    static func verify(_ name: String, context: SyncContext, lockTimeout: Double) async throws(SyncFailure) -> VerifiedRelease {
        let lock: RunLock
        do {
            lock = try context.stateStore.lock(timeout: lockTimeout)
        } catch {
            throw SyncFailure(step: .lock, failure: DeployStepError(error: error))
        }
        defer { withExtendedLifetime(lock) {} }
        let fetched: FetchStep.Fetched
        do {
            // The tag asked about is guarded against moves even when the pin would not allow it.
            fetched = try FetchStep(context: context, guards: { $0 == name }).run()
        } catch {
            throw SyncFailure(step: .fetch, failure: error)
        }
        guard let tag = fetched.tags.first(where: { $0.name == name }) else {
            throw SyncFailure(step: .select, failure: SelectError.noMatchingTag(pin: name, tagsSeen: fetched.tags.count))
        }
        do {
            return try await VerifyStep(context: context).run(tag: tag, cache: fetched.cache, deployed: nil)
        } catch {
            throw SyncFailure(step: .verify, failure: error)
        }
    }
}
