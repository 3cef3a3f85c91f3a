/// An MTA-STS policy file (RFC 8461 section 3.2), parsed to the letter of its ABNF.
public struct MTASTSPolicy: Sendable, Hashable {
    /// What a sender does when an MX host fails the policy (RFC 8461 section 5).
    public enum Mode: String, Sendable, Hashable {
        /// Do not deliver to a host that fails.
        case enforce
        /// Deliver anyway, and report (TLSRPT): evidence, not enforcement.
        case testing
        /// "Sending MTAs should treat the Policy Domain as though it does not have any active
        /// policy" (RFC 8461 5).
        case none

        /// True for `enforce` and `testing`, the modes whose `mx` patterns say something
        /// about the MX hosts; `none` is no active policy.
        public var isActive: Bool { self != .none }
    }

    /// The largest `max_age` RFC 8461 allows: 31557600 seconds (about a year).
    public static let maximumMaxAge = 31_557_600

    /// The mode.
    public let mode: Mode
    /// The `mx` patterns, in file order.
    public let mxPatterns: [MXPattern]
    /// How long, in seconds, a sender may cache the policy (0 is allowed).
    public let maxAge: Int
    /// Fields this parser does not know (extensions, which RFC 8461 says to ignore), each
    /// name's first occurrence.
    public let extensions: [String: String]

    /// A policy with these fields.
    public init(mode: Mode, mxPatterns: [MXPattern], maxAge: Int, extensions: [String: String] = [:]) {
        self.mode = mode
        self.mxPatterns = mxPatterns
        self.maxAge = maxAge
        self.extensions = extensions
    }

    /// Parses a policy file; every error names its line where there is one.
    ///
    /// The grammar, from RFC 8461 3.2:
    ///
    ///     sts-policy-record      = sts-policy-field *WSP
    ///                              *(sts-policy-term sts-policy-field *WSP) [sts-policy-term]
    ///     sts-policy-term        = LF / CRLF
    ///     sts-policy-field-delim = ":" *WSP
    ///     version: %s"STSv1"   mode: %s"testing" / %s"enforce" / %s"none"
    ///     max_age: 1*10(DIGIT)   mx: ["*."] Domain
    ///     sts-policy-ext-name    = (ALPHA / DIGIT) *31(ALPHA / DIGIT / "_" / "-" / ".")
    ///     sts-policy-ext-value   = sts-policy-vchar [*(%x20 / sts-policy-vchar) sts-policy-vchar]
    ///     sts-policy-vchar       = %x21-7E / UTF8-2 / UTF8-3 / UTF8-4
    ///
    /// So: names and values are case-sensitive, nothing before a name or between it and
    /// the `:`, no empty line (one line terminator after the last field at most), values
    /// without control characters. `version`, `mode` and `max_age` are required, and at
    /// least one `mx` unless the mode is `none`; `max_age` is at most ``maximumMaxAge``.
    public init(parsing text: String) throws(MTASTSParseError) {
        func fail(_ line: Int?, _ reason: String) -> MTASTSParseError { MTASTSParseError(.policy, line: line, reason) }
        // Split on scalars: in a Swift String "\r\n" is one Character, which "\n" does not match.
        var lines = text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map { scalars -> String in
            var line = String(String.UnicodeScalarView(scalars))
            if line.unicodeScalars.last == "\r" { line.unicodeScalars.removeLast() }
            return line
        }
        // A final line terminator leaves one empty piece: the optional [sts-policy-term].
        if lines.count > 1, lines.last?.isEmpty == true { lines.removeLast() }
        guard lines != [""] else { throw fail(nil, "empty") }

        var version: String?
        var mode: Mode?
        var maxAge: Int?
        var patterns: [MXPattern] = []
        var extensions: [String: String] = [:]
        var seen: Set<String> = []
        for (offset, line) in lines.enumerated() {
            let number = offset + 1
            guard !line.isEmpty else { throw fail(number, "empty line (RFC 8461 3.2 allows none)") }
            guard !line.unicodeScalars.contains("\r") else { throw fail(number, "stray carriage return") }
            guard let colon = line.firstIndex(of: ":") else { throw fail(number, "expected \"name: value\"") }
            let name = String(line[..<colon])
            let value = line[line.index(after: colon)...].trimmingSpacesAndTabs()
            guard MTASTSGrammar.isExtensionName(name) else {
                throw fail(number, "\"\(name)\" is not a field name (a letter or digit, then up to 31 letters, digits, '_', '-' or '.'; no space before ':')")
            }
            guard !value.isEmpty else { throw fail(number, "\(name) has no value") }
            guard !value.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else {
                throw fail(number, "\(name) has a control character in its value")
            }
            if name == "mx" {
                patterns.append(try MXPattern(parsing: value, line: number))
                continue
            }
            // RFC 8461 3.2: "If any non-repeated field -- i.e., all fields excepting "mx" -- is
            // duplicated, all entries except for the first SHALL be ignored." A second `mode`
            // is skipped whatever it says; only the first one counts (and must be valid).
            guard seen.insert(name).inserted else { continue }
            switch name {
            case "version":
                guard value == "STSv1" else { throw fail(number, "version \"\(value)\" is not STSv1") }
                version = value
            case "mode":
                guard let parsed = Mode(rawValue: value) else { throw fail(number, "mode \"\(value)\" is not enforce, testing or none") }
                mode = parsed
            case "max_age":
                guard value.count <= 10, value.unicodeScalars.allSatisfy({ ("0"..."9").contains($0) }), let seconds = Int(value) else {
                    throw fail(number, "max_age \"\(value)\" is not 1 to 10 digits")
                }
                guard seconds <= Self.maximumMaxAge else { throw fail(number, "max_age \(seconds) exceeds \(Self.maximumMaxAge)") }
                maxAge = seconds
            default:
                extensions[name] = value
            }
        }
        guard version != nil else { throw fail(nil, "no version field") }
        guard let mode else { throw fail(nil, "no mode field") }
        guard let maxAge else { throw fail(nil, "no max_age field") }
        guard mode == .none || !patterns.isEmpty else { throw fail(nil, "mode \(mode.rawValue) needs at least one mx field") }
        self.init(mode: mode, mxPatterns: patterns, maxAge: maxAge, extensions: extensions)
    }

    /// Whether `host` matches one of the ``mxPatterns`` (RFC 8461 4.1).
    public func allows(mxHost host: String) -> Bool {
        mxPatterns.contains { $0.matches(host) }
    }
}
