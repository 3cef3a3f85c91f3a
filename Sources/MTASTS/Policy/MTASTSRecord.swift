/// The `_mta-sts.<domain>` TXT record (RFC 8461 section 3.1): says a policy exists and
/// names its version, so that senders know when to fetch it again.
public struct MTASTSRecord: Sendable, Hashable {
    /// The policy id: 1 to 32 letters and digits.
    public let id: String
    /// Fields beyond `v` and `id`, in order (extensions; RFC 8461 says to ignore them).
    public let extensions: [String: String]

    /// Parses one TXT record (its strings already joined).
    public init(parsing text: String) throws {
        func fail(_ reason: String) -> MTASTSParseError { MTASTSParseError(.record, reason) }
        var fields = text.split(separator: ";", omittingEmptySubsequences: false).map { $0.trimmingSpacesAndTabs() }
        // A trailing ";" is allowed: sts-text-record = sts-version 1*(sts-field-delim sts-field) [sts-field-delim]
        if fields.last?.isEmpty == true { fields.removeLast() }
        guard let first = fields.first, first == "v=STSv1" else {
            throw fail("must start with \"v=STSv1\"")
        }
        var id: String?
        var extensions: [String: String] = [:]
        for field in fields.dropFirst() {
            guard let equals = field.firstIndex(of: "=") else { throw fail("field \"\(field)\" has no '='") }
            let name = String(field[..<equals])
            let value = String(field[field.index(after: equals)...])
            guard !name.isEmpty, name.count <= 32,
                  name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "_-.".contains($0)) }) else {
                throw fail("field name \"\(name)\" is not 1 to 32 letters, digits, '_', '-' or '.'")
            }
            if name == "id" {
                guard id == nil else { throw fail("more than one id field") }
                guard !value.isEmpty, value.count <= 32, value.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else {
                    throw fail("id \"\(value)\" is not 1 to 32 letters and digits")
                }
                id = value
            } else if name == "v" {
                throw fail("more than one v field")
            } else {
                extensions[name] = value
            }
        }
        guard let id else { throw fail("no id field") }
        self.id = id
        self.extensions = extensions
    }

    /// The one MTA-STS record among a name's TXT records: those that start with `v=STSv1`.
    /// None means the domain publishes no policy (nil); more than one is an error (RFC 8461
    /// 3.1: "senders MUST assume that the Policy Domain does not implement MTA-STS").
    public static func select(from txtRecords: [String]) throws -> MTASTSRecord? {
        let candidates = txtRecords.filter { $0.hasPrefix("v=STSv1") }
        guard candidates.count <= 1 else {
            throw MTASTSParseError(.record, "\(candidates.count) records start with v=STSv1; exactly one is allowed")
        }
        return try candidates.first.map(MTASTSRecord.init(parsing:))
    }
}
