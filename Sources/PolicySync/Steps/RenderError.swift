/// Why the render step refused to write a table.
enum RenderError: SyncStepFailure {
    /// `dane_mode = on` on a host whose Postfix does no DNSSEC lookups: every `dane-only`
    /// entry would defer its mail.
    case daneWithoutDNSSEC(level: String)

    var reason: String { "dane-mismatch" }

    var description: String {
        switch self {
        case .daneWithoutDNSSEC(let level):
            "dane_mode = on, but smtp_dns_support_level = \(level.isEmpty ? "(unset)" : level): "
                + "dane-only entries would defer mail; set smtp_dns_support_level = dnssec or dane_mode = auto"
        }
    }
}
