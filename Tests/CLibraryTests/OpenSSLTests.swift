import COpenSSL
import COpenSSLShims
import XCTest

/// Proves OpenSSL links and works: a client context and connection with SNI
/// set through the shim, and a SHA-256 digest through EVP.
final class OpenSSLTests: XCTestCase {
    func testOpenSSLCreatesClientConnectionWithServerNameThroughShim() throws {
        let context = try XCTUnwrap(SSL_CTX_new(TLS_client_method()), "SSL_CTX_new failed")
        defer { SSL_CTX_free(context) }
        XCTAssertEqual(shim_SSL_CTX_set_min_proto_version(context, TLS1_2_VERSION), 1)
        XCTAssertEqual(shim_SSL_CTX_set_max_proto_version(context, TLS1_3_VERSION), 1)
        // The shims must reach the real setting, not just return 1.
        XCTAssertEqual(SSL_CTX_ctrl(context, SSL_CTRL_GET_MIN_PROTO_VERSION, 0, nil), Int(TLS1_2_VERSION))
        XCTAssertEqual(SSL_CTX_ctrl(context, SSL_CTRL_GET_MAX_PROTO_VERSION, 0, nil), Int(TLS1_3_VERSION))

        let connection = try XCTUnwrap(SSL_new(context), "SSL_new failed")
        defer { SSL_free(connection) }
        XCTAssertEqual(shim_SSL_set_tlsext_host_name(connection, "mx.example.org"), 1)
        let serverName = try XCTUnwrap(SSL_get_servername(connection, TLSEXT_NAMETYPE_host_name))
        XCTAssertEqual(String(cString: serverName), "mx.example.org")
    }

    func testOpenSSLComputesKnownSHA256DigestWithEVP() throws {
        let digestContext = try XCTUnwrap(EVP_MD_CTX_new(), "EVP_MD_CTX_new failed")
        defer { EVP_MD_CTX_free(digestContext) }
        let input = Array("abc".utf8)
        var digest = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        XCTAssertEqual(EVP_DigestInit_ex(digestContext, EVP_sha256(), nil), 1)
        XCTAssertEqual(EVP_DigestUpdate(digestContext, input, input.count), 1)
        XCTAssertEqual(EVP_DigestFinal_ex(digestContext, &digest, &length), 1)
        let hex = digest.prefix(Int(length)).map { String(format: "%02x", $0) }.joined()
        // FIPS 180-2, appendix B.1: SHA-256("abc").
        XCTAssertEqual(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    func testOpenSSLFreeShimReleasesLibraryAllocatedString() throws {
        // X509_NAME_oneline with a NULL buffer allocates with OPENSSL_malloc:
        // exactly the memory shim_OPENSSL_free exists to release.
        let name = try XCTUnwrap(X509_NAME_new())
        defer { X509_NAME_free(name) }
        XCTAssertEqual(X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, "mx.example.org", -1, -1, 0), 1)
        let text = try XCTUnwrap(X509_NAME_oneline(name, nil, 0))
        XCTAssertEqual(String(cString: text), "/CN=mx.example.org")
        shim_OPENSSL_free(text)
    }
}
