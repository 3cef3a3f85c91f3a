import Foundation

/// What the merge already knows of values it has read: how the host's Postfix reads a
/// value depends on its bytes alone, and a release repeats values a great deal (every
/// domain a provider serves shares that provider's `secure match=…`; the dataset's 657
/// entries have 15 distinct values). So each distinct valid value is parsed and written in
/// table form once; an entry with the same bytes gets the same verdict and shares the
/// written bytes.
///
/// Only valid values are remembered (an invalid one is parsed again, for its diagnostic's
/// position), and only when the parser checks nothing outside the bytes (no trust-anchor
/// files). At most ``capacity`` values are remembered, so a release of distinct values
/// costs a lookup per entry and no more memory.
struct ValueVerdicts {
    /// A valid value's reading.
    struct Verdict {
        var level: SecurityLevel
        /// The value as the table writes it (``TableValueText``), in the table's value arena.
        var written: Range<Int>
        /// `written` differs from the bytes that were read.
        var rewritten: Bool
    }

    static let capacity = 4096

    /// Open addressing over `entries`: 0 is empty, else an entry's index + 1. Values are
    /// short and the table small, so a multiplicative hash over eight bytes at a time and
    /// linear probing beat `Dictionary`'s SipHash, and the remembered bytes are copied into
    /// `stored` so that a lookup touches no reference count.
    private var slots = [Int32](repeating: 0, count: 2 * ValueVerdicts.capacity)
    private var stored: [UInt8] = []
    private var entries: [(bytes: Range<Int>, hash: UInt32, verdict: Verdict)] = []
    private let enabled: Bool

    init(parser: PolicyValueParser) {
        enabled = parser.host.trustAnchorFileProblem == nil
    }

    /// The verdict on `value`, if it was read before.
    func verdict(on value: ArraySlice<UInt8>) -> Verdict? {
        guard enabled, !entries.isEmpty else { return nil }
        return value.withUnsafeBufferPointer { value in
            stored.withUnsafeBufferPointer { stored in
                let hash = ValueVerdicts.hash(value)
                let mask = slots.count - 1
                var slot = Int(hash) & mask
                while slots[slot] != 0 {
                    let entry = entries[Int(slots[slot]) - 1]
                    if entry.hash == hash && ValueVerdicts.equal(UnsafeBufferPointer(rebasing: stored[entry.bytes]), value) {
                        return entry.verdict
                    }
                    slot = (slot + 1) & mask
                }
                return nil
            }
        }
    }

    /// Remembers the verdict on `value`, not known yet (while there is room).
    mutating func remember(_ verdict: Verdict, on value: ArraySlice<UInt8>) {
        guard enabled, entries.count < ValueVerdicts.capacity else { return }
        let hash = value.withUnsafeBufferPointer(ValueVerdicts.hash)
        let mask = slots.count - 1
        var slot = Int(hash) & mask
        while slots[slot] != 0 { slot = (slot + 1) & mask }
        let start = stored.count
        stored.append(contentsOf: value)
        entries.append((start..<stored.count, hash, verdict))
        slots[slot] = Int32(entries.count)
    }

    private static func equal(_ lhs: UnsafeBufferPointer<UInt8>, _ rhs: UnsafeBufferPointer<UInt8>) -> Bool {
        guard lhs.count == rhs.count else { return false }
        guard let left = lhs.baseAddress, let right = rhs.baseAddress else { return true }
        return memcmp(left, right, lhs.count) == 0
    }

    /// A hash of `bytes` taken eight at a time (values are a few dozen bytes; a byte-wise
    /// hash was most of a lookup), mixed so that its low bits, which pick the slot, depend
    /// on every byte.
    private static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt32 {
        let raw = UnsafeRawBufferPointer(bytes)
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325 ^ UInt64(bytes.count)
        var offset = 0
        while offset + 8 <= raw.count {
            hash = (hash ^ raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) &* 0x9E37_79B9_7F4A_7C15
            hash ^= hash >> 29
            offset += 8
        }
        var tail: UInt64 = 0
        while offset < raw.count {
            tail = tail << 8 | UInt64(raw[offset])
            offset += 1
        }
        hash = (hash ^ tail) &* 0x9E37_79B9_7F4A_7C15
        hash ^= hash >> 32
        return UInt32(truncatingIfNeeded: hash)
    }
}
