import Foundation

/// Who signed a verified release.
public struct SignerIdentity: Sendable, Hashable, CustomStringConvertible {
    /// The signature's format.
    public let kind: TagSignature.Kind
    /// For SSH, the principal from the allowed-signers file; for OpenPGP, the
    /// primary key's fingerprint.
    public let identity: String
    /// When the signature says it was made, where the format records it (OpenPGP's
    /// signature time; SSH signatures carry none). Written by the signer: only ever
    /// bounded against the current time, never trusted for key validity.
    public let signedAt: Date?

    /// An identity from its parts.
    public init(kind: TagSignature.Kind, identity: String, signedAt: Date? = nil) {
        self.kind = kind
        self.identity = identity
        self.signedAt = signedAt
    }

    public var description: String { "\(kind.rawValue):\(identity)" }
}
