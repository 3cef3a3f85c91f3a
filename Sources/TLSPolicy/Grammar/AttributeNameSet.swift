/// The attribute names an entry has used so far, as one bit each: the parser asks
/// for every attribute of every entry, and a `Set` costs an allocation per entry.
struct AttributeNameSet {
    private var bits: UInt32 = 0

    func contains(_ name: AttributeName) -> Bool { bits & AttributeNameSet.bit(name) != 0 }

    mutating func insert(_ name: AttributeName) { bits |= AttributeNameSet.bit(name) }

    private static func bit(_ name: AttributeName) -> UInt32 {
        switch name {
        case .ciphers: 1 << 0
        case .protocols: 1 << 1
        case .exclude: 1 << 2
        case .servername: 1 << 3
        case .match: 1 << 4
        case .tafile: 1 << 5
        case .connectionReuse: 1 << 6
        case .enableRPK: 1 << 7
        case .policyType: 1 << 8
        case .policyDomain: 1 << 9
        case .policyTTL: 1 << 10
        case .policyString: 1 << 11
        case .policyFailure: 1 << 12
        case .mxHostPattern: 1 << 13
        }
    }
}
