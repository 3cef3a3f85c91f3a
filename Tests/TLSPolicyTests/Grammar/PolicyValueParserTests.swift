import XCTest
@testable import TLSPolicy

final class PolicyValueParserTests: XCTestCase {
    private func parse(_ value: String, _ version: PostfixVersion = .v3_7,
                       host: PolicyValueParser.HostContext = .init()) -> PolicyValueParser.Result {
        PolicyValueParser(version: version, host: host).parse(Array(value.utf8)[...])
    }

    private func assertError(_ value: String, _ rule: RuleID, _ version: PostfixVersion = .v3_7,
                             file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(parse(value, version).error?.rule, rule, value, file: file, line: line)
    }

    private func assertValid(_ value: String, _ version: PostfixVersion = .v3_7,
                             file: StaticString = #filePath, line: UInt = #line) {
        let result = parse(value, version)
        XCTAssertNil(result.error, "\(value): \(result.error?.message ?? "")", file: file, line: line)
    }

    func testEveryLevelIsKnownCaseInsensitivelyAndHalfdaneIsNot() {
        for level in ["none", "may", "encrypt", "fingerprint match=AA", "dane", "verify", "secure", "SECURE", "Encrypt"] {
            assertValid(level)
        }
        assertError("halfdane", .policyUnknownLevel)
        assertError("bogus", .policyUnknownLevel)
        assertError(" ,, ", .policyEmpty)
    }

    func testNoneIgnoresEverythingAfterIt() {
        assertValid("none garbage =x match= ciphers=")
    }

    func testMalformedAttributes() {
        assertError("secure match", .policyMalformedAttribute)
        assertError("secure =x", .policyMalformedAttribute)
        assertError("secure bogus=1", .policyUnknownAttribute)
        assertValid("secure,match=.a.example,,protocols=!SSLv2")
    }

    func testAttributeMultiplicity() {
        assertError("encrypt ciphers=high ciphers=medium", .policyRepeatedAttribute)
        assertError("encrypt protocols= protocols=TLSv1.2", .policyRepeatedAttribute)
        assertError("encrypt exclude=aNULL exclude=", .policyRepeatedAttribute)
        assertError("encrypt servername=a.example servername=b.example", .policyRepeatedAttribute)
        assertValid("secure match=a.example match=b.example")
        assertValid("encrypt connection_reuse=yes connection_reuse=NO")
    }

    func testEmptyValues() {
        assertError("encrypt ciphers=", .policyEmptyAttribute)
        assertValid("encrypt protocols=")
        assertValid("encrypt exclude=")
        // The empty check comes before the level check for match.
        assertError("encrypt match=", .policyEmptyAttribute)
        // …and after it for tafile.
        assertError("encrypt tafile=", .policyAttributeLevel)
        assertError("secure tafile=", .policyEmptyAttribute)
    }

    func testMatchAndTafileLevels() {
        assertError("encrypt match=a.example", .policyAttributeLevel)
        assertError("may match=a.example", .policyAttributeLevel)
        assertError("dane match=a.example", .policyAttributeLevel)
        assertError("fingerprint tafile=/x", .policyAttributeLevel)
        assertValid("verify match=hostname")
    }

    func testServernameMustBeAHostname() {
        assertValid("encrypt servername=mx.example.com")
        assertValid("encrypt servername=hostname")
        for bad in ["mx.example.com.", "a..b", "-a.example", "a-.example", "192.0.2.1", "a b", "\(String(repeating: "a", count: 64)).example"] {
            XCTAssertNotNil(parse("encrypt servername=\(bad)").error, bad)
        }
    }

    func testConnectionReuseAndEnableRPKValues() {
        assertError("encrypt connection_reuse=maybe", .policyAttributeValue)
        assertError("encrypt enable_rpk=yes", .policyAttributeVersion, .v3_7)
        assertValid("encrypt enable_rpk=YES", PostfixVersion(major: 3, minor: 9))
        assertError("encrypt enable_rpk=1", .policyAttributeValue, PostfixVersion(major: 3, minor: 9))
        assertError("encrypt servername=a.example", .policyAttributeVersion, PostfixVersion(major: 3, minor: 3))
    }

    func testBraceGroupsAreInvalidBefore310AndParsedFrom310() {
        assertError("secure { match = a.example:b.example }", .policyMalformedAttribute, .v3_7)
        assertValid("secure { match = a.example:b.example }", .v3_11)
        assertValid("encrypt { policy_type = sts } { policy_string = version: STSv1 }", .v3_11)
        assertError("secure { match = a.example", .policyMalformedAttribute, .v3_11)
        assertError("secure { match = a.example }x", .policyMalformedAttribute, .v3_11)
        let braced = parse("secure { match = a.example\tb }", .v3_11)
        XCTAssertEqual(braced.attributes.first?.attribute.value, "a.example b")
    }

