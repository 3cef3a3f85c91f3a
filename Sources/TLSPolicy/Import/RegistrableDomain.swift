/// The registrable domain of a host name ("the part someone registered"): the
/// public suffix plus one label, e.g. `mail.protection.outlook.com` → `outlook.com`,
/// `aol.co.uk` → `aol.co.uk`.
///
/// This is an approximation of the Public Suffix List, on purpose: the import only
/// needs it to put entries of one provider into one file, and a wrong guess costs a
/// reviewer a moved line, never a wrong policy. Every top-level domain counts as a
/// public suffix; of the multi-label suffixes only the small explicit table below is
/// known. Extend the table when an import groups badly.
public enum RegistrableDomain {
    /// Multi-label public suffixes under which names are registered one level down.
    public static let multiLabelPublicSuffixes: Set<String> = [
        // United Kingdom, New Zealand, Australia
        "ac.uk", "co.uk", "gov.uk", "ltd.uk", "me.uk", "net.uk", "org.uk", "plc.uk",
        "ac.nz", "co.nz", "govt.nz", "net.nz", "org.nz",
        "com.au", "edu.au", "gov.au", "net.au", "org.au",
        // Asia
        "ac.jp", "co.jp", "ne.jp", "or.jp",
        "co.kr", "or.kr",
        "co.id", "co.il", "co.in", "co.th",
        "com.cn", "com.hk", "com.my", "com.ph", "com.sg", "com.tw", "com.vn",
        // Americas, Africa, Europe
        "co.za",
        "com.ar", "com.br", "com.co", "com.mx", "com.ve", "pro.br",
        "com.es", "com.tr", "com.ua", "in.ua", "kiev.ua", "org.ua", "ac.rs",
        // Private registries that hand out sub-domains to unrelated owners.
        "eu.org",
    ]

    /// The registrable domain of `host` (lower-cased; a leading `.` of a sub-domain
    /// pattern and a trailing `.` are ignored). A name that is itself a public suffix
    /// is returned whole.
    public static func of(_ host: String) -> String {
        var name = Substring(host.lowercased())
        while name.hasPrefix(".") { name = name.dropFirst() }
        while name.hasSuffix(".") { name = name.dropLast() }
        let labels = name.split(separator: ".", omittingEmptySubsequences: true)
        guard labels.count > 2 else { return labels.joined(separator: ".") }
        let lastTwo = labels.suffix(2).joined(separator: ".")
        let keep = multiLabelPublicSuffixes.contains(lastTwo) ? 3 : 2
        return labels.suffix(keep).joined(separator: ".")
    }
}
