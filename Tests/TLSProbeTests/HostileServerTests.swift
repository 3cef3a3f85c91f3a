import TLSPolicyLab
import TLSProbe
import XCTest

/// Servers that refuse TLS or misbehave: each probe ends within its bound with a clear reason.
final class HostileServerTests: XCTestCase {
    func testServerWithoutSTARTTLSIsStarttlsNotSupported() throws {
        let lab = try ProbeLab()
        defer { lab.stop() }
        let endpoint = try lab.startServer(.noStarttls, certificate: try lab.ca.issueServerCertificate(names: ["mx.example.test"]))

        let encrypt = try lab.probe(lab.request(endpoint, level: .encrypt))
        XCTAssertEqual(encrypt.starttlsOffered, false)
        XCTAssertFalse(encrypt.verdict.wouldDeliver)
        XCTAssertEqual(encrypt.verdict.resultType, .starttlsNotSupported)
        XCTAssertEqual(encrypt.verdict.reason, "TLS is required, but was not offered by host mx.example.test[127.0.0.2]:\(endpoint.port)")

        let may = try lab.probe(lab.request(endpoint, level: .may))
        XCTAssertTrue(may.verdict.wouldDeliver, "may sends in clear")
        XCTAssertNil(may.tls)
    }

    func testStallAtBannerEndsAtTheBannerTimeout() throws {
        let lab = try ProbeLab()
        defer { lab.stop() }
        let endpoint = try lab.startServer(.stallBanner, certificate: nil)
        var request = lab.request(endpoint, level: .secure)
        request.timeouts.banner = 1.5

        let result = try lab.probe(request)
        XCTAssertEqual(result.failure, .timedOut(step: .banner, seconds: 1.5))
        XCTAssertFalse(result.verdict.wouldDeliver)
        XCTAssertNil(result.verdict.resultType, "no TLS was attempted: unreachable, not a TLS failure")
        XCTAssertGreaterThanOrEqual(result.elapsed, 1.4)
        XCTAssertLessThan(result.elapsed, 5)
    }

    func testOverallDeadlineBoundsAStepWithALongerOwnTimeout() throws {
        let lab = try ProbeLab()
        defer { lab.stop() }
        let endpoint = try lab.startServer(.stallBanner, certificate: nil)
        var request = lab.request(endpoint, level: .secure)
        request.timeouts.banner = 60
        request.timeouts.overall = 1

        let result = try lab.probe(request)
        XCTAssertEqual(result.failure?.step, .banner)
        XCTAssertLessThan(result.elapsed, 3)
    }

    func testGarbageAfterSTARTTLSFailsTheHandshakeQuickly() throws {
        let lab = try ProbeLab()
        defer { lab.stop() }
        let endpoint = try lab.startServer(.garbageAfterStarttls, certificate: try lab.ca.issueServerCertificate(names: ["mx.example.test"]))
        var request = lab.request(endpoint, level: .secure)
        request.timeouts.handshake = 10

        let result = try lab.probe(request)
        guard case .handshakeFailed(let reason)? = result.failure else {
            return XCTFail("expected a handshake failure, got \(String(describing: result.failure))")
        }
        XCTAssertFalse(reason.isEmpty)
        XCTAssertEqual(result.verdict.deferral, "Cannot start TLS: handshake failure")
        XCTAssertEqual(result.verdict.resultType, .validationFailure)
        XCTAssertLessThan(result.elapsed, 5, "garbage is an error at once, not a wait for the timeout")
    }

    func testEndlessMultiLineEHLOStopsAtTheLineBound() throws {
        let lab = try ProbeLab()
        defer { lab.stop() }
        let endpoint = try lab.startServer(.endlessEhlo, certificate: try lab.ca.issueServerCertificate(names: ["mx.example.test"]))
        var request = lab.request(endpoint, level: .encrypt)
        request.limits.maximumReplyLines = 500

        let result = try lab.probe(request)
        XCTAssertEqual(result.failure, .tooManyReplyLines(step: .ehlo, limit: 500))
        XCTAssertNil(result.starttlsOffered)
        XCTAssertFalse(result.verdict.wouldDeliver)
        XCTAssertLessThan(result.elapsed, 10)
    }

    func testConnectionRefusedIsAConnectFailure() throws {
        let lab = try ProbeLab()
        defer { lab.stop() }
        let result = try lab.probe(lab.request(SMTPEndpoint(address: "127.0.0.2", port: 2_599), level: .encrypt))
        guard case .connectFailed(let reason)? = result.failure else {
            return XCTFail("expected connectFailed, got \(String(describing: result.failure))")
        }
        XCTAssertEqual(reason, "Connection refused")
        XCTAssertFalse(result.verdict.wouldDeliver)
    }
}
