internal import CGit2

/// A Git object ID (SHA-1) as its 40 lower-case hexadecimal digits, the way
/// `git rev-parse` prints it.
public struct GitObjectID: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The 40 lower-case hexadecimal digits.
    public let hex: String

    /// Parses a full hexadecimal object ID; `nil` unless `hex` is exactly 40
    /// hexadecimal digits (abbreviations are ambiguous and never accepted).
    public init?(hex: String) {
        let digits = hex.utf8
        guard digits.count == Int(GIT_OID_HEXSZ),
              digits.allSatisfy({ (0x30...0x39).contains($0) || (0x61...0x66).contains($0) || (0x41...0x46).contains($0) })
        else { return nil }
        self.hex = hex.lowercased()
    }

    /// Copies libgit2's binary ID.
    init(_ oid: UnsafePointer<git_oid>) {
        // GIT_OID_HEXSZ digits and the NUL git_oid_tostr writes.
        var buffer = [CChar](repeating: 0, count: Int(GIT_OID_HEXSZ) + 1)
        hex = buffer.withUnsafeMutableBufferPointer { characters in
            guard let start = characters.baseAddress,
                  let text = git_oid_tostr(start, characters.count, oid) else { return "" }
            return String(cString: text)
        }
    }

    /// The binary form libgit2 takes.
    var oid: git_oid {
        var result = git_oid()
        // `hex` is 40 validated digits (both initialisers guarantee it), so this cannot fail.
        _ = git_oid_fromstrn(&result, hex, hex.utf8.count)
        return result
    }

    public var description: String { hex }

    public static func < (lhs: GitObjectID, rhs: GitObjectID) -> Bool { lhs.hex < rhs.hex }
}
