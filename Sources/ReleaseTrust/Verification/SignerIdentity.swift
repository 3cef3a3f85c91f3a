/// Who signed a verified release.
public struct SignerIdentity: Sendable, Hashable, CustomStringConvertible {
    /// The signature's format.
    public let kind: TagSignature.Kind
    /// For SSH, the principal from the allowed-signers file; for OpenPGP, the
    /// primary key's fingerprint.
    public let identity: String

    /// An identity from its parts.
    public init(kind: TagSignature.Kind, identity: String) {
        self.kind = kind
        self.identity = identity
    }

    public var description: String { "\(kind.rawValue):\(identity)" }
}
