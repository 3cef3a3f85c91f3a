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
    /// id + 1 per slot, 0 for an empty one; the count is a power of two.
    private var slots: [Int32] = Array(repeating: 0, count: 1024)
    private let seed = UInt64.random(in: .min ... .max)

    /// The number of domains.
    var count: Int { names.count }

    /// The id of the domain at `range` of `line`, added if new.
    mutating func id(_ line: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int {
        let hash = hash(line, range)
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot] != 0 {
            let id = Int(slots[slot]) - 1
            if hashes[id] == hash, equals(id, line, range) { return id }
            slot = (slot + 1) & mask
        }
        let id = names.count
        let lowered = line[range].map(Self.lowered)
        names.append(String(decoding: lowered, as: UTF8.self))
        arena.append(contentsOf: lowered)
        starts.append(arena.count)
        hashes.append(hash)
        slots[slot] = Int32(id + 1)
        if names.count * 2 > slots.count { grow() }
        return id
    }

    /// The id of `name`, added if new (for merging another table's domains).
    mutating func id(of name: String) -> Int {
        var name = name
        return name.withUTF8 { id($0, 0..<$0.count) }
    }

    private func hash(_ line: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> UInt64 {
        var hash = seed ^ 0xCBF2_9CE4_8422_2325
        for index in range {
            hash = (hash ^ UInt64(Self.lowered(line[index]))) &* 0x0000_0100_0000_01B3
        }
        return hash
    }

    private func equals(_ id: Int, _ line: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        let start = starts[id]
        guard starts[id + 1] - start == range.count else { return false }
        var offset = 0
        for index in range {
            if arena[start + offset] != Self.lowered(line[index]) { return false }
            offset += 1
        }
        return true
    }

    private mutating func grow() {
        slots = Array(repeating: 0, count: slots.count * 2)
        let mask = slots.count - 1
        for (id, hash) in hashes.enumerated() {
            var slot = Int(truncatingIfNeeded: hash) & mask
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(id + 1)
        }
    }

    /// ASCII lower case (a domain in a log is ASCII; other bytes are kept as they are).
    private static func lowered(_ byte: UInt8) -> UInt8 {
        byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
    }
}
