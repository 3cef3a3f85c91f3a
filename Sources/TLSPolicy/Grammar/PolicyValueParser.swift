/// Reads a policy value (`level attr=value …`) exactly as the Postfix SMTP client
/// of a given version does (`tls_policy_lookup_one()` in `smtp_tls_policy.c`).
///
/// Postfix stops at the first problem that makes an entry invalid, so the parser
/// reports at most one error per entry, the one Postfix would log; warnings for
/// what fails later, at the handshake, are collected as well.
public struct PolicyValueParser: Sendable {
    /// A finding inside the value, positioned by byte offset in the logical line.
    public struct Finding: Sendable, Equatable {
        public var rule: RuleID
        public var message: String
        public var offset: Int
    }

    /// What the value means, plus what is wrong with it.
    public struct Result: Sendable {
        /// The level, when the first token is one.
        public var level: SecurityLevel?
        /// Attributes in order, with the offset of each token.
        public var attributes: [(attribute: PolicyAttribute, offset: Int)] = []
        /// The error Postfix logs for this entry, if any.
        public var error: Finding?
        /// Problems Postfix accepts here but that fail at the handshake.
        public var warnings: [Finding] = []

        public var isValid: Bool { error == nil && level != nil }
    }

    /// Host facts that decide validity beyond the grammar.
    public struct HostContext: Sendable {
        /// `smtp_dns_support_level = dnssec`: without it `dane-only` is invalid.
        public var dnssec: Bool
        /// Checks a `tafile` path the way the SMTP client loads it; returns why it is unusable.
        /// `nil` skips the check (for example when linting on another machine).
        public var trustAnchorFileProblem: (@Sendable (String) -> String?)?

        public init(dnssec: Bool = false, trustAnchorFileProblem: (@Sendable (String) -> String?)? = nil) {
            self.dnssec = dnssec
            self.trustAnchorFileProblem = trustAnchorFileProblem
        }
    }

    public let version: PostfixVersion
    public let host: HostContext

    public init(version: PostfixVersion, host: HostContext = HostContext()) {
        self.version = version
        self.host = host
    }

    /// Parses `value`, a slice of a logical line; `base` is the offset of `value.startIndex`
    /// within that line, so findings can be positioned.
    public func parse(_ value: ArraySlice<UInt8>, base: Int = 0) -> Result {
        var result = Result()
        var tokens = TokenCursor(bytes: value, braces: version.supports(.braceGroups))
        let shift = base - value.startIndex

        func fail(_ rule: RuleID, _ message: String, at index: Int) -> Result {
            result.error = Finding(rule: rule, message: message, offset: index + shift)
            return result
        }

        guard let levelToken = tokens.next() else {
            return fail(.policyEmpty, "invalid empty policy", at: value.startIndex)
        }
        let levelBytes = value[levelToken]
        guard let level = SecurityLevel(bytes: levelBytes) else {
            return fail(.policyUnknownLevel, "invalid security level \"\(ASCII.string(levelBytes))\"",
                        at: levelToken.lowerBound)
        }
        if let feature = level.feature, !version.supports(feature) {
            return fail(.policyLevelVersion,
                        "security level \"\(level.rawValue)\" needs Postfix \(feature.firstVersion); target is \(version)",
                        at: levelToken.lowerBound)
        }
        result.level = level
        // With TLS disabled the SMTP client ignores every further token, even malformed ones.
        if level == .none { return result }

        var seen = AttributeNameSet()
        while let token = tokens.next() {
            let at = token.lowerBound
            let split: NameValue
            switch NameValue.split(value[token], braces: version.supports(.braceGroups)) {
            case .failure(let problem):
                return fail(.policyMalformedAttribute,
                            "malformed attribute/value pair \"\(ASCII.string(value[token]))\": \(problem.message)",
                            at: at)
            case .success(let pair):
                split = pair
            }
            guard let name = AttributeName.lookup(split.name) else {
                return fail(.policyUnknownAttribute, "invalid attribute name: \"\(ASCII.string(split.name))\"", at: at)
            }
            if let feature = name.feature, !version.supports(feature) {
                return fail(.policyAttributeVersion,
                            "attribute \"\(name.rawValue)\" needs Postfix \(feature.firstVersion); target is \(version), "
                                + "which calls it an invalid attribute name",
                            at: at)
            }
            let text = ASCII.string(split.value)
            if let problem = check(name, text, level: level, seen: seen) {
                return fail(problem.rule, problem.message, at: at)
            }
            if name == .tafile, let loader = host.trustAnchorFileProblem, let why = loader(text) {
                return fail(.hostTrustAnchorFile, "tafile \"\(text)\": \(why)", at: at)
            }
            seen.insert(name)
            result.attributes.append((PolicyAttribute(name, text), at + shift))
        }

        if version.supports(.externalPolicyAttributes), !seen.contains(.policyType),
           let stray = result.attributes.first(where: { $0.attribute.name.isExternalPolicyAttribute }) {
            result.error = Finding(
                rule: .policyMissingPolicyType,
                message: "built-in policy has unexpected attribute \"\(stray.attribute.name.rawValue)\" without policy_type",
                offset: stray.offset)
            return result
        }
        checkCompletedPolicy(level: level, into: &result, valueStart: value.startIndex + shift)
        return result
    }

