import CCurl
import CCurlShims
import Foundation
import XCTest

/// Proves libcurl links and works without a network: its build reports
/// HTTPS through OpenSSL, and a file:// transfer through the setopt shims
/// delivers the file's bytes to a Swift write callback.
final class LibcurlTests: XCTestCase {
    override class func setUp() {
        super.setUp()
        // Not thread-safe and process-wide: once for this test class, before any handle.
        curl_global_init(Int(CURL_GLOBAL_DEFAULT))
    }

    func testLibcurlSupportsHTTPSThroughOpenSSL() throws {
        let info = try XCTUnwrap(shim_curl_version_info_now(), "curl_version_info returned NULL").pointee
        var protocols: [String] = []
        if var entry = info.protocols {
            while let name = entry.pointee {
                protocols.append(String(cString: name))
                entry += 1
            }
        }
        XCTAssertTrue(protocols.contains("https"), "protocols: \(protocols)")
        XCTAssertTrue(protocols.contains("file"), "protocols: \(protocols)")
        XCTAssertNotEqual(info.features & CURL_VERSION_SSL, 0, "libcurl built without TLS")
        let tlsLibrary = String(cString: try XCTUnwrap(info.ssl_version, "libcurl names no TLS library"))
        XCTAssertTrue(tlsLibrary.hasPrefix("OpenSSL/"), "TLS library: \(tlsLibrary)")
    }

    func testLibcurlTransfersFileURLThroughWriteFunctionShim() throws {
        let directory = try TemporaryDirectory(prefix: "libcurl")
        let file = URL(fileURLWithPath: directory.path).appendingPathComponent("policy.txt")
        // Larger than one callback chunk (CURL_MAX_WRITE_SIZE, 16 KiB) so the
        // callback must append, not overwrite.
        let expected = Data((0..<40_000).map { UInt8(truncatingIfNeeded: $0 &* 31) })
        try expected.write(to: file)

        let handle = try XCTUnwrap(curl_easy_init(), "curl_easy_init failed")
        defer { curl_easy_cleanup(handle) }
        let sink = ResponseSink()
        let unmanagedSink = Unmanaged.passRetained(sink)
        defer { unmanagedSink.release() }

        XCTAssertEqual(shim_curl_easy_setopt_string(handle, CURLOPT_URL, file.absoluteString), CURLE_OK)
        XCTAssertEqual(shim_curl_easy_setopt_long(handle, CURLOPT_NOSIGNAL, 1), CURLE_OK)
        XCTAssertEqual(shim_curl_easy_setopt_long(handle, CURLOPT_TIMEOUT, 30), CURLE_OK)
        XCTAssertEqual(shim_curl_easy_setopt_writefunction(handle, ResponseSink.write), CURLE_OK)
        XCTAssertEqual(
            shim_curl_easy_setopt_pointer(handle, CURLOPT_WRITEDATA, unmanagedSink.toOpaque()), CURLE_OK)

        let result = curl_easy_perform(handle)
        XCTAssertEqual(result, CURLE_OK, String(cString: curl_easy_strerror(result)))
        XCTAssertEqual(sink.data.count, expected.count)
        XCTAssertEqual(sink.data, expected)
        XCTAssertGreaterThan(sink.callbackCount, 1, "expected the body in several chunks")
    }

    func testLibcurlReportsMissingFileAsError() throws {
        let directory = try TemporaryDirectory(prefix: "libcurl")
        let missing = URL(fileURLWithPath: directory.path).appendingPathComponent("absent.txt")
        let handle = try XCTUnwrap(curl_easy_init(), "curl_easy_init failed")
        defer { curl_easy_cleanup(handle) }
        XCTAssertEqual(shim_curl_easy_setopt_string(handle, CURLOPT_URL, missing.absoluteString), CURLE_OK)
        XCTAssertEqual(curl_easy_perform(handle), CURLE_FILE_COULDNT_READ_FILE)
    }
}

/// Collects a response body from libcurl's write callback. Used from the one
/// thread running curl_easy_perform, so it needs no lock.
private final class ResponseSink {
    var data = Data()
    var callbackCount = 0

    /// The C callback: `context` is the sink passed as CURLOPT_WRITEDATA.
    static let write: shim_curl_write_callback = { bytes, size, count, context in
        guard let bytes, let context else { return 0 }
        let sink = Unmanaged<ResponseSink>.fromOpaque(context).takeUnretainedValue()
        let length = size * count
        bytes.withMemoryRebound(to: UInt8.self, capacity: length) { start in
            sink.data.append(start, count: length)
        }
        sink.callbackCount += 1
        // Returning fewer bytes than offered would abort the transfer.
        return length
    }
}
