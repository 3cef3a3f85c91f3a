import PostfixLog
import XCTest

/// A delivery is tied to the TLS line its SMTP client logged for the same request only.
final class DeliveryTLSMatcherTests: XCTestCase {
    func testTLSLineBelongsToTheNextRequestOfItsProcess() throws {
        let log = """
            Dec  5 23:52:50 h postfix/smtp[10]: Verified TLS connection established to mx.a.test[127.0.0.2]:25: TLSv1.3 with cipher X (256/256 bits)
            Dec  5 23:52:50 h postfix/smtp[11]: AAA2: to=<x@plain.test>, relay=mx.plain.test[127.0.0.5]:25, delay=0.1, dsn=2.0.0, status=sent (250 ok)
            Dec  5 23:52:50 h postfix/smtp[10]: AAA1: to=<x@a.test>, relay=mx.a.test[127.0.0.2]:25, delay=0.1, dsn=2.0.0, status=sent (250 ok)
            Dec  5 23:52:50 h postfix/smtp[10]: AAA1: to=<y@a.test>, relay=mx.a.test[127.0.0.2]:25, delay=0.1, dsn=2.0.0, status=sent (250 ok)
            Dec  5 23:52:51 h postfix/smtp[10]: AAA3: to=<x@later.test>, relay=mx.later.test[127.0.0.6]:25, delay=0.1, dsn=2.0.0, status=sent (250 ok)
            Dec  5 23:52:51 h postfix/lmtp[10]: AAA4: to=<x@local.test>, relay=lmtp[private/x], delay=0.1, dsn=2.0.0, status=sent (250 ok)
            """
        var matcher = DeliveryTLSMatcher()
        var trustByDomain: [String: TLSTrust?] = [:]
        for line in log.split(separator: "\n") {
            guard let record = PostfixLogRecord(parsing: String(line)), let observed = matcher.observe(record) else { continue }
            trustByDomain.updateValue(observed.tls?.trust, forKey: observed.delivery.recipientDomain)
        }
        XCTAssertEqual(trustByDomain.count, 4)
        XCTAssertEqual(trustByDomain["a.test"], .some(.verified), "both recipients of the request went over TLS")
        XCTAssertEqual(trustByDomain["plain.test"], .some(nil), "another process's TLS line is not this delivery's")
        XCTAssertEqual(trustByDomain["later.test"], .some(nil), "the next request of the same process made no TLS line")
        XCTAssertEqual(trustByDomain["local.test"], .some(nil), "another program with the same PID")
    }

    func testSplitterHandsOutLinesAcrossChunks() {
        var splitter = PostfixLogLineSplitter(maximumLineLength: 8)
        var lines: [String] = []
        let collect: (UnsafeBufferPointer<UInt8>, Int) -> Void = { lines.append("\($1):" + String(decoding: $0, as: UTF8.self)) }
        for chunk in ["ab", "c\nde", "f\n\n0123456789", "x\nlast"] {
            Array(chunk.utf8).withUnsafeBytes { splitter.consume($0, collect) }
        }
        splitter.finish(collect)
        XCTAssertEqual(lines, ["1:abc", "2:def", "3:", "4:01234567", "5:last"])
    }
}