    /// Per-attribute checks in the order `tls_policy_lookup_one()` makes them.
    private func check(_ name: AttributeName, _ value: String, level: SecurityLevel, seen: AttributeNameSet)
        -> (rule: RuleID, message: String)?
    {
        // Messages are built only on failure: this runs for every attribute of every entry.
        var repeated: (rule: RuleID, message: String) {
            (.policyRepeatedAttribute, "attribute \"\(name.rawValue)\" is specified multiple times")
        }
        var empty: (rule: RuleID, message: String) {
            (.policyEmptyAttribute, "attribute \"\(name.rawValue)\" has empty value")
        }
        var atLevel: (rule: RuleID, message: String) {
            (.policyAttributeLevel, "attribute \"\(name.rawValue)\" invalid at security level \"\(level.rawValue)\"")
        }
        switch name {
        case .ciphers:
            if value.isEmpty { return empty }
            if seen.contains(name) { return repeated }
        case .protocols, .exclude:
            if seen.contains(name) { return repeated }
        case .servername:
            if seen.contains(name) { return repeated }
            if let problem = HostnameSyntax.problem(in: value.utf8) {
                return (.policyAttributeValue, "\"servername=\(value)\" specifies an invalid hostname (\(problem))")
            }
        case .match:
            if value.isEmpty { return empty }
            if !level.takesMatch { return atLevel }
        case .tafile:
            if !level.isPKIX { return atLevel }
            if value.isEmpty { return empty }
        case .connectionReuse, .enableRPK:
            if !(ASCII.equalsIgnoringCase(value.utf8, "yes") || ASCII.equalsIgnoringCase(value.utf8, "no")) {
                return (.policyAttributeValue, "attribute \"\(name.rawValue)\" has bad value: \"\(value)\"")
            }
        case .policyTTL:
            if seen.contains(name) { return repeated }
            let isNumber = !value.isEmpty && value.utf8.allSatisfy(ASCII.isDigit)
            if !isNumber || (Int64(value).map { $0 > Int64(Int32.max) } ?? true) {
                return (.policyAttributeValue, "attribute \"\(name.rawValue)\" has a malformed value: \"\(value)\"")
            }
        case .policyType:
            if seen.contains(name) { return repeated }
            if !AttributeName.policyTypeValues.contains(where: { ASCII.equalsIgnoringCase(value.utf8, $0) }) {
                return (.policyAttributeValue, "attribute \"\(name.rawValue)\" has an unexpected value: \"\(value)\"")
            }
        case .policyDomain:
            if seen.contains(name) { return repeated }
            if HostnameSyntax.problem(in: value.utf8) != nil {
                return (.policyAttributeValue, "attribute \"\(name.rawValue)\" has a malformed value: \"\(value)\"")
            }
        case .policyFailure:
            if seen.contains(name) { return repeated }
            if !AttributeName.policyFailureValues.contains(where: { ASCII.equalsIgnoringCase(value.utf8, $0) }) {
                return (.policyAttributeValue, "attribute \"\(name.rawValue)\" has an unexpected value: \"\(value)\"")
            }
        case .policyString, .mxHostPattern:
            break
        }
        return nil
    }

