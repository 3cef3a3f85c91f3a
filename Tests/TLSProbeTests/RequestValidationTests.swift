@testable import TLSProbe
import XCTest

/// Bad settings and malformed replies give typed errors before or instead of a session.
final class RequestValidationTests: XCTestCase {
    private func request(_ level: TLSSecurityLevel) -> ProbeRequest {
        // Port 9 on 127.0.0.1: never reached, every case here fails before connecting.
        ProbeRequest(address: "127.0.0.1", port: 9, mxHost: "mx.example.test", nexthop: "example.test", level: level)
    }

    func testEmptyProtocolRangeIsRefusedBeforeConnecting() {
        var bad = request(.encrypt)
        bad.protocols = TLSProtocolRange(minimum: .tls1_3, maximum: .tls1_2)
        XCTAssertThrowsError(try TLSProbe().run(bad)) { error in
            XCTAssertEqual(error as? TLSProbeError, .emptyProtocolRange(bad.protocols))
        }
    }

    func testCipherExclusionWithModifierIsRefused() {
        var bad = request(.encrypt)
        bad.cipherExclusions = ["!RC4"]
        XCTAssertThrowsError(try TLSProbe().run(bad)) { error in
            XCTAssertEqual(error as? TLSProbeError, .invalidCipherExclusion("!RC4"))
        }
    }

    func testUnreadableCAFileNamesThePath() {
        var bad = request(.secure)
        bad.caFile = "/nonexistent/ca.pem"
        XCTAssertThrowsError(try TLSProbe().run(bad)) { error in
            guard case .trustStoreUnreadable(let path, _)? = error as? TLSProbeError else {
                return XCTFail("expected trustStoreUnreadable, got \(error)")
            }
            XCTAssertEqual(path, "/nonexistent/ca.pem")
        }
    }

    func testFingerprintLevelWithoutFingerprintsIsRefused() {
        XCTAssertThrowsError(try TLSProbe().run(request(.fingerprint))) { error in
            XCTAssertEqual(error as? TLSProbeError, .noFingerprints)
        }
    }

    func testReplyLinesParseAsCodeSeparatorAndText() throws {
        let continued = try XCTUnwrap(SMTPReplyReader.parse("250-PIPELINING"))
        XCTAssertEqual(continued.code, 250)
        XCTAssertTrue(continued.continues)
        XCTAssertEqual(continued.text, "PIPELINING")
        let last = try XCTUnwrap(SMTPReplyReader.parse("250 STARTTLS"))
        XCTAssertFalse(last.continues)
        XCTAssertEqual(try XCTUnwrap(SMTPReplyReader.parse("220")).code, 220)
        XCTAssertNil(SMTPReplyReader.parse("25"))
        XCTAssertNil(SMTPReplyReader.parse("2x0 hello"))
        XCTAssertNil(SMTPReplyReader.parse("250_oops"))
    }

    func testEHLOKeywordsSkipTheGreetingLine() {
        let reply = SMTPReply(code: 250, lines: ["mx.example.test hello", "pipelining", "STARTTLS", "SIZE 1000"])
        XCTAssertEqual(reply.ehloKeywords, ["PIPELINING", "STARTTLS", "SIZE"])
    }
}
