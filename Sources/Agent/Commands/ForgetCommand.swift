import ArgumentParser
import PolicySync

/// `tls-policy-agent forget`: the one documented way to reset what the agent remembers.
struct ForgetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "forget",
        abstract: "Forget a verified release tag, or the rollback floor, after a deliberate change upstream.",
        discussion: """
            The agent remembers every release tag it verified with the object that passed, and \
            refuses the tag when it later names another object (a published release must never \
            change). When the maintainers re-published a release on purpose, `forget TAG` lets \
            the next sync verify the tag's new object afresh. The agent also refuses any release \
            older than the newest one it deployed (rollback protection); when the maintainers \
            withdrew that release for good, `forget --rollback-floor` lets the next sync deploy \
            the newest release the repository offers. Tags that failed verification are never \
            remembered: a bad tag that is fixed upstream needs nothing from the operator.
            """
    )

    @Argument(help: "Release tags to forget.")
    var tags: [String] = []

    @Flag(name: .long, help: "Also forget the newest release deployed here (the rollback floor).")
    var rollbackFloor = false

    @OptionGroup var configurationOptions: ConfigurationOptions
    @OptionGroup var syncOptions: SyncOptions
    @OptionGroup var globalOptions: GlobalOptions

    func validate() throws {
        guard !tags.isEmpty || rollbackFloor else {
            throw ValidationError("name at least one tag, or --rollback-floor")
        }
    }

    func run() throws {
        let configuration: AgentConfiguration
        do {
            configuration = try configurationOptions.load()
        } catch {
            throw error.report()
        }
        let reset = StateReset(store: configuration.stateStore, lockTimeout: syncOptions.lockTimeout)
        let outcome: StateReset.Outcome
        do {
            outcome = try reset.forget(tags: tags, rollbackFloor: rollbackFloor)
        } catch {
            throw CommandFailure.run(error.description, isLocalIOError: error.isLocalIOError).report()
        }
        for tag in outcome.forgottenTags { print("forgot verified release \(tag)") }
        for tag in outcome.unknownTags { print("\(tag) was not a verified release here; nothing to forget") }
        if let floor = outcome.clearedRollbackFloor { print("forgot the rollback floor \(floor)") }
        if rollbackFloor, outcome.clearedRollbackFloor == nil { print("no rollback floor was recorded") }
    }
}
