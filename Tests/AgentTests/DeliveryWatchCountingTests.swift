import Foundation
import Logging
@testable import PolicySync
import TLSPolicyLab
import XCTest

/// The delivery watch over the lab's real Postfix log (the MailLogScenario's sender, every
/// TLS outcome, Tests/PostfixLogTests/Fixtures/lab-maillog.txt) and the policy table that
/// sender used: per key, the deliveries and policy deferrals the scenario made, keyed as
/// Postfix matched them (`mail.group.test` under `.group.test`), nothing for the
/// destinations without an entry, and no local part anywhere in the state.
final class DeliveryWatchCountingTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("watch-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    private var fixture: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("PostfixLogTests/Fixtures/lab-maillog.txt")
    }

    func testTheScenarioLogIsCountedPerKeyAsPostfixMatchedIt() async throws {
        let log = directory.appendingPathComponent("mail.log")
        try FileManager.default.copyItem(at: fixture, to: log)
        let map = directory.appendingPathComponent("tls_policy")
        try Data(MailLogScenario.policyTableText.utf8).write(to: map)
        let configuration = try AgentConfiguration.parse("""
            repository_url = file:///srv/policy.git
            release_tag = v*
            ssh_allowed_signers = /etc/allowed_signers
            policy_map = hash:\(map.path)
            state_directory = \(directory.appendingPathComponent("state").path)
            mail_log = \(log.path)

            """, file: "agent.cf")
        let watch = DeliveryWatch(context: SyncContext(configuration: configuration, logger: Logger(label: "test")))
        var state = DeliveryWatchState()
        await watch.run(&state, now: Date())
        XCTAssertNil(state.lastError)

        var delivered: [String: Int] = [:], deferred: [String: Int] = [:]
        for destination in MailLogScenario.destinations {
            guard let key = destination.tableKey else { continue }
            if destination.deferredByPolicy {
                deferred[key, default: 0] += destination.messages
            } else {
                delivered[key, default: 0] += destination.messages
            }
        }
        XCTAssertFalse(deferred.isEmpty)
        XCTAssertNotNil(delivered[".group.test"], "the scenario has a parent-domain key")
        XCTAssertEqual(state.keys.filter { $0.value.policyDeferrals > 0 }.mapValues(\.policyDeferrals), deferred)
        XCTAssertEqual(state.keys.filter { $0.value.delivered > 0 }.mapValues(\.delivered), delivered)
        XCTAssertEqual(state.keys["strict.test"]?.lastPolicyFailure, "not-offered")
        XCTAssertEqual(state.keys["pinned.test"]?.lastPolicyFailure, "certificate-not-verified")

        // Read again: nothing new, nothing counted twice.
        let before = state.keys
        await watch.run(&state, now: Date())
        XCTAssertEqual(state.keys, before)
        XCTAssertEqual(state.lastReadLines, 0)

        // Only keys: not one local part of the scenario's recipients in the state or the metrics.
        let encoded = String(decoding: try JSONEncoder().encode(state), as: UTF8.self) + DeliveryWatchMetrics.render(state)
        XCTAssertFalse(encoded.contains("@"), encoded)
        for localPart in ["alice", "bob", "carol", "dave"] {
            XCTAssertFalse(encoded.contains(localPart), encoded)
        }
    }
}
