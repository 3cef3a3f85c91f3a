/// Recipient domains numbered in the order they are first seen, looked up by the bytes of a
/// log line: a domain already in the table costs a hash and a compare of its bytes, and no
/// `String`; only a new domain makes one (lower-cased, as domain names compare
/// case-insensitively). A million status lines name a few thousand domains.
///
/// Open addressing over the ids, with a hash seeded per table (FNV-1a over the lower-cased
/// bytes): a log written to collide with one run's seed does not collide with the next's.
struct DomainTable {
    /// The domains, by id.
    private(set) var names: [String] = []
    /// Lower-cased bytes of every domain, one after another; `starts[id]..<starts[id + 1]`.
    private var arena: [UInt8] = []
    private var starts: [Int] = [0]
    private var hashes: [UInt64] = []
    /// Per slot: the id + 1 in the low 32 bits (0: empty), the hash's high 32 bits above,
    /// so that most slots that hold another domain are passed over without reading it.
    /// The count is a power of two.
    private var slots: [UInt64] = Array(repeating: 0, count: 1024)
    private let seed = UInt64.random(in: .min ... .max)

    /// The number of domains.
    var count: Int { names.count }

    /// The id of the domain at `range` of `line`, added if new.
    mutating func id(_ line: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int {
        let domain = UnsafeBufferPointer(rebasing: line[range])
        let hash = hash(domain)
        let tag = hash & 0xFFFF_FFFF_0000_0000
        let found: Int? = slots.withUnsafeBufferPointer { slots in
            let mask = slots.count - 1
            var slot = Int(truncatingIfNeeded: hash) & mask
            while slots[slot] != 0 {
                if slots[slot] & 0xFFFF_FFFF_0000_0000 == tag {
                    let id = Int(slots[slot] & 0xFFFF_FFFF) - 1
                    if equals(id, domain) { return id }
                }
                slot = (slot + 1) & mask
            }
            return nil
        }
        if let found { return found }
        return add(domain, hash: hash)
    }

    /// The id of `name`, added if new (for merging another table's domains).
    mutating func id(of name: String) -> Int {
        var name = name
        return name.withUTF8 { id($0, 0..<$0.count) }
    }

    private mutating func add(_ domain: UnsafeBufferPointer<UInt8>, hash: UInt64) -> Int {
        let id = names.count
        let lowered = domain.map(Self.lowered)
        names.append(String(decoding: lowered, as: UTF8.self))
        arena.append(contentsOf: lowered)
        starts.append(arena.count)
        hashes.append(hash)
        if names.count * 2 > slots.count {
            slots = Array(repeating: 0, count: slots.count * 2)
            for (id, hash) in hashes.enumerated() { insert(id, hash: hash) }
        } else {
            insert(id, hash: hash)
        }
        return id
    }

    private mutating func insert(_ id: Int, hash: UInt64) {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot] != 0 { slot = (slot + 1) & mask }
        slots[slot] = (hash & 0xFFFF_FFFF_0000_0000) | UInt64(id + 1)
    }

    private func hash(_ domain: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash = seed ^ 0xCBF2_9CE4_8422_2325
        for byte in domain {
            hash = (hash ^ UInt64(Self.lowered(byte))) &* 0x0000_0100_0000_01B3
        }
        // FNV's low bits (the slot) depend little on the last bytes: fold the high ones in.
        return hash ^ (hash >> 29)
    }

    private func equals(_ id: Int, _ domain: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = starts[id]
        guard starts[id + 1] - start == domain.count else { return false }
        return arena.withUnsafeBufferPointer { arena in
            for offset in 0..<domain.count where arena[start + offset] != Self.lowered(domain[offset]) { return false }
            return true
        }
    }

    /// ASCII lower case (a domain in a log is ASCII; other bytes are kept as they are).
    private static func lowered(_ byte: UInt8) -> UInt8 {
        byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
    }
}
