import PostfixLog
import XCTest

/// Delivery and TLS lines become typed records that keep the recipient's domain only.
final class PostfixLogRecordTests: XCTestCase {
    func testDeliveryKeepsTheDomainOnly() throws {
        let text = "Dec  5 23:52:50 sender postfix/smtp[284]: \(PostfixLogLineTests.message)"
        guard case .delivery(let record)? = PostfixLogRecord(parsing: text) else { return XCTFail("no delivery") }
        XCTAssertEqual(record.queueID, "4586929")
        XCTAssertEqual(record.recipientDomain, "b.test")
        XCTAssertEqual(record.relay, "mx.b.test[127.0.0.2]:25")
        XCTAssertEqual(record.relayHost, "mx.b.test")
        XCTAssertEqual(record.dsn, "2.0.0")
        XCTAssertEqual(record.status, .sent)
        XCTAssertEqual(record.reason, "250 2.0.0 Ok: queued as 5E05B29")
        XCTAssertEqual(record.program, "postfix/smtp")
        XCTAssertEqual(record.pid, 284)
        XCTAssertNil(record.tlsPolicyFailure)
        XCTAssertFalse(String(describing: record).lowercased().contains("alice"), "the local part is never kept")
    }

    func testQuotedLocalPartWithAtSign() throws {
        let text = "Dec  5 23:52:50 h postfix/smtp[1]: 4F2: to=<\"a@b\"@c.test>, relay=none, delay=1, dsn=4.4.1, status=deferred (connect to c.test[127.0.0.9]:25: Connection refused)"
        guard case .delivery(let record)? = PostfixLogRecord(parsing: text) else { return XCTFail("no delivery") }
        XCTAssertEqual(record.recipientDomain, "c.test")
        XCTAssertEqual(record.relay, "none")
        XCTAssertNil(record.relayHost)
        XCTAssertEqual(record.status, .deferred)
        XCTAssertNil(record.tlsPolicyFailure, "a refused connection is no TLS policy failure")
    }

    func testTLSConnectionLine() throws {
        let text = "2026-12-05T23:52:50.123456+00:00 mail postfix/smtp[291]: Trusted TLS connection established to "
            + "MX.Mismatch.test[127.0.0.3]:25: TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits) key-exchange X25519"
        guard case .tlsConnection(let record)? = PostfixLogRecord(parsing: text) else { return XCTFail("no TLS record") }
        XCTAssertEqual(record.trust, .trusted)
        XCTAssertEqual(record.host, "mx.mismatch.test")
        XCTAssertEqual(record.address, "127.0.0.3")
        XCTAssertEqual(record.port, 25)
        XCTAssertEqual(record.protocolVersion, "TLSv1.3")
        XCTAssertEqual(record.cipher, "TLS_AES_256_GCM_SHA384")
        XCTAssertEqual(record.pid, 291)
        for trust in TLSTrust.allCases {
            let line = "Dec  5 23:52:50 h postfix/smtp[2]: \(trust.rawValue) TLS connection established to a.test[127.0.0.2]:25: TLSv1.2 with cipher X (1/1 bits)"
            guard case .tlsConnection(let parsed)? = PostfixLogRecord(parsing: line) else { return XCTFail(line) }
            XCTAssertEqual(parsed.trust, trust)
        }
        XCTAssertNil(PostfixLogRecord(parsing: "Dec  5 23:52:50 h postfix/smtp[2]: Odd TLS connection established to a.test[1]:25: x"))
        XCTAssertTrue(TLSTrust.untrusted < TLSTrust.verified)
    }

    /// The fields of a line are positions in its bytes; with a program suffix, the lines of
    /// other programs (a local delivery, the queue manager) give none, however they read.
    func testEventFieldsArePositionsAndTheProgramFilterKeepsTheSMTPClient() throws {
        func fields(_ line: String, _ suffix: StaticString? = nil) -> (PostfixLogEventFields?, [UInt8]) {
            let bytes = Array(line.utf8)
            return (bytes.withUnsafeBufferPointer { PostfixLogEventFields(lineBytes: $0, programSuffix: suffix) }, bytes)
        }
        let smtp = "Dec  5 23:52:50 sender postfix-out/smtp[284]: 4586929: to=<alice@B.Test>, relay=mx.b.test[127.0.0.2]:25, "
            + "delay=0.06, dsn=4.7.5, status=deferred (Server certificate not verified)"
        let (found, bytes) = fields(smtp, "/smtp")
        let event = try XCTUnwrap(found)
        XCTAssertEqual(String(decoding: bytes[event.program], as: UTF8.self), "postfix-out/smtp")
        XCTAssertEqual(event.pid, 284)
        guard case .delivery(let queueID?, let domain, let status, let failure) = event.kind else { return XCTFail("\(event.kind)") }
        XCTAssertEqual(String(decoding: bytes[queueID], as: UTF8.self), "4586929")
        XCTAssertEqual(String(decoding: bytes[domain], as: UTF8.self), "B.Test", "as logged; the caller folds the case")
        XCTAssertEqual(status, .deferred)
        XCTAssertEqual(failure, .certificateNotVerified)
        XCTAssertEqual(fields(smtp).0, event, "the filter changes nothing for a line it keeps")

        let local = "Dec  5 23:52:50 sender postfix/local[301]: 4586929: to=<bob@sender.test>, relay=local, delay=0.1, dsn=2.0.0, status=sent (delivered to mailbox)"
        XCTAssertNotNil(fields(local).0)
        XCTAssertNil(fields(local, "/smtp").0)
        XCTAssertNil(fields("Dec  5 23:52:50 sender smtp[2]: to=<a@b.test>, relay=x, dsn=2.0.0, status=sent (ok)", "/smtp").0,
                     "a program word shorter than the suffix")
        XCTAssertNil(fields("Dec  5 23:52:50 sender postfix/qmgr[133]: 4586929: removed", "/smtp").0)
    }

    /// Postfix's own reason texts (src/smtp/smtp_proto.c, src/smtp/smtp_tls_policy.c).
    func testPolicyFailuresAreRecognisedByPostfixTexts() {
        let cases: [(String, TLSPolicyFailure?)] = [
            ("TLS is required, but was not offered by host mx.plain.test[127.0.0.5]", .notOffered),
            ("delivery temporarily suspended: TLS is required, but was not offered by host mx.plain.test[127.0.0.5]", .notOffered),
            ("TLS is required, but host mx.b.test[127.0.0.2] refused to start TLS: 454 4.7.0 TLS not available", .startTLSRefused),
            ("TLS is required, but our TLS engine is unavailable", .engineUnavailable),
            ("TLS is required, but unavailable", .engineUnavailable),
            ("Cannot start TLS: handshake failure", .handshakeFailure),
            ("Server certificate not trusted", .certificateNotTrusted),
            ("Server certificate not verified", .certificateNotVerified),
            ("client TLS configuration problem", .configurationProblem),
            ("TLSA lookup error for mx.b.test:25", .tlsaLookupError),
            ("no TLSA records found", .daneUnavailable),
            ("non DNSSEC destination", .daneUnavailable),
            ("TLSA records unusable", .daneUnavailable),
            ("connect to mx.b.test[127.0.0.2]:25: Connection refused", nil),
            ("host mx.b.test[127.0.0.2] said: 550 5.1.1 no such user (in reply to RCPT TO command)", nil),
            ("lost connection with mx.b.test[127.0.0.2] while receiving the initial server greeting", nil),
        ]
        for (reason, expected) in cases {
            XCTAssertEqual(TLSPolicyFailure.classify(reason: reason), expected, reason)
        }
    }
}
