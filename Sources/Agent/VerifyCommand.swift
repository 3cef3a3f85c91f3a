import ArgumentParser

/// `tls-policy-agent verify`: verify a release tag's signature, expiry and name
/// without deploying it.
struct VerifyCommand: PlannedCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Verify a release tag's signature, expiry and name without deploying it.",
        discussion: """
            Checks the tag the way sync does: SSH signatures against the allowed-signers file, \
            OpenPGP signatures against the keyring, key validity at the current time, expiry \
            read from the signed part of the message only, and the tag name inside the object \
            against the ref name. Not implemented yet: exits with status 2.
            """
    )

    @OptionGroup var globalOptions: GlobalOptions
}
