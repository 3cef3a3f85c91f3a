/// An MTA-STS policy file (RFC 8461 section 3.2), parsed strictly.
public struct MTASTSPolicy: Sendable, Hashable {
    /// What a sender does when an MX host fails the policy.
    public enum Mode: String, Sendable, Hashable {
        /// Do not deliver to a host that fails.
        case enforce
        /// Deliver anyway, and report (TLSRPT).
        case testing
        /// No policy in effect.
        case none
    }

    /// The largest `max_age` RFC 8461 allows: 31557600 seconds (about a year).
    public static let maximumMaxAge = 31_557_600

    /// The mode.
    public let mode: Mode
    /// The `mx` patterns, in file order.
    public let mxPatterns: [MXPattern]
    /// How long, in seconds, a sender may cache the policy.
    public let maxAge: Int
    /// Fields this parser does not know (extensions), by name; RFC 8461 says to ignore them.
    public let extensions: [String: String]

    /// A policy with these fields.
    public init(mode: Mode, mxPatterns: [MXPattern], maxAge: Int, extensions: [String: String] = [:]) {
        self.mode = mode
        self.mxPatterns = mxPatterns
        self.maxAge = maxAge
        self.extensions = extensions
    }

    /// Parses a policy file. Lines end in LF or CRLF; every error names its line.
    ///
    /// Strict where the RFC is: field names and `STSv1`/modes are case-sensitive, no space
    /// before the `:`, `version`, `mode` and `max_age` exactly once, at least one `mx`
    /// unless the mode is `none`, `max_age` 1 to 10 digits and at most ``maximumMaxAge``.
    public init(parsing text: String) throws {
        func fail(_ line: Int?, _ reason: String) -> MTASTSParseError { MTASTSParseError(.policy, line: line, reason) }
        // Split on scalars: in a Swift String "\r\n" is one Character, which "\n" does not match.
        var lines = text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map { scalars -> String in
            var line = String(String.UnicodeScalarView(scalars))
            if line.unicodeScalars.last == "\r" { line.unicodeScalars.removeLast() }
            return line
        }
        // The last field may or may not end with a line terminator; blank lines at the end are tolerated.
        while lines.last?.trimmingSpacesAndTabs().isEmpty == true { lines.removeLast() }
        guard !lines.isEmpty else { throw fail(nil, "empty") }

        var version: String?
        var mode: Mode?
        var maxAge: Int?
        var patterns: [MXPattern] = []
        var extensions: [String: String] = [:]
        for (offset, line) in lines.enumerated() {
            let number = offset + 1
            guard !line.contains("\r") else { throw fail(number, "stray carriage return") }
            guard let colon = line.firstIndex(of: ":") else { throw fail(number, "expected \"name: value\"") }
            let name = String(line[..<colon])
            let value = line[line.index(after: colon)...].trimmingSpacesAndTabs()
            guard let first = name.first, first.isASCII, first.isLetter || first.isNumber, name.count <= 32,
                  name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "_-.".contains($0)) }) else {
                throw fail(number, "\"\(name)\" is not a field name (no spaces before ':')")
            }
            switch name {
            case "version":
                guard version == nil else { throw fail(number, "version given twice") }
                guard value == "STSv1" else { throw fail(number, "version \"\(value)\" is not STSv1") }
                version = value
            case "mode":
                guard mode == nil else { throw fail(number, "mode given twice") }
                guard let parsed = Mode(rawValue: value) else { throw fail(number, "mode \"\(value)\" is not enforce, testing or none") }
                mode = parsed
            case "max_age":
                guard maxAge == nil else { throw fail(number, "max_age given twice") }
                guard (1...10).contains(value.count), value.allSatisfy({ $0.isASCII && $0.isNumber }), let seconds = Int(value) else {
                    throw fail(number, "max_age \"\(value)\" is not 1 to 10 digits")
                }
                guard seconds <= Self.maximumMaxAge else { throw fail(number, "max_age \(seconds) exceeds \(Self.maximumMaxAge)") }
                maxAge = seconds
            case "mx":
                patterns.append(try MXPattern(parsing: value, line: number))
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

    /// Whether `host` matches one of the ``mxPatterns``.
    public func allows(mxHost host: String) -> Bool {
        mxPatterns.contains { $0.matches(host) }
    }
}
