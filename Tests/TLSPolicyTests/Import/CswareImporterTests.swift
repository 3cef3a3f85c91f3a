import XCTest
@testable import TLSPolicy

final class CswareImporterTests: XCTestCase {
    private let header = """
        # Generated at 2024-05-24 20:50:45 by https://github/tmolitor-stud-tu/postfix-tls-policy generator
        # Used commandline arguments: ./scripts/update.py --no-dane


        """

    func testSecureEntryIsKeptWithTheGeneratorsCommentAsEvidence() throws {
        let report = try ImportTestSupport.cswareImport(header + """
            # Matched cert names for nexthop, dot-nexthop
            126.com\t\tsecure match=nexthop:dot-nexthop

            """)
        XCTAssertEqual(report.kept.count, 1)
        XCTAssertEqual(report.dropped.count, 0)
        let kept = try XCTUnwrap(report.keptEntry("126.com"))
        XCTAssertEqual(kept.entry.tableLine, "126.com secure match=nexthop:dot-nexthop")
        XCTAssertEqual(kept.comments, ["Matched cert names for nexthop, dot-nexthop"])
        XCTAssertEqual(kept.origin, ImportLocation(file: "tls_policy", line: 5))
        XCTAssertFalse(kept.dane)
    }

    func testEvidenceNamesTheListTheDateAndTheLicense() throws {
        let withVariant = try ImportTestSupport.cswareImport(header + "a.example secure\n", dane: "a.example secure\n")
        XCTAssertEqual(withVariant.evidence,
                       "csware/postfix-tls-policy tls_policy and tls_policy-dane, generated 2024-05-24 (CC0 1.0)")
        let alone = try ImportTestSupport.cswareImport("a.example secure\n")
        XCTAssertEqual(alone.evidence,
                       "csware/postfix-tls-policy tls_policy, generated (date not stated in the file) (CC0 1.0)")
    }

    func testKeysAreLowerCasedAndTheChangeIsNoted() throws {
        let report = try ImportTestSupport.cswareImport("Mail.Example.COM secure match=.example.net\n")
        XCTAssertEqual(report.kept.map(\.entry.key.text), ["mail.example.com"])
        XCTAssertEqual(report.notes.map(\.message), ["key lower-cased to mail.example.com"])
    }

    func testFingerprintEntryIsImportedAsEncryptWithoutThePin() throws {
        let report = try ImportTestSupport.cswareImport("""
            # Generated at 2024-05-24 20:50:45 by a generator

            # Unmatched cert names and untrusted CA, fixing using explict listed fingerprints
            pinned.example\t\tfingerprint protocols=>=TLSv1.2 match=C0:9A:9B:38:11:4B:13:63:BB:A1:B9:47:98:23:10:9D:DA:FF:DA:64:3A:0B:99:B8:E1:9D:5F:F8:53:77:21:B1

            """)
        XCTAssertTrue(report.dropped.isEmpty)
        let kept = try XCTUnwrap(report.keptEntry("pinned.example"))
        // STARTTLS stays required with the same protocol floor; only the host-specific pin goes.
        XCTAssertEqual(kept.entry.tableLine, "pinned.example encrypt protocols=>=TLSv1.2")
        XCTAssertEqual(kept.origin.line, 4)
        XCTAssertEqual(kept.comments.first, "Unmatched cert names and untrusted CA, fixing using explict listed fingerprints")
        XCTAssertTrue(kept.comments.last?.hasPrefix("Imported as encrypt") ?? false, "\(kept.comments)")
        let note = try XCTUnwrap(report.notes.first { $0.key == "pinned.example" })
        XCTAssertEqual(note.origin.line, 4)
        XCTAssertTrue(note.message.hasPrefix("fingerprint pin imported as 'encrypt protocols=>=TLSv1.2'"), note.message)
        XCTAssertEqual(ImportTestSupport.lint(try ImportTestSupport.files(report)).diagnostics, [])
    }

