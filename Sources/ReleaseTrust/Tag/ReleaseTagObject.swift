import Foundation

/// A tag object parsed from its raw bytes (as libgit2's object database or
/// `git cat-file tag` gives them), with the signature split off exactly as git
/// splits it.
///
/// git takes the signature to start at the *last* line that begins with a
/// signature armour line (`-----BEGIN PGP SIGNATURE-----`, `-----BEGIN PGP
/// MESSAGE-----`, `-----BEGIN SSH SIGNATURE-----`, `-----BEGIN SIGNED
/// MESSAGE-----`) and to run to the end of the object; the signed payload is
/// everything before that line. Headers and message are read from the payload
/// only. Bytes after the block's END line are not covered by the signature
/// (`git verify-tag` still says "Good signature"); they are kept apart in
/// ``textAfterSignature`` and never read as metadata.
public struct ReleaseTagObject: Sendable, Hashable {
    /// The `object` header: the ID of the tagged object.
    public let objectID: String
    /// The `type` header: the tagged object's type (`commit` for a release).
    public let objectType: String
    /// The `tag` header: the tag's name as the signer wrote it.
    public let tagName: String
    /// The `tagger` header.
    public let tagger: TagIdentity
    /// The message: from the line after the headers up to the signature, as signed.
    public let message: String
    /// The bytes the signature covers: the object up to the signature's first line.
    public let signedPayload: [UInt8]
    /// The signature block, or nil for an unsigned tag.
    public let signature: TagSignature?
    /// Whatever follows the signature's END line: not signed.
    public let textAfterSignature: [UInt8]
    /// The 1-based line of the tag object where the message starts.
    public let messageStartLine: Int

    private static let beginMarkers: [(String, TagSignature.Kind, [String])] = [
        ("-----BEGIN PGP SIGNATURE-----", .openPGP, ["-----END PGP SIGNATURE-----"]),
        ("-----BEGIN PGP MESSAGE-----", .openPGP, ["-----END PGP MESSAGE-----"]),
        ("-----BEGIN SSH SIGNATURE-----", .ssh, ["-----END SSH SIGNATURE-----"]),
        ("-----BEGIN SIGNED MESSAGE-----", .x509, ["-----END SIGNED MESSAGE-----"]),
    ]

