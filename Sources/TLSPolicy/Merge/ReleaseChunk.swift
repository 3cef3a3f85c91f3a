/// What reading one release file, or one chunk of it, gave: its valid entries as bytes
/// (keys folded) and rows, its problems, and what joining it to its neighbours needs.
/// Lines, and ranges in the arenas, are relative to the chunk.
struct ReleaseChunk: Sendable {
    /// Whether the chunk's first stored entry (valid or not) is valid; its row is then row 0.
    enum FirstRecord: Sendable {
        case none, valid, invalid
    }

    /// Folded keys of the valid entries, back to back.
    var keys: [UInt8] = []
    /// Their values, as the table will write them.
    var values: [UInt8] = []
    var rows: [MergedTable.Row] = []
    /// Lines postmap drops, in file order.
    var dropped: [MergeProblem] = []
    /// Entries the host's Postfix rejects, in file order.
    var invalid: [MergeProblem] = []
    /// Physical lines in the chunk.
    var lineCount = 0
    var firstRecord = FirstRecord.none
    /// A `#@ dane` line after the chunk's last stored entry: the next chunk's first stored entry's.
    var pendingDane = false
    /// The first and last stored keys (valid or not), folded, for the order check between chunks.
    var firstKey: [UInt8]? = nil
    var lastKey: [UInt8]? = nil
    /// The stored keys were not strictly increasing: read in order, the chunk may hold a
    /// duplicate postmap drops, which only a read that remembers every key finds.
    var unordered = false
}
