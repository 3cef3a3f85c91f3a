/// A `protocols=` value, checked as `tls_proto_mask_lims()` checks it at the handshake.
///
/// Items are separated by comma, whitespace or `:`; each is a protocol name
/// (`SSLv2` … `TLSv1.3`, case-insensitive), `!name` to exclude one, or
/// `>=version` / `<=version` where version is a name, `None`, or a hex number.
public enum ProtocolList {
    static let names = ["SSLv2", "SSLv3", "TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3"]
    static let versionNames = ["None", "SSLv3", "TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3"]

    /// The first item the handshake would reject, or `nil` when the list is usable.
    public static func invalidItem(in value: String) -> String? {
        let items = value.split(whereSeparator: { ASCII.isPolicySeparator($0.asciiValue ?? 0) || $0 == ":" })
        for item in items {
            if item.hasPrefix(">=") || item.hasPrefix("<=") {
                if !isVersion(item.dropFirst(2)) { return String(item) }
            } else {
                let name = item.hasPrefix("!") ? item.dropFirst() : item
                if !names.contains(where: { ASCII.equalsIgnoringCase(name.utf8, $0) }) { return String(item) }
            }
        }
        return nil
    }

    /// A version name or a hexadecimal number no larger than INT_MAX (`strtoul(…, 16)`,
    /// which also accepts an empty string, an optional `0x` and leading whitespace or sign).
    private static func isVersion(_ text: Substring) -> Bool {
        if versionNames.contains(where: { ASCII.equalsIgnoringCase(text.utf8, $0) }) { return true }
        var body = text.drop(while: { $0 == " " || $0 == "\t" })
        if body.first == "-" { return false }
        if body.first == "+" { body = body.dropFirst() }
        if body.lowercased().hasPrefix("0x") && body.count > 2 { body = body.dropFirst(2) }
        if body.isEmpty { return true }
        guard body.allSatisfy(\.isHexDigit), let number = UInt64(body, radix: 16) else { return false }
        return number <= UInt64(Int32.max)
    }
}