    func testExternalPolicyAttributesNeed310AndPolicyType() {
        assertError("encrypt policy_type=sts", .policyAttributeVersion, .v3_7)
        assertValid("encrypt policy_type=sts policy_domain=example.com policy_ttl=86400 mx_host_pattern=*.example.com",
                    .v3_11)
        assertError("encrypt policy_domain=example.com", .policyMissingPolicyType, .v3_11)
        assertError("encrypt policy_type=dane", .policyAttributeValue, .v3_11)
        assertError("encrypt policy_type=sts policy_type=sts", .policyRepeatedAttribute, .v3_11)
        assertError("encrypt policy_type=sts policy_ttl=", .policyAttributeValue, .v3_11)
        assertError("encrypt policy_type=sts policy_ttl=99999999999", .policyAttributeValue, .v3_11)
        assertError("encrypt policy_type=sts policy_failure=oops", .policyAttributeValue, .v3_11)
        assertValid("encrypt policy_type=no-policy-found policy_failure=validation-failure", .v3_11)
    }

    func testFingerprintDigests() {
        let sha256 = String(repeating: "AB:", count: 31) + "AB"
        assertValid("fingerprint match=\(sha256)")
        assertValid("fingerprint match=\(String(repeating: "ab", count: 32))|zz")
        assertError("fingerprint match=zz", .policyNoFingerprint)
        assertError("fingerprint match=|", .policyNoFingerprint)
        assertError("fingerprint", .policyNoFingerprint)
        let short = parse("fingerprint match=AB:CD")
        XCTAssertNil(short.error)
        XCTAssertEqual(short.warnings.map(\.rule), [.handshakeFingerprintLength])
        let malformed = parse("fingerprint match=AB:C|\(sha256)")
        XCTAssertEqual(malformed.warnings.map(\.rule), [.handshakeMalformedFingerprint])
        XCTAssertNil(FingerprintDigest("AB::CD"[...]))
        XCTAssertNil(FingerprintDigest(":AB"[...]))
        XCTAssertEqual(FingerprintDigest("ab:CD"[...])?.bytes, [0xAB, 0xCD])
    }

    func testHandshakeWarnings() {
        XCTAssertEqual(parse("secure match=:").warnings.map(\.rule), [.handshakeNoUsableMatch])
        XCTAssertEqual(parse("secure match=.").warnings.map(\.rule), [.handshakeLoneDot, .handshakeNoUsableMatch])
        XCTAssertEqual(parse("secure match=.:a.example").warnings.map(\.rule), [.handshakeLoneDot])
        XCTAssertEqual(parse("encrypt ciphers=bogus").warnings.map(\.rule), [.handshakeCipherGrade])
        XCTAssertTrue(parse("encrypt ciphers=HIGH").warnings.isEmpty)
        XCTAssertEqual(parse("encrypt protocols=TLSv1.4").warnings.map(\.rule), [.handshakeProtocols])
        XCTAssertTrue(parse("encrypt protocols=>=TLSv1.2:<=0x304:!SSLv3").warnings.isEmpty)
    }

    func testDaneOnlyNeedsDNSSECLookups() {
        assertError("dane-only", .hostDaneOnlyWithoutDNSSEC)
        XCTAssertNil(parse("dane-only", host: .init(dnssec: true)).error)
        assertValid("dane")
    }

    func testTrustAnchorFileIsCheckedWhenTheHostSaysHow() {
        let host = PolicyValueParser.HostContext(trustAnchorFileProblem: { $0 == "/good" ? nil : "missing" })
        XCTAssertNil(parse("secure tafile=/good", host: host).error)
        XCTAssertEqual(parse("secure tafile=/bad", host: host).error?.rule, .hostTrustAnchorFile)
    }

    func testLevelsNeedTheirVersion() {
        assertError("dane", .policyLevelVersion, PostfixVersion(major: 2, minor: 10))
        assertError("fingerprint match=AA", .policyLevelVersion, PostfixVersion(major: 2, minor: 4))
    }

    func testHostnameSyntaxMatchesValidHostname() {
        XCTAssertNil(HostnameSyntax.problem(in: "a_b.example".utf8))
        XCTAssertNotNil(HostnameSyntax.problem(in: "123.456".utf8))
        XCTAssertNil(HostnameSyntax.problem(in: "123.a".utf8))
        XCTAssertNotNil(HostnameSyntax.problem(in: String(repeating: "a.", count: 128).appending("a").utf8))
        XCTAssertNotNil(HostnameSyntax.problem(in: "".utf8))
    }
}