    func testFingerprintEntryKeepsTheDaneMarkTheVariantGivesIt() throws {
        let report = try ImportTestSupport.cswareImport(
            "pinned.example fingerprint match=C0:9A:9B:38:11:4B:13:63:BB:A1:B9:47:98:23:10:9D:DA:FF:DA:64:3A:0B:99:B8:E1:9D:5F:F8:53:77:21:B1\n",
            dane: "pinned.example dane-only\n")
        let kept = try XCTUnwrap(report.keptEntry("pinned.example"))
        XCTAssertEqual(kept.entry.tableLine, "pinned.example encrypt")
        XCTAssertTrue(kept.dane)
        XCTAssertEqual(report.daneMarked, 1)
    }

    func testTafileEntryIsDroppedAsHostSpecific() throws {
        let report = try ImportTestSupport.cswareImport("a.example secure tafile=/etc/postfix/ta.pem\n")
        XCTAssertEqual(report.dropReason(for: "a.example"), .trustAnchorFile)
    }

    func testLevelsBelowEncryptAreDroppedAndEncryptIsKept() throws {
        let report = try ImportTestSupport.cswareImport("""
            none.example none
            may.example may
            dane.example dane
            encrypt.example encrypt
            verify.example verify match=hostname

            """)
        XCTAssertEqual(report.dropReason(for: "none.example"), .weakLevel(.none))
        XCTAssertEqual(report.dropReason(for: "may.example"), .weakLevel(.may))
        XCTAssertEqual(report.dropReason(for: "dane.example"), .weakLevel(.dane))
        XCTAssertEqual(report.kept.map(\.key), ["encrypt.example", "verify.example"])
    }

    func testBracketedPortAndQuotedKeysAreDroppedAsLocalRouting() throws {
        let report = try ImportTestSupport.cswareImport("""
            [mail.example.org] secure
            [mail.example.org]:587 secure
            example.org:2525 secure
            "quoted.example" secure
            .parent.example secure

            """)
        XCTAssertEqual(report.dropReason(for: "[mail.example.org]"), .routingKey("bracketed"))
        XCTAssertEqual(report.dropReason(for: "[mail.example.org]:587"), .routingKey("bracketed"))
        XCTAssertEqual(report.dropReason(for: "example.org:2525"), .routingKey("port"))
        XCTAssertEqual(report.dropReason(for: "\"quoted.example\""), .routingKey("quoted"))
        XCTAssertEqual(report.kept.map(\.key), [".parent.example"], "a parent-domain key is a destination, not routing")
    }

    func testKeyThatIsNotADomainIsDropped() throws {
        let report = try ImportTestSupport.cswareImport("localhost secure\nbad_-.example secure\n")
        XCTAssertEqual(report.dropReason(for: "localhost"), .invalidKey("a top-level domain alone is not a mail domain"))
        guard case .invalidKey? = report.dropReason(for: "bad_-.example") else {
            return XCTFail("expected an invalid key, got \(String(describing: report.dropReason(for: "bad_-.example")))")
        }
    }

    func testEntryTheMinimumPostfixRejectsIsDropped() throws {
        // enable_rpk needs Postfix 3.9; the dataset supports 3.5.
        let report = try ImportTestSupport.cswareImport("a.example secure enable_rpk=yes\nb.example secure bogus=1\n")
        guard case .rejectedByPostfix(let version, _)? = report.dropReason(for: "a.example") else {
            return XCTFail("enable_rpk should be rejected on 3.5")
        }
        XCTAssertEqual(version, ImportTestSupport.minimum)
        guard case .rejectedByPostfix? = report.dropReason(for: "b.example") else {
            return XCTFail("an unknown attribute is invalid")
        }
    }

    func testEntryThatFailsAtTheHandshakeIsDropped() throws {
        let report = try ImportTestSupport.cswareImport("a.example secure ciphers=strongest\nb.example secure match=.\n")
        guard case .failsAtHandshake? = report.dropReason(for: "a.example"),
              case .failsAtHandshake? = report.dropReason(for: "b.example")
        else { return XCTFail("bad cipher grade and match=. must be dropped: \(report.dropped)") }
        XCTAssertTrue(report.kept.isEmpty)
    }

