/// A Postfix lookup table type the agent can deploy: the file-based types `postmap`
/// builds (or, for `texthash`, reads directly).
public enum MapType: String, Sendable, CaseIterable, Codable {
    case hash
    case btree
    case lmdb
    case cdb
    case texthash

    /// The suffix `postmap` appends to the source file name for the indexed file, or
    /// `nil` when Postfix reads the source itself (`texthash`).
    public var indexSuffix: String? {
        switch self {
        case .hash, .btree: ".db"
        case .lmdb: ".lmdb"
        case .cdb: ".cdb"
        case .texthash: nil
        }
    }

    /// Whether `postmap` must build an indexed file before Postfix can use the table.
    public var needsPostmap: Bool { indexSuffix != nil }
}
