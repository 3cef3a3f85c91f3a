/// The protocol versions a session may negotiate: Postfix's `protocols=` (or
/// `smtp_tls_mandatory_protocols`) after `tls_proto_mask_lims` turned it into bounds.
public struct TLSProtocolRange: Sendable, Hashable, Codable, CustomStringConvertible {
    /// Lowest version allowed; nil means OpenSSL's lowest.
    public var minimum: TLSProtocolVersion?
    /// Highest version allowed; nil means OpenSSL's highest.
    public var maximum: TLSProtocolVersion?

    /// A range; both bounds are inclusive.
    public init(minimum: TLSProtocolVersion? = nil, maximum: TLSProtocolVersion? = nil) {
        self.minimum = minimum
        self.maximum = maximum
    }

    /// Postfix 3.7's default `smtp_tls_mandatory_protocols = >=TLSv1`.
    public static let postfixDefault = TLSProtocolRange(minimum: .tls1)

    /// True when no version satisfies both bounds.
    public var isEmpty: Bool {
        guard let minimum, let maximum else { return false }
        return minimum > maximum
    }

    /// `>=TLSv1.2 <=TLSv1.3`-style text, as Postfix would write it.
    public var description: String {
        [minimum.map { ">=\($0)" }, maximum.map { "<=\($0)" }].compactMap { $0 }.joined(separator: " ")
    }
}
