import Foundation

/// Checks one kind of tag signature against locally trusted keys.
public protocol SignatureVerifier: Sendable {
    /// The signature format this verifier checks.
    var kind: TagSignature.Kind { get }

    /// Verifies that `signature` covers `payload` and was made by a key
    /// trusted at `now` (the current time, never the tagger date).
    ///
    /// - Parameter tag: the tag's name, for error messages.
    /// - Throws: ``ReleaseTrustError/signatureRejected(tag:kind:reason:)`` and
    ///   the trust-file and tool errors.
    func verify(payload: [UInt8], signature: TagSignature, tag: String, at now: Date) async throws(ReleaseTrustError) -> SignerIdentity
}