    /// Parses a raw tag object.
    /// - Throws: ``TagParseError`` naming the line that is wrong.
    public init(parsing bytes: [UInt8]) throws(TagParseError) {
        let lines = Self.lineRanges(bytes)
        // git's parse_signed_buffer: the last line that starts with any marker wins.
        var signatureLine: Int?
        for (index, range) in lines.enumerated() where Self.marker(at: range.lowerBound, in: bytes) != nil {
            signatureLine = index
        }

        var signature: TagSignature?
        var trailing: [UInt8] = []
        let payloadEnd: Int
        if let signatureLine {
            let start = lines[signatureLine].lowerBound
            payloadEnd = start
            guard let (kind, ends) = Self.marker(at: start, in: bytes) else {
                throw .malformedHeader(line: signatureLine + 1, reason: "signature line vanished")
            }
            guard let endIndex = lines[signatureLine...].firstIndex(where: { range in
                let text = Self.text(bytes, range, trimNewline: true)
                return ends.contains(text)
            }) else {
                throw .unterminatedSignature(line: signatureLine + 1, kind: kind)
            }
            let blockEnd = lines[endIndex].upperBound
            signature = TagSignature(kind: kind, armored: Array(bytes[start..<blockEnd]))
            trailing = Array(bytes[blockEnd...])
        } else {
            payloadEnd = bytes.count
        }
        let payload = Array(bytes[..<payloadEnd])
        let payloadLines = Self.lineRanges(payload)

        func header(_ index: Int, _ name: String) throws(TagParseError) -> String {
            guard index < payloadLines.count else {
                throw .malformedHeader(line: index + 1, reason: "missing '\(name)' header")
            }
            let range = payloadLines[index]
            guard let line = String(validating: payload[range].filter { $0 != 0x0A }, as: UTF8.self) else {
                throw .notUTF8(line: index + 1)
            }
            guard line.hasPrefix(name + " ") else {
                throw .malformedHeader(line: index + 1, reason: "expected the '\(name)' header, found '\(line.prefix(40))'")
            }
            return String(line.dropFirst(name.count + 1))
        }

        let object = try header(0, "object")
        guard object.count == 40, object.allSatisfy({ $0.isHexDigit && !$0.isUppercase }) else {
            throw .malformedHeader(line: 1, reason: "'object' is not a 40-digit object ID: '\(object)'")
        }
        let type = try header(1, "type")
        guard ["commit", "tree", "blob", "tag"].contains(type) else {
            throw .malformedHeader(line: 2, reason: "unknown object type '\(type)'")
        }
        let name = try header(2, "tag")
        guard !name.isEmpty, !name.contains(where: { $0 == " " || $0.isNewline }) else {
            throw .malformedHeader(line: 3, reason: "malformed tag name '\(name)'")
        }
        let tagger = try Self.parseTagger(try header(3, "tagger"), line: 4)

        var messageStart = payload.count
        if payloadLines.count > 4 {
            let separator = payloadLines[4]
            guard Self.text(payload, separator, trimNewline: true).isEmpty else {
                throw .malformedHeader(line: 5, reason: "unexpected header after 'tagger' (a release tag has exactly object, type, tag, tagger)")
            }
            messageStart = separator.upperBound
        }
        guard let message = String(validating: payload[messageStart...], as: UTF8.self) else {
            throw .notUTF8(line: 6)
        }

        self.objectID = object
        self.objectType = type
        self.tagName = name
        self.tagger = tagger
        self.message = message
        self.signedPayload = payload
        self.signature = signature
        self.textAfterSignature = trailing
        self.messageStartLine = 6
    }

    /// `Name <email> SECONDS +ZZZZ`.
    private static func parseTagger(_ value: String, line: Int) throws(TagParseError) -> TagIdentity {
        guard let open = value.firstIndex(of: "<"), let close = value.lastIndex(of: ">"), open < close else {
            throw .malformedHeader(line: line, reason: "tagger has no <address>")
        }
        let name = value[..<open].trimmingCharacters(in: .whitespaces)
        let email = String(value[value.index(after: open)..<close])
        let rest = value[value.index(after: close)...].split(separator: " ")
        guard rest.count == 2, let seconds = Int64(rest[0]), seconds >= 0,
              rest[1].count == 5, rest[1].first == "+" || rest[1].first == "-",
              rest[1].dropFirst().allSatisfy(\.isNumber) else {
            throw .malformedHeader(line: line, reason: "tagger date is not 'SECONDS +ZZZZ': '\(rest.joined(separator: " "))'")
        }
        return TagIdentity(name: name, email: email, date: Date(timeIntervalSince1970: TimeInterval(seconds)),
                           timeZone: String(rest[1]))
    }

    private static func marker(at offset: Int, in bytes: [UInt8]) -> (TagSignature.Kind, [String])? {
        for (begin, kind, ends) in beginMarkers {
            let prefix = Array(begin.utf8)
            if bytes.count - offset >= prefix.count, Array(bytes[offset..<offset + prefix.count]) == prefix {
                return (kind, ends)
            }
        }
        return nil
    }

    /// Each line's byte range, including its newline.
    private static func lineRanges(_ bytes: [UInt8]) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var start = 0
        while start < bytes.count {
            let end = bytes[start...].firstIndex(of: 0x0A).map { $0 + 1 } ?? bytes.count
            ranges.append(start..<end)
            start = end
        }
        return ranges
    }

    private static func text(_ bytes: [UInt8], _ range: Range<Int>, trimNewline: Bool) -> String {
        var slice = bytes[range]
        if trimNewline, slice.last == 0x0A { slice = slice.dropLast() }
        return String(decoding: slice, as: UTF8.self)
    }
}
