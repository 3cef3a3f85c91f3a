import Foundation
import PolicyDeploy
import XCTest

/// Map locations and the content digest.
final class MapLocationTests: XCTestCase {
    func testSHA256MatchesKnownVector() throws {
        XCTAssertEqual(try SHA256Digest.hex(of: Array("abc".utf8)),
                       "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        XCTAssertEqual(try SHA256Digest.hex(of: []),
                       "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    func testMapLocationParsing() throws {
        let map = try MapLocation(parsing: "lmdb:/etc/postfix/tls_policy")
        XCTAssertEqual(map.indexedPath, "/etc/postfix/tls_policy.lmdb")
        XCTAssertEqual(map.directory, "/etc/postfix")
        XCTAssertEqual(try MapLocation(parsing: "texthash:/etc/p").indexedPath, "/etc/p")
        XCTAssertEqual(try MapLocation(parsing: "btree:/etc/p").indexedPath, "/etc/p.db")
        XCTAssertEqual(try MapLocation(parsing: "cdb:/etc/p").indexedPath, "/etc/p.cdb")
        for bad in ["hash", "regexp:/etc/p", "hash:relative", "hash:/etc/"] {
            XCTAssertThrowsError(try MapLocation(parsing: bad), bad)
        }
    }
}
