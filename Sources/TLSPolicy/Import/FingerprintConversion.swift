/// A list's `fingerprint` entry, as the shared dataset can hold it.
///
/// A fingerprint pin names one server certificate (or key) and breaks on every renewal,
/// so it has no place in a dataset every host enforces for years. Dropping the entry,
/// though, would leave the domain with opportunistic TLS, which an attacker on the path
/// strips at will: the list did ask for TLS. `encrypt` keeps exactly that part, STARTTLS
/// required with the same protocol and cipher floor, and drops only the pin (`match=`
/// holds the digests at this level; `encrypt` has no use for it).
struct FingerprintConversion: Sendable, Equatable {
    /// The entry to import: level `encrypt`, the pinned entry's attributes without `match=`.
    let entry: PolicyEntry

    init(pinned: PolicyEntry) {
        entry = PolicyEntry(key: pinned.key, level: .encrypt, attributes: pinned.attributes.filter { $0.name != .match })
    }

    /// The report's note for the entry.
    var note: String {
        "fingerprint pin imported as '\(entry.valueText)': STARTTLS stays required; "
            + "the host-specific certificate pin is not kept (it breaks on every renewal)"
    }

    /// The evidence comment written above the imported entry.
    var evidenceComment: String {
        "Imported as encrypt: the list pinned this host's certificate fingerprint, which the shared dataset cannot hold"
    }
}
