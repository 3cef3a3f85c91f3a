import TLSPolicy
import XCTest

/// Merging the release with a host's overrides: add, replace, remove, weakening warnings,
/// and errors with their line numbers.
final class PolicyMergerTests: XCTestCase {
    private let release = LintSource(name: "policy/google.policy", bytes: Array("""
        # Provider: Google

        #@ dane
        example.org secure match=.example.org
        gmail.com secure match=.google.com:.googlemail.com
        mail.test dane-only
        posteo.de verify match=.posteo.de
        web.de encrypt

        """.utf8))

    private func merger(dnssec: Bool = true) -> PolicyMerger {
        PolicyMerger(postfixVersion: .v3_7, host: .init(dnssec: dnssec))
    }

    private func overrides(_ text: String) -> LintSource {
        LintSource(name: "/etc/tls-policy-agent/overrides", bytes: Array(text.utf8))
    }

    private func merge(_ text: String) throws -> MergedPolicy {
        try merger().merge(shared: [release], overrides: overrides(text))
    }

    private func value(_ merged: MergedPolicy, _ key: String) -> String? {
        merged.entries.first { $0.key == key }?.entry.valueText
    }

    func testWithoutOverridesTheReleaseIsKeptSorted() throws {
        let merged = try merger().merge(shared: [release], overrides: nil)
        XCTAssertEqual(merged.entries.map(\.key), ["example.org", "gmail.com", "mail.test", "posteo.de", "web.de"])
        XCTAssertEqual(merged.warnings, [])
        XCTAssertEqual(value(merged, "gmail.com"), "secure match=.google.com:.googlemail.com")
    }

    func testOverrideAddsANewKeyWithoutWarning() throws {
        let merged = try merge("internal.example may\n")
        XCTAssertEqual(value(merged, "internal.example"), "may")
        XCTAssertEqual(merged.added, ["internal.example"])
        XCTAssertEqual(merged.replaced, [])
        XCTAssertEqual(merged.warnings, [])
        XCTAssertEqual(merged.entries.count, 6)
    }

    func testOverrideReplacesCaseInsensitivelyAndStrongerIsNotAWarning() throws {
        let merged = try merge("WEB.DE secure match=.web.de\n")
        XCTAssertEqual(value(merged, "web.de"), "secure match=.web.de")
        XCTAssertEqual(merged.replaced, ["web.de"])
        XCTAssertEqual(merged.entries.count, 5, "replaced, not added")
        XCTAssertEqual(merged.warnings, [])
    }

    func testLowerLevelWarnsWithLine() throws {
        let merged = try merge("# comment\n\ngmail.com encrypt\n")
        XCTAssertEqual(value(merged, "gmail.com"), "encrypt")
        XCTAssertEqual(merged.warnings.count, 1)
        let warning = try XCTUnwrap(merged.warnings.first)
        XCTAssertEqual(warning.line, 3)
        XCTAssertEqual(warning.kind, .lowerLevel(shared: .secure, override: .encrypt))
        XCTAssertTrue(warning.isWeakening)
        XCTAssertTrue(warning.description.hasPrefix("/etc/tls-policy-agent/overrides:3: warning:"), warning.description)
    }

    func testSecureToVerifyWarns() throws {
        let merged = try merge("gmail.com verify match=.google.com\n")
        XCTAssertEqual(merged.warnings.map(\.kind), [.lowerLevel(shared: .secure, override: .verify)])
    }

    func testDaneOnlyToSecureWarnsAlthoughSecureSortsHigher() throws {
        let merged = try merge("mail.test secure\n")
        XCTAssertEqual(merged.warnings.map(\.kind), [.daneOnlyDropped(override: .secure)])
    }

    func testReplacingADaneMarkedEntryWithoutTheMarkWarns() throws {
        let unmarked = try merge("example.org secure match=.example.org:.example.net\n")
        XCTAssertEqual(unmarked.warnings.map(\.kind), [.daneMarkDropped])
        let marked = try merge("#@ dane\nexample.org secure match=.example.org:.example.net\n")
        XCTAssertEqual(marked.warnings, [])
        XCTAssertEqual(marked.entries.first { $0.key == "example.org" }?.annotations, [.dane])
    }

    func testRemoveDropsTheEntryAndWarns() throws {
        let merged = try merge("#@ remove Posteo.DE\n")
        XCTAssertNil(value(merged, "posteo.de"))
        XCTAssertEqual(merged.removed, ["posteo.de"])
        XCTAssertEqual(merged.warnings.map(\.kind), [.removed(shared: .verify)])
        XCTAssertEqual(merged.warnings.first?.line, 1)
    }