    /// What `policy_create()` decides after the value is read, and what the handshake will reject.
    private func checkCompletedPolicy(level: SecurityLevel, into result: inout Result, valueStart: Int) {
        func warn(_ rule: RuleID, _ message: String, _ offset: Int) {
            result.warnings.append(Finding(rule: rule, message: message, offset: offset))
        }
        for (attribute, offset) in result.attributes {
            switch attribute.name {
            case .ciphers where CipherGrade(attribute.value) == nil:
                warn(.handshakeCipherGrade,
                     "cipher grade \"\(attribute.value)\" is not one of high, medium, low, export, null: "
                        + "every TLS handshake fails and mail defers", offset)
            case .protocols:
                if let item = ProtocolList.invalidItem(in: attribute.value) {
                    warn(.handshakeProtocols,
                         "protocol \"\(item)\" is not a TLS protocol Postfix knows: every TLS handshake fails", offset)
                }
            default:
                break
            }
        }

        switch level {
        case .daneOnly where !host.dnssec:
            result.error = Finding(
                rule: .hostDaneOnlyWithoutDNSSEC,
                message: "dane-only configured with dnssec lookups disabled (smtp_dns_support_level is not dnssec): "
                    + "the SMTP client calls the entry invalid and mail defers",
                offset: valueStart)
        case .fingerprint:
            var usable = 0
            for (attribute, offset) in result.attributes where attribute.name == .match {
                for piece in FingerprintDigest.pieces(of: attribute.value) {
                    guard let digest = FingerprintDigest(piece) else {
                        warn(.handshakeMalformedFingerprint, "malformed fingerprint value: \(piece.prefix(100))", offset)
                        continue
                    }
                    usable += 1
                    if digest.bytes.count != FingerprintDigest.sha256Length {
                        warn(.handshakeFingerprintLength,
                             "fingerprint of \(digest.bytes.count) bytes never equals a SHA-256 digest (32 bytes)",
                             offset)
                    }
                }
            }
            if usable == 0 {
                result.error = Finding(
                    rule: .policyNoFingerprint,
                    message: "configured at fingerprint security level, but with no fingerprints to match",
                    offset: valueStart)
            }
        case .verify, .secure:
            // Pieces of every match= split on ':' (empty pieces vanish, as in Postfix);
            // only a lone "." is unusable, so bytes answer both questions.
            var firstMatch: Int? = nil
            var loneDot = false
            var usable = false
            for (attribute, offset) in result.attributes where attribute.name == .match {
                if firstMatch == nil { firstMatch = offset }
                var pieceLength = 0
                var pieceIsDot = false
                func endPiece() {
                    if pieceLength == 1 && pieceIsDot { loneDot = true } else if pieceLength > 0 { usable = true }
                    pieceLength = 0
                }
                for byte in attribute.value.utf8 {
                    if byte == UInt8(ascii: ":") {
                        endPiece()
                    } else {
                        if pieceLength == 0 { pieceIsDot = byte == UInt8(ascii: ".") }
                        pieceLength += 1
                    }
                }
                endPiece()
            }
            guard let firstMatch else { break }
            if loneDot {
                warn(.handshakeLoneDot, "a lone \".\" match pattern is skipped", firstMatch)
            }
            if !usable {
                warn(.handshakeNoUsableMatch,
                     "match= leaves no usable pattern: certificate verification always fails and mail defers",
                     firstMatch)
            }
        default:
            break
        }
    }
}
