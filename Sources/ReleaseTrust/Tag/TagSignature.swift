/// The signature block of a tag object, split off the way git splits it.
public struct TagSignature: Sendable, Hashable {
    /// Which signing format the block's armour line names.
    public enum Kind: String, Sendable, Hashable {
        /// `-----BEGIN SSH SIGNATURE-----` (`gpg.format=ssh`).
        case ssh
        /// `-----BEGIN PGP SIGNATURE-----` (OpenPGP, `gpg.format=openpgp`).
        case openPGP = "openpgp"
        /// `-----BEGIN SIGNED MESSAGE-----` (`gpg.format=x509`); recognised so
        /// that it is split like git splits it, never trusted.
        case x509
    }

    /// The format.
    public let kind: Kind
    /// The armoured block from its BEGIN line through its END line and that
    /// line's newline: what the verifying tool is given.
    public let armored: [UInt8]

    /// A signature from its parts.
    public init(kind: Kind, armored: [UInt8]) {
        self.kind = kind
        self.armored = armored
    }
}
