import Logging
import TLSPolicy

/// Step 6: the merged table as bytes, in the variant this host's DANE mode asks for
/// (`dane-only` for marked entries only where Postfix does DNSSEC lookups).
struct RenderStep {
    var context: SyncContext

    /// The variant for this host.
    func variant(host: PostfixHostFacts) throws(RenderError) -> TableRenderer.Variant {
        switch context.configuration.daneMode {
        case .off: return .pkix
        case .auto: return host.dnssec ? .dane : .pkix
        case .on:
            guard host.dnssec else { throw .daneWithoutDNSSEC(level: host.dnsSupportLevel) }
            return .dane
        }
    }

    /// The table, written from the merged bytes: keys sorted, nothing parsed again.
    func run(merged: MergedPolicy, commit: String, host: PostfixHostFacts) throws(RenderError) -> RenderedTable {
        let variant = try variant(host: host)
        let table = TableRenderer(variant: variant, sourceCommit: commit).render(merged)
        context.logger.info("rendered", metadata: ["variant": "\(variant.rawValue)", "bytes": "\(table.bytes.count)"])
        return table
    }

    /// The table installed when the release expired and `expiry_fallback = empty`: no
    /// entries, so every destination gets the host's default (opportunistic) TLS level.
    static func emptyTable(expiredTag: String) -> [UInt8] {
        Array("""
            # Postfix TLS policy table for smtp_tls_policy_maps, written by tls-policy-agent.
            # Empty on purpose: release \(expiredTag) expired and expiry_fallback = empty.

            """.utf8)
    }
}
