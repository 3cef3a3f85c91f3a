/// How ``GitFixtureRepository/tag(_:message:signing:target:date:force:)`` signs a tag.
public enum GitTagSigning {
    /// An annotated tag without a signature (`git tag -a`).
    case unsigned
    /// `git tag -s` with `gpg.format=ssh` and this key.
    case ssh(SSHSigningKey)
    /// `git tag -s` with GnuPG from `home` and the key with this fingerprint.
    case openPGP(OpenPGPHome, fingerprint: String)
}
