/// The `_mta-sts.<domain>` TXT record (RFC 8461 section 3.1): says a policy exists and
/// names its version, so that senders know when to fetch it again.
///
/// Parsed to the letter of the section's ABNF:
///
///     sts-text-record = sts-version 1*(sts-field-delim sts-field) [sts-field-delim]
///     sts-field       = sts-id / sts-extension          ; sts-id is required
///     sts-field-delim = *WSP ";" *WSP
///     sts-version     = %s"v=STSv1"
///     sts-id          = %s"id=" 1*32(ALPHA / DIGIT)
///     sts-extension   = sts-ext-name "=" sts-ext-value
///     sts-ext-name    = (ALPHA / DIGIT) *31(ALPHA / DIGIT / "_" / "-" / ".")
///     sts-ext-value   = 1*(%x21-3A / %x3C / %x3E-7E)    ; no "=", ";", space or control
public struct MTASTSRecord: Sendable, Hashable {
    /// The policy id: 1 to 32 letters and digits.
    public let id: String
    /// Fields beyond `v` and `id` (extensions, which RFC 8461 says to ignore), each name's
    /// first occurrence.
    public let extensions: [String: String]

    /// Parses one TXT record (its character-strings already joined).
    public init(parsing text: String) throws(MTASTSParseError) {
        func fail(_ reason: String) -> MTASTSParseError { MTASTSParseError(.record, reason) }
        let pieces = text.split(separator: ";", omittingEmptySubsequences: false).map(String.init)
        // The version comes first, with nothing before it; only the delimiter's *WSP may follow.
        guard pieces[0].hasPrefix("v=STSv1"), pieces[0].dropFirst(7).allSatisfy(\.isWSP) else {
            throw fail("must begin with \"v=STSv1\" followed by \";\"")
        }
        var fields: [String] = []
        for (index, piece) in pieces.enumerated().dropFirst() {
            let isLast = index == pieces.count - 1
            let field = piece.trimmingSpacesAndTabs()
            if field.isEmpty {
                // Only the final piece may be empty: the optional trailing sts-field-delim.
                // `v=STSv1;;id=1` has an empty field between two delimiters, which the ABNF has no room for.
                guard isLast else { throw fail("empty field between two ';'") }
                continue
            }
            // Without a trailing ';', the last field ends the record: no space may follow it.
            if isLast, piece.last?.isWSP == true {
                throw fail("space after the last field \"\(field)\" (only a ';' may follow it)")
            }
            fields.append(field)
        }
        guard !fields.isEmpty else { throw fail("no field after the version (an id is required)") }

        var id: String?
        var seen: Set<String> = ["v"]
        var extensions: [String: String] = [:]
        for field in fields {
            guard let equals = field.firstIndex(of: "=") else { throw fail("field \"\(field)\" has no '='") }
            let name = String(field[..<equals])
            let value = String(field[field.index(after: equals)...])
            guard MTASTSGrammar.isExtensionName(name) else {
                throw fail("field name \"\(name)\" is not a letter or digit followed by up to 31 letters, digits, '_', '-' or '.'")
            }
            guard !value.isEmpty, value.unicodeScalars.allSatisfy({ (0x21...0x7E).contains($0.value) && $0 != "=" && $0 != ";" }) else {
                throw fail("field \"\(name)\" has a value that is empty or holds '=', a space or a control character")
            }
            // RFC 8461 3.2 (which covers TXT records and policy files alike): "If any non-repeated
            // field -- i.e., all fields excepting "mx" -- is duplicated, all entries except for
            // the first SHALL be ignored." So a second `id` (or `v`) is skipped, not an error.
            guard seen.insert(name).inserted else { continue }
            if name == "id" {
                guard value.count <= 32, value.unicodeScalars.allSatisfy(\.isASCIIAlphanumeric) else {
                    throw fail("id \"\(value)\" is not 1 to 32 letters and digits")
                }
                id = value
            } else {
                extensions[name] = value
            }
        }
        guard let id else { throw fail("no id field") }
        self.id = id
        self.extensions = extensions
    }

    /// The one MTA-STS record among the TXT records of `_mta-sts.<domain>`, or nil when there
    /// is none (the domain publishes no policy); throws when there is no single valid one,
    /// which RFC 8461 3.1 says to treat as "no available MTA-STS Policy".
    ///
    /// RFC 8461 3.1: "If multiple TXT records for _mta-sts are returned by the resolver,
    /// records that do not begin with "v=STSv1;" are discarded." The rule applies to several
    /// records only, and names the exact prefix: `v=STSv1.1; id=1` beside a valid record is
    /// discarded (one record remains), while a lone record is parsed as it is.
    public static func select(from txtRecords: [String]) throws(MTASTSParseError) -> MTASTSRecord? {
        let candidates = txtRecords.count > 1 ? txtRecords.filter { $0.hasPrefix("v=STSv1;") } : txtRecords
        guard let first = candidates.first else { return nil }
        guard candidates.count == 1 else {
            throw MTASTSParseError(.record, "\(candidates.count) records begin with \"v=STSv1;\"; exactly one is allowed")
        }
        return try MTASTSRecord(parsing: first)
    }
}
