import Foundation
import ReleaseTrust
import XCTest

/// The raw tag parser splits the signature as git does and reads metadata
/// from the signed part only.
final class ReleaseTagObjectTests: XCTestCase {
    private let header = """
        object 0123456789abcdef0123456789abcdef01234567
        type commit
        tag v1.2.0
        tagger Policy Maintainer <maintainer@example.test> 1700000000 +0100

        """

    private let sshBlock = "-----BEGIN SSH SIGNATURE-----\nU1NIU0lHAAAAAQ==\n-----END SSH SIGNATURE-----\n"

    func testSignedTagSplitsPayloadSignatureAndHeaders() throws {
        let text = header + "\nRelease 1.2.0\n\nExpires: 2027-01-31T00:00:00Z\n" + sshBlock
        let tag = try ReleaseTagObject(parsing: Array(text.utf8))
        XCTAssertEqual(tag.objectID, "0123456789abcdef0123456789abcdef01234567")
        XCTAssertEqual(tag.objectType, "commit")
        XCTAssertEqual(tag.tagName, "v1.2.0")
        XCTAssertEqual(tag.tagger.email, "maintainer@example.test")
        XCTAssertEqual(tag.tagger.date, Date(timeIntervalSince1970: 1_700_000_000))
        XCTAssertEqual(tag.message, "Release 1.2.0\n\nExpires: 2027-01-31T00:00:00Z\n")
        XCTAssertEqual(String(decoding: tag.signedPayload, as: UTF8.self), header + "\nRelease 1.2.0\n\nExpires: 2027-01-31T00:00:00Z\n")
        XCTAssertEqual(tag.signature?.kind, .ssh)
        XCTAssertEqual(tag.signature.map { String(decoding: $0.armored, as: UTF8.self) }, sshBlock)
        XCTAssertEqual(tag.textAfterSignature, [])
        XCTAssertEqual(ReleaseExpiry.format(try ReleaseExpiry.read(from: tag)), "2027-01-31T00:00:00Z")
    }

    func testTextAfterEndLineIsKeptApartAndNotReadAsExpiry() throws {
        let text = header + "\nRelease\n" + sshBlock + "Expires: 2099-01-01T00:00:00Z\n"
        let tag = try ReleaseTagObject(parsing: Array(text.utf8))
        XCTAssertEqual(String(decoding: tag.textAfterSignature, as: UTF8.self), "Expires: 2099-01-01T00:00:00Z\n")
        XCTAssertThrowsError(try ReleaseExpiry.read(from: tag)) { error in
            XCTAssertEqual(error as? ReleaseTrustError, .missingExpiry(tag: "v1.2.0"))
        }
    }

    func testLastArmourLineStartsTheSignatureAsInGit() throws {
        let pgp = "-----BEGIN PGP SIGNATURE-----\nabc\n-----END PGP SIGNATURE-----\n"
        let text = header + "\nRelease\n" + sshBlock + pgp
        let tag = try ReleaseTagObject(parsing: Array(text.utf8))
        XCTAssertEqual(tag.signature?.kind, .openPGP)
        XCTAssertTrue(tag.message.contains("BEGIN SSH SIGNATURE"), "the earlier block is part of the payload, as git sees it")
    }

    func testUnsignedTagHasNoSignature() throws {
        let tag = try ReleaseTagObject(parsing: Array((header + "\nRelease\n").utf8))
        XCTAssertNil(tag.signature)
    }

    func testUnterminatedSignatureIsRefusedWithLine() {
        let text = header + "\nRelease\n-----BEGIN SSH SIGNATURE-----\nabc\n"
        XCTAssertThrowsError(try ReleaseTagObject(parsing: Array(text.utf8))) { error in
            XCTAssertEqual(error as? TagParseError, .unterminatedSignature(line: 7, kind: .ssh))
        }
    }

    func testExtraHeaderIsRefusedWithLine() {
        let text = header.replacingOccurrences(of: "+0100\n", with: "+0100\nencoding latin1\n") + "\nRelease\n"
        XCTAssertThrowsError(try ReleaseTagObject(parsing: Array(text.utf8))) { error in
            guard case .malformedHeader(5, _) = error as? TagParseError else { return XCTFail("\(error)") }
        }
    }

    func testMissingTaggerIsRefused() {
        let text = "object 0123456789abcdef0123456789abcdef01234567\ntype commit\ntag v1\n\nRelease\n"
        XCTAssertThrowsError(try ReleaseTagObject(parsing: Array(text.utf8))) { error in
            guard case .malformedHeader(4, _) = error as? TagParseError else { return XCTFail("\(error)") }
        }
    }

    func testExpiryFormatIsStrictRFC3339UTC() {
        XCTAssertNotNil(ReleaseExpiry.parse("2027-01-31T00:00:00Z"))
        XCTAssertNil(ReleaseExpiry.parse("2027-01-31T00:00:00+01:00"))
        XCTAssertNil(ReleaseExpiry.parse("2027-01-31"))
        XCTAssertNil(ReleaseExpiry.parse("2027-13-31T00:00:00Z"))
        XCTAssertNil(ReleaseExpiry.parse("2027-01-31T00:00:00.5Z"))
    }

    func testMalformedAndDuplicateExpiryAreRefusedWithLine() throws {
        let bad = try ReleaseTagObject(parsing: Array((header + "\nRelease\nExpires: tomorrow\n").utf8))
        XCTAssertThrowsError(try ReleaseExpiry.read(from: bad)) { error in
            XCTAssertEqual(error as? ReleaseTrustError, .malformedExpiry(tag: "v1.2.0", line: 7, value: "tomorrow"))
        }
        let twice = try ReleaseTagObject(parsing: Array((header + "\nExpires: 2027-01-31T00:00:00Z\nExpires: 2099-01-31T00:00:00Z\n").utf8))
        XCTAssertThrowsError(try ReleaseExpiry.read(from: twice)) { error in
            guard case .malformedExpiry(_, 7, _) = error as? ReleaseTrustError else { return XCTFail("\(error)") }
        }
    }
}