    func testDuplicateKeyIsDroppedAndPointsAtTheFirst() throws {
        let report = try ImportTestSupport.cswareImport("a.example secure\nA.example encrypt\n")
        XCTAssertEqual(report.kept.map(\.entry.tableLine), ["a.example secure"])
        XCTAssertEqual(report.dropReason(for: "A.example"),
                       .duplicateKey(first: ImportLocation(file: "tls_policy", line: 1)))
    }

    func testLineWithoutValueIsDroppedUnderItsKey() throws {
        let report = try ImportTestSupport.cswareImport("novalue.example\na.example secure\n")
        guard case .notStoredByPostmap? = report.dropReason(for: "novalue.example") else {
            return XCTFail("a key without value is not stored: \(report.dropped)")
        }
        XCTAssertEqual(report.inputEntries, 2)
    }

    func testDaneOnlyInTheVariantMarksTheEntryAndKeepsThePKIXLine() throws {
        let report = try ImportTestSupport.cswareImport(
            "a.example secure match=nexthop:dot-nexthop:hostname\nb.example secure\n",
            dane: "a.example dane-only\nb.example secure\n")
        let marked = try XCTUnwrap(report.keptEntry("a.example"))
        XCTAssertTrue(marked.dane)
        XCTAssertEqual(marked.entry.tableLine, "a.example secure match=nexthop:dot-nexthop:hostname")
        XCTAssertEqual(marked.lines.suffix(2), ["#@ dane", "a.example secure match=nexthop:dot-nexthop:hostname"],
                       "the annotation sits directly above its entry")
        XCTAssertEqual(report.keptEntry("b.example")?.dane, false)
        XCTAssertEqual(report.daneMarked, 1)
    }

    func testDaneOnlyInThePKIXTableIsDropped() throws {
        let report = try ImportTestSupport.cswareImport("a.example dane-only\n")
        XCTAssertEqual(report.dropReason(for: "a.example"), .daneOnlyWithoutPKIX)
    }

    func testDroppedEntryThatTheVariantCallsDaneOnlySaysTheMarkIsLost() throws {
        let report = try ImportTestSupport.cswareImport(
            "local.example secure tafile=/etc/postfix/ta.pem\n",
            dane: "local.example dane-only\n")
        let dropped = try XCTUnwrap(report.dropped.first)
        XCTAssertEqual(dropped.reason, .trustAnchorFile)
        XCTAssertTrue(dropped.daneOnlyInVariant)
        XCTAssertTrue(dropped.message.contains("dane-only"))
    }

    func testVariantOnlyKeysAndDisagreementsAreNotedNotImported() throws {
        let report = try ImportTestSupport.cswareImport(
            "a.example secure match=.x.example\nb.example secure\n",
            dane: "a.example secure match=.y.example\nc.example dane-only\n")
        XCTAssertEqual(report.kept.map(\.entry.tableLine), ["a.example secure match=.x.example", "b.example secure"])
        XCTAssertEqual(Set(report.notes.compactMap(\.key)), ["a.example", "b.example", "c.example"])
        XCTAssertTrue(report.notes.contains { $0.key == "c.example" && $0.message.contains("only in the -dane variant") })
        XCTAssertFalse(report.kept.contains { $0.dane })
    }

    func testAnnotationLikeCommentInTheListDoesNotMarkAnEntry() throws {
        let report = try ImportTestSupport.cswareImport("z.example secure\n#@ dane\na.example secure\n")
        let kept = try XCTUnwrap(report.keptEntry("a.example"))
        XCTAssertFalse(kept.dane)
        XCTAssertFalse(kept.lines.contains("#@ dane"), "list comments are re-prefixed, never copied as annotations")
    }

    func testTableWithoutEntriesIsRefused() {
        XCTAssertThrowsError(try ImportTestSupport.cswareImport("# only a comment\n\n")) { error in
            guard case ImportError.noEntries? = error as? ImportError else { return XCTFail("\(error)") }
        }
    }
}
