/// The keys of one table as postmap compares them (ASCII letters folded to lower
/// case), kept as bytes so that a million-entry table needs no `String` per key.
///
/// Open addressing over one byte arena: the duplicate check is the hottest path
/// of `lint` on large tables. `Set<String>` spent its time hashing, allocating and
/// comparing `String`s; here a slot is one word (hash and entry number), so the
/// table stays small enough for the cache, and key bytes are compared only when
/// the hashes agree.
struct FoldedKeySet {
    /// 0 is empty; otherwise the key's hash in the high half, its number + 1 in the low half.
    private var slots: [UInt64]
    /// Keys as written, one after another; key `n` ends where key `n + 1` starts.
    private var arena: [UInt8] = []
    private var ends: [Int] = []

    init(expectedCount: Int) {
        var capacity = 1024
        while capacity < expectedCount * 2 { capacity <<= 1 }
        slots = Array(repeating: 0, count: capacity)
        ends.reserveCapacity(expectedCount)
        arena.reserveCapacity(expectedCount * 24)
    }

    /// Key number `number` as it was written; numbers run from 0 in insertion order.
    func key(_ number: Int) -> ArraySlice<UInt8> {
        arena[(number == 0 ? 0 : ends[number - 1])..<ends[number]]
    }

    /// Whether a key equal to `key` (as postmap folds it) is there.
    func contains(_ key: ArraySlice<UInt8>) -> Bool {
        if case .found = probe(key, hash: FoldedKeySet.hash(key)) { return true }
        return false
    }

    /// Adds `key`; false when an equal key (as postmap folds it) was already there.
    mutating func insert(_ key: ArraySlice<UInt8>) -> Bool {
        let hash = FoldedKeySet.hash(key)
        guard case .empty(let index) = probe(key, hash: hash) else { return false }
        arena.append(contentsOf: key)
        ends.append(arena.count)
        slots[index] = UInt64(hash) << 32 | UInt64(ends.count)
        if ends.count * 2 > slots.count { grow() }
        return true
    }

    private enum Probe {
        case found
        case empty(Int)
    }

    private func probe(_ key: ArraySlice<UInt8>, hash: UInt32) -> Probe {
        let mask = slots.count - 1
        var index = Int(truncatingIfNeeded: hash) & mask
        while slots[index] != 0 {
            let slot = slots[index]
            if UInt32(truncatingIfNeeded: slot >> 32) == hash
                && matches(Int(truncatingIfNeeded: slot & 0xFFFF_FFFF) - 1, key) {
                return .found
            }
            index = (index + 1) & mask
        }
        return .empty(index)
    }

    private func matches(_ number: Int, _ key: ArraySlice<UInt8>) -> Bool {
        let start = number == 0 ? 0 : ends[number - 1]
        guard ends[number] - start == key.count else { return false }
        var stored = start
        for byte in key {
            if ASCII.lowercased(arena[stored]) != ASCII.lowercased(byte) { return false }
            stored += 1
        }
        return true
    }

    private mutating func grow() {
        let old = slots
        slots = Array(repeating: 0, count: old.count * 2)
        let mask = slots.count - 1
        for slot in old where slot != 0 {
            var index = Int(truncatingIfNeeded: slot >> 32) & mask
            while slots[index] != 0 { index = (index + 1) & mask }
            slots[index] = slot
        }
    }

    /// FNV-1a over the folded bytes: cheap, and keys are short.
    private static func hash(_ key: ArraySlice<UInt8>) -> UInt32 {
        var hash: UInt32 = 2_166_136_261
        for byte in key {
            hash = (hash ^ UInt32(ASCII.lowercased(byte))) &* 16_777_619
        }
        return hash
    }
}
