/// One record from the answer section of a reply, its data already decoded for the types
/// whose data holds a (possibly compressed) name.
struct DNSReplyRecord: Sendable, Hashable {
    /// The record's data.
    enum Data: Sendable, Hashable {
        /// CNAME: the target name.
        case name(String)
        /// MX: preference and exchange.
        case mx(MXRecord)
        /// Every other type: the RDATA bytes as sent.
        case bytes([UInt8])
    }

    /// The owner name, without the trailing dot.
    let owner: String
    /// The numeric type (types this module does not know are kept, and ignored).
    let type: UInt16
    /// The decoded data.
    let data: Data
}
