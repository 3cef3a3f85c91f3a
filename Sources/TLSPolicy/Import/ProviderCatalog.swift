/// Well-known mail providers and the registrable domains they operate, so that an
/// import files e.g. every Microsoft-hosted domain under `microsoft.policy` with the
/// header `# Provider: Microsoft`.
///
/// Small and explicit on purpose: a domain that is not listed still gets a file of
/// its own, named for its registrable domain. List a domain here only when the
/// provider runs its mail servers (MX host names, certificate names), and only the
/// registrable domain (`outlook.com`, not `mail.protection.outlook.com`).
public struct ProviderCatalog: Sendable {
    /// A provider and the registrable domains that identify it.
    public struct Entry: Sendable {
        public var provider: Provider
        public var domains: [String]

        public init(provider: Provider, domains: [String]) {
            self.provider = provider
            self.domains = domains
        }
    }

    public let entries: [Entry]
    private let byDomain: [String: Provider]

    /// Builds a catalog; a domain listed twice keeps its first provider.
    public init(entries: [Entry]) {
        self.entries = entries
        var byDomain: [String: Provider] = [:]
        for entry in entries {
            for domain in entry.domains where byDomain[domain.lowercased()] == nil {
                byDomain[domain.lowercased()] = entry.provider
            }
        }
        self.byDomain = byDomain
    }

    /// The provider that operates `registrableDomain`, if it is a well-known one.
    public func provider(forRegistrableDomain registrableDomain: String) -> Provider? {
        byDomain[registrableDomain.lowercased()]
    }

    /// The providers this project names; everything else is named by its registrable domain.
    public static let wellKnown = ProviderCatalog(entries: [
        Entry(provider: Provider(slug: "microsoft", displayName: "Microsoft"),
              domains: ["microsoft.com", "mx.microsoft", "outlook.com", "outlook.de",
                        "hotmail.com", "live.com", "msn.com"]),
        Entry(provider: Provider(slug: "yahoo", displayName: "Yahoo"),
              domains: ["yahoo.com", "yahoodns.net", "aol.com", "ymail.com", "rocketmail.com"]),
        Entry(provider: Provider(slug: "google", displayName: "Google"),
              domains: ["google.com", "googlemail.com", "gmail.com", "smtp.goog"]),
        Entry(provider: Provider(slug: "gmx", displayName: "GMX"),
              domains: ["gmx.net", "gmx.de", "gmx.at", "gmx.ch", "gmx.com"]),
        Entry(provider: Provider(slug: "web.de", displayName: "WEB.DE"),
              domains: ["web.de"]),
        Entry(provider: Provider(slug: "icloud", displayName: "Apple iCloud"),
              domains: ["icloud.com", "me.com", "mac.com"]),
        Entry(provider: Provider(slug: "ionos", displayName: "IONOS"),
              domains: ["ionos.de", "ionos.co.uk", "ionos.es", "ionos.fr", "ionos.it", "kundenserver.de"]),
        Entry(provider: Provider(slug: "telekom", displayName: "Deutsche Telekom"),
              domains: ["t-online.de", "dtag.de", "t-systems-service.com"]),
        Entry(provider: Provider(slug: "dfn", displayName: "DFN (Deutsches Forschungsnetz)"),
              domains: ["dfn.de"]),
        Entry(provider: Provider(slug: "github", displayName: "GitHub"),
              domains: ["github.com", "ghe.com"]),
        Entry(provider: Provider(slug: "comcast", displayName: "Comcast"),
              domains: ["comcast.net"]),
        Entry(provider: Provider(slug: "proton", displayName: "Proton Mail"),
              domains: ["protonmail.ch", "protonmail.com", "proton.me"]),
        Entry(provider: Provider(slug: "fastmail", displayName: "Fastmail"),
              domains: ["messagingengine.com", "fastmail.com"]),
        Entry(provider: Provider(slug: "yandex", displayName: "Yandex"),
              domains: ["yandex.ru", "yandex.net"]),
    ])
}
