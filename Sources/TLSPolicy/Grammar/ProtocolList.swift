/// A `protocols=` value, checked as `tls_proto_mask_lims()` checks it at the handshake.
///
/// Items are separated by comma, whitespace or `:`; each is a protocol name
/// (`SSLv2` … `TLSv1.3`, case-insensitive), `!name` to exclude one, or
/// `>=version` / `<=version` where version is a name, `None`, or a hex number.
public enum ProtocolList {
    static let names = ["SSLv2", "SSLv3", "TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3"]
    static let versionNames = ["None", "SSLv3", "TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3"]
    private static let nameTable = ASCIINameTable(names.map { ($0, ()) })
    private static let versionNameTable = ASCIINameTable(versionNames.map { ($0, ()) })

    /// The first item the handshake would reject, or `nil` when the list is usable.
    public static func invalidItem(in value: String) -> String? {
        // Bytes, not Characters: this runs for every entry with protocols= when linting.
        var problem: String? = nil
        var start = value.utf8.startIndex
        let end = value.utf8.endIndex
        func isSeparator(_ byte: UInt8) -> Bool { ASCII.isPolicySeparator(byte) || byte == UInt8(ascii: ":") }
        while start < end && problem == nil {
            while start < end && isSeparator(value.utf8[start]) { start = value.utf8.index(after: start) }
            var stop = start
            while stop < end && !isSeparator(value.utf8[stop]) { stop = value.utf8.index(after: stop) }
            if start < stop { problem = itemProblem(value.utf8[start..<stop]) }
            start = stop
        }
        return problem
    }

    private static func itemProblem(_ item: Substring.UTF8View) -> String? {
        let first = item.first
        let second = item.dropFirst().first
        if (first == UInt8(ascii: ">") || first == UInt8(ascii: "<")) && second == UInt8(ascii: "=") {
            let version = item.dropFirst(2)
            if versionNameTable.lookup(version) != nil || isHexVersion(Substring(version)) { return nil }
        } else {
            let name = first == UInt8(ascii: "!") ? item.dropFirst() : item
            if nameTable.lookup(name) != nil { return nil }
        }
        return String(Substring(item))
    }

    /// A hexadecimal version number no larger than INT_MAX (`strtoul(…, 16)`,
    /// which also accepts an empty string, an optional `0x` and leading whitespace or sign).
    private static func isHexVersion(_ text: Substring) -> Bool {
        var body = text.drop(while: { $0 == " " || $0 == "\t" })
        if body.first == "-" { return false }
        if body.first == "+" { body = body.dropFirst() }
        if body.lowercased().hasPrefix("0x") && body.count > 2 { body = body.dropFirst(2) }
        if body.isEmpty { return true }
        guard body.allSatisfy(\.isHexDigit), let number = UInt64(body, radix: 16) else { return false }
        return number <= UInt64(Int32.max)
    }
}
