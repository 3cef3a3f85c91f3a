import PolicyProbe
import XCTest

/// `--shard I/N`: every key in exactly one shard, the same on every run.
final class ShardTests: XCTestCase {
    func testEveryKeyIsInExactlyOneShard() throws {
        let keys = (0..<2_000).map { "domain\($0).example" } + ["gmail.com", "GMAIL.COM.example", "a.b.c.d"]
        for count in [1, 2, 3, 7, 16] {
            let shards = try (1...count).map { try Shard(parsing: "\($0)/\(count)") }
            var seen = 0
            for key in keys {
                let holders = shards.filter { $0.contains(key: key) }
                XCTAssertEqual(holders.count, 1, "\(key) in \(holders) of \(count)")
                seen += holders.count
            }
            XCTAssertEqual(seen, keys.count)
            if count > 1 { XCTAssertTrue(shards.allSatisfy { shard in keys.contains { shard.contains(key: $0) } }) }
        }
    }

    func testShardIsStableAndCaseInsensitive() throws {
        // FNV-1a of "a": a fixed value on every machine, unlike Swift's per-run seeded Hasher.
        XCTAssertEqual(Shard.stableHash("a"), 0xaf63_dc4c_8601_ec8c)
        let shard = try Shard(parsing: "2/5")
        XCTAssertEqual(shard.contains(key: "Example.COM"), shard.contains(key: "example.com"))
    }

    func testMalformedShardsAreRefused() {
        for text in ["0/3", "4/3", "1/0", "x/2", "1", "1/2/3", "-1/2"] {
            XCTAssertThrowsError(try Shard(parsing: text), text)
        }
    }
}
