import TLSPolicy
import XCTest

/// The keys of a table source as postmap stores them, which the agent's delivery watch
/// looks recipient domains up in (with `PolicyLookup`).
final class PolicyTableStoredKeysTests: XCTestCase {
    func testKeysInFileOrderWithoutCommentsContinuationsOrDuplicates() {
        let table = Array("""
            # comment
            example.com secure match=.example.com
            .example.com encrypt
              protocols=>=TLSv1.2
            Mixed.Example dane
            EXAMPLE.COM encrypt
            [relay.example]:587 encrypt
            lonely-key

            """.utf8)
        XCTAssertEqual(PolicyTable.storedKeys(in: table), ["example.com", ".example.com", "Mixed.Example", "[relay.example]:587"])
        let lookup = PolicyLookup(PolicyTable.storedKeys(in: table).map { (key: $0, value: ()) })
        XCTAssertEqual(lookup.match(domain: "mx.example.com")?.key, ".example.com")
        XCTAssertEqual(lookup.match(domain: "mixed.EXAMPLE")?.key, "mixed.example")
        XCTAssertNil(lookup.match(domain: "relay.example"))
    }
}