    func testRemovingAnUnknownKeyWarnsButIsNoWeakening() throws {
        let merged = try merge("\n#@ remove nothing.example\n")
        XCTAssertEqual(merged.warnings.map(\.kind), [.removesNothing])
        XCTAssertEqual(merged.warnings.first?.line, 2)
        XCTAssertFalse(merged.warnings[0].isWeakening)
        XCTAssertEqual(merged.entries.count, 5)
    }

    func testInvalidOverrideLineIsAnErrorWithItsLine() throws {
        XCTAssertThrowsError(try merge("ok.example encrypt\nbad.example securest\n")) { error in
            guard case MergeError.invalidOverrides(let problems) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(problems.map(\.line), [2])
            XCTAssertTrue(problems[0].description.contains("overrides:2: error:"), problems[0].description)
            XCTAssertTrue(problems[0].message.contains("policy/unknown-level"), problems[0].message)
        }
    }

    func testAttributeTooNewForTheHostsPostfixIsAnError() throws {
        // servername needs 3.4: valid on 3.7, invalid on 3.3.
        let old = PolicyMerger(postfixVersion: PostfixVersion(major: 3, minor: 3))
        XCTAssertThrowsError(try old.merge(shared: [], overrides: overrides("a.example secure servername=hostname\n"))) { error in
            guard case MergeError.invalidOverrides(let problems) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(problems.map(\.line), [1])
        }
        XCTAssertNoThrow(try merger().merge(shared: [], overrides: overrides("a.example secure servername=hostname\n")))
    }

    func testMalformedDirectivesAreErrorsWithTheirLines() throws {
        let text = """
            #@
            #@ remove
            #@ remove a.example b.example
            #@ frobnicate
            #@ remove web.de
            web.de may
            #@ remove gmail.com
            #@ remove GMAIL.com
            #@ dane

            """
        XCTAssertThrowsError(try merge(text)) { error in
            guard case MergeError.invalidOverrides(let problems) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(problems.map(\.line), [1, 2, 3, 4, 5, 8, 9], problems.map(\.description).joined(separator: "\n"))
            XCTAssertEqual(problems[4].kind, .removedAndDefined(key: "web.de", definedAtLine: 6))
            XCTAssertEqual(problems[5].kind, .removedTwice(key: "gmail.com", firstLine: 7))
            XCTAssertEqual(problems[6].kind, .danglingAnnotation)
        }
    }

    func testNoneAndMayAreAllowedInOverrides() throws {
        let merged = try merge("web.de none\nposteo.de may\n")
        XCTAssertEqual(value(merged, "web.de"), "none")
        XCTAssertEqual(value(merged, "posteo.de"), "may")
        XCTAssertEqual(merged.warnings.count, 2)
        XCTAssertTrue(merged.warnings.allSatisfy(\.isWeakening))
    }

    func testInvalidReleaseEntryIsRefusedUnlessAnOverrideReplacesIt() throws {
        // dane-only without DNSSEC is invalid on this host.
        XCTAssertThrowsError(try merger(dnssec: false).merge(shared: [release], overrides: nil)) { error in
            guard case MergeError.invalidRelease(let problems) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(problems.map(\.file), ["policy/google.policy"])
            XCTAssertEqual(problems.map(\.line), [6])
        }
        let fixed = try merger(dnssec: false).merge(shared: [release], overrides: overrides("mail.test secure\n"))
        XCTAssertEqual(value(fixed, "mail.test"), "secure")
    }

    func testKeyInTwoReleaseFilesIsAnError() throws {
        let second = LintSource(name: "policy/other.policy", bytes: Array("# Provider: X\n\ngmail.com encrypt\n".utf8))
        XCTAssertThrowsError(try merger().merge(shared: [release, second], overrides: nil)) { error in
            guard case MergeError.invalidRelease(let problems) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(problems.map(\.kind), [.duplicateSharedKey(key: "gmail.com", firstFile: "policy/google.policy", firstLine: 5)])
            XCTAssertEqual(problems.map(\.line), [3])
        }
    }

    func testRenderedMergedTableKeepsDaneMarksAndOverrides() throws {
        let merged = try merge("#@ remove web.de\nnew.example encrypt\n")
        let pkix = merged.render(variant: .pkix, sourceCommit: "abc123")
        let dane = merged.render(variant: .dane, sourceCommit: "abc123")
        let pkixLines = pkix.split(separator: "\n").filter { !$0.hasPrefix("#") }
        XCTAssertEqual(pkixLines, [
            "example.org secure match=.example.org",
            "gmail.com secure match=.google.com:.googlemail.com",
            "mail.test dane-only",
            "new.example encrypt",
            "posteo.de verify match=.posteo.de",
        ])
        XCTAssertTrue(pkix.contains("# Source commit: abc123"))
        XCTAssertTrue(dane.contains("\nexample.org dane-only\n"), dane)
    }
}
