import ArgumentParser

/// `tls-policy-agent sync`: fetch the dataset, verify the newest allowed signed
/// release and deploy it to Postfix.
struct SyncCommand: PlannedCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync",
        abstract: "Fetch the dataset, verify the newest allowed signed release and deploy it to Postfix.",
        discussion: """
            The steps, in order, each with its own outcome: fetch (libgit2), select the release \
            tag allowed by the pin, verify its signature, expiry and that it is not a rollback, \
            read the policy files from the tag's tree, merge local overrides, validate, render, \
            postmap on a copy, atomic swap, postfix reload, record state. Nothing changed since \
            the last deploy: no rebuild and no reload. Not implemented yet: exits with status 2.
            """
    )

    @OptionGroup var globalOptions: GlobalOptions
}
