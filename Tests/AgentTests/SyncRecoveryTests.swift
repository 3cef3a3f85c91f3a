import ExternalCommand
import Foundation
import PolicySync
import ReleaseTrust
import TLSPolicyLab
import XCTest

/// A fleet recovers on its own: the agent remembers only what it verified, judges the
/// remote as it is now, and judges the freshness of what it deployed on every run.
/// Repositories are built by real git, tags signed by real ssh-keygen; the real binary runs.
final class SyncRecoveryTests: AgentLabTestCase {
    private static let changed = [
        "policy/gmail.policy": "# Provider: Gmail\n\ngmail.example verify match=.google.example\n",
    ]

    private func deployed(_ tag: String = "v1.0.0") throws -> SyncFixture {
        let fixture = try SyncFixture(lab: try lab())
        try fixture.release(tag)
        let result = try fixture.agent("sync")
        XCTAssertEqual(result.exitStatus, 0, result.stderrText)
        return fixture
    }

    private func deleteTag(_ name: String, in fixture: SyncFixture) throws {
        try fixture.repository.git(["tag", "-d", name])
    }

    private func syncJSON(_ fixture: SyncFixture, _ arguments: [String] = []) throws -> (CommandResult, [String: Any]) {
        let result = try fixture.agent("sync", ["--format", "json"] + arguments)
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout)) as? [String: Any]
        return (result, try XCTUnwrap(object, "sync --format json printed: \(result.stdoutText)"))
    }

    func testTamperedTagReplacedByTheGenuineReleaseDeploys() throws {
        let fixture = try deployed()
        try fixture.release("v1.1.0", files: Self.changed)
        let raw = String(decoding: try fixture.repository.rawTag("v1.1.0"), as: UTF8.self)
        try fixture.repository.storeLiteralTag(Data(raw.replacingOccurrences(of: "Release v1.1.0", with: "Release v1.1.0!").utf8),
                                               as: "v1.1.0")
        let refused = try fixture.agent("sync")
        XCTAssertEqual(refused.exitStatus, 1)
        XCTAssertTrue(refused.stderrText.contains("release v1.1.0 refused: ssh signature not accepted"), refused.stderrText)
        XCTAssertFalse(try fixture.state.verifiedTags.contains("v1.1.0"), "a tag that failed is not remembered")

        // The maintainers replace the tampered tag with the genuine release of that name.
        try fixture.repository.tag("v1.1.0", message: AgentLab.message("Release v1.1.0"), signing: .ssh(fixture.lab.sshKey),
                                   force: true)
        let recovered = try fixture.agent("sync")
        XCTAssertEqual(recovered.exitStatus, 0, recovered.stderrText)
        XCTAssertTrue(recovered.stdoutText.hasPrefix("deployed v1.1.0"), recovered.stdoutText)
        XCTAssertEqual(try fixture.lookup("gmail.example"), "verify match=.google.example")
        XCTAssertEqual(try fixture.state.verifiedTags.entries["v1.1.0"]?.hex,
                       try fixture.repository.revParse("refs/tags/v1.1.0"))
    }

    func testUnsignedNewestTagDeletedUpstreamLetsTheNewestValidReleaseDeploy() throws {
        let fixture = try deployed()
        try fixture.release("v1.1.0", files: Self.changed)
        try fixture.release("v1.2.0", files: ["policy/gmail.policy": "# Provider: Gmail\n\ngmail.example encrypt\n"],
                            signing: .unsigned)
        let refused = try fixture.agent("sync")
        XCTAssertEqual(refused.exitStatus, 1)
        XCTAssertTrue(refused.stderrText.contains("release v1.2.0 refused: the tag is not signed"), refused.stderrText)

        try deleteTag("v1.2.0", in: fixture)
        let recovered = try fixture.agent("sync")
        XCTAssertEqual(recovered.exitStatus, 0, recovered.stderrText)
        XCTAssertTrue(recovered.stdoutText.hasPrefix("deployed v1.1.0"), recovered.stdoutText)
    }

    func testDeployedReleaseDeletedUpstreamIsARollbackFailureUntilANewerOneAppears() throws {
        let fixture = try SyncFixture(lab: try lab())
        try fixture.release("v1.0.0")
        try fixture.release("v1.1.0", files: Self.changed)
        XCTAssertEqual(try fixture.agent("sync").exitStatus, 0)
        try deleteTag("v1.1.0", in: fixture)
        let live = fixture.liveFiles

        let (refused, json) = try syncJSON(fixture)
        XCTAssertEqual(refused.exitStatus, 1, "never a no-op success")
        XCTAssertEqual(json["outcome"] as? String, "refused")
        XCTAssertEqual(json["reason"] as? String, "rollback")
        XCTAssertEqual(json["tag"] as? String, "v1.0.0")
        XCTAssertTrue(refused.stderrText.contains("release v1.0.0 refused: it is older than the deployed release v1.1.0 (rollback)"),
                      refused.stderrText)
        XCTAssertEqual(fixture.liveFiles, live)
        XCTAssertEqual(try fixture.lookup("gmail.example"), "verify match=.google.example")
        let status = try fixture.agent("status", ["--format", "json"])
        let report = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(status.stdout)) as? [String: Any])
        XCTAssertEqual(report["lastOutcome"] as? String, "failed")
        XCTAssertEqual(report["lastReason"] as? String, "rollback")
        XCTAssertEqual(report["tag"] as? String, "v1.1.0", "the deployed release is still what is live")

        try fixture.release("v1.2.0")
        let recovered = try fixture.agent("sync")
        XCTAssertEqual(recovered.exitStatus, 0, recovered.stderrText)
        XCTAssertTrue(recovered.stdoutText.hasPrefix("deployed v1.2.0"), recovered.stdoutText)
    }

    func testRemoteWithNoTagsIsAFailureNotANoOp() throws {
        let fixture = try deployed()
        try deleteTag("v1.0.0", in: fixture)
        let live = fixture.liveFiles
        let (result, json) = try syncJSON(fixture)
        XCTAssertEqual(result.exitStatus, 1)
        XCTAssertEqual(json["reason"] as? String, "no-release")
        XCTAssertTrue(result.stderrText.contains("no release tag matches release_tag = v*"), result.stderrText)
        XCTAssertTrue(result.stderrText.contains("the deployed release v1.0.0 is no longer offered"), result.stderrText)
        XCTAssertEqual(fixture.liveFiles, live)
        XCTAssertEqual(try fixture.state.lastRun?.outcome, .failed)
        let lastSuccess = try fixture.state.lastSuccessAt
        XCTAssertEqual(try fixture.agent("sync").exitStatus, 1)
        XCTAssertEqual(try fixture.state.lastSuccessAt, lastSuccess, "a failure never refreshes the last success")
    }

    func testFutureDatedTagIsRefusedAsClockSkew() throws {
        let fixture = try deployed()
        try fixture.repository.commit(files: Self.changed, message: "next")
        try fixture.repository.tag("v1.1.0", message: AgentLab.message("Release v1.1.0"), signing: .ssh(fixture.lab.sshKey),
                                   date: Date().addingTimeInterval(30 * 86_400))
        let live = fixture.liveFiles
        let (result, json) = try syncJSON(fixture)
        XCTAssertEqual(result.exitStatus, 1)
        XCTAssertEqual(json["reason"] as? String, "clock-skew")
        XCTAssertTrue(result.stderrText.contains("its tagger date"), result.stderrText)
        XCTAssertEqual(fixture.liveFiles, live)
        XCTAssertFalse(try fixture.state.verifiedTags.contains("v1.1.0"))
    }

    /// TUF's freeze attack: the deployed release expires while the fetch keeps failing.
    func testDeployedReleaseExpiringWhileTheRemoteIsUnreachableFailsLoudlyThenFallsBack() throws {
        let fixture = try SyncFixture(lab: try lab())
        try fixture.release("v1.0.0")
        // Whole seconds: the tag's Expires: has no fraction, so the metric below can be
        // compared exactly whichever way a formatter would round one.
        let expiry = Date(timeIntervalSince1970: (Date().timeIntervalSince1970 + 10).rounded(.down))
        try fixture.release("v1.1.0", files: Self.changed, expires: ReleaseExpiry.format(expiry))
        let first = try fixture.agent("sync")
        XCTAssertEqual(first.exitStatus, 0, first.stderrText)
        XCTAssertTrue(first.stdoutText.hasPrefix("deployed v1.1.0"), first.stdoutText)
        let status = try fixture.agent("status")
        XCTAssertTrue(status.stdoutText.contains("WARNING: the deployed release v1.1.0 expires within expiry_warning = 1w"),
                      status.stdoutText)
        // Bounded wait until the signed expiry has passed.
        while Date() <= expiry.addingTimeInterval(1) { Thread.sleep(forTimeInterval: 0.5) }

        let unreachable = ["--repository-url", "file:///nonexistent/dataset.git"]
        let live = fixture.liveFiles
        for _ in 0..<2 {
            let kept = try fixture.agent("sync", unreachable)
            XCTAssertEqual(kept.exitStatus, 1)
            XCTAssertTrue(kept.stderrText.contains("the deployed release v1.1.0 expired at"), kept.stderrText)
            XCTAssertEqual(fixture.liveFiles, live, "expiry_fallback = keep keeps the map")
        }
        let expiredStatus = try fixture.agent("status")
        XCTAssertTrue(expiredStatus.stdoutText.contains("(EXPIRED)"), expiredStatus.stdoutText)
        let metrics = String(decoding: FileManager.default.contents(atPath: fixture.stateDirectory + "/metrics.prom") ?? Data(),
                             as: UTF8.self)
        XCTAssertTrue(metrics.contains("tls_policy_agent_release_expired 1"), metrics)
        XCTAssertTrue(metrics.contains("tls_policy_agent_release_expiry_timestamp_seconds \(Int(expiry.timeIntervalSince1970))"),
                      metrics)

        let emptied = try fixture.agent("sync", unreachable + ["--expiry-fallback", "empty"])
        XCTAssertEqual(emptied.exitStatus, 1)
        XCTAssertTrue(emptied.stderrText.contains("installed an empty map (expiry_fallback = empty)"), emptied.stderrText)
        XCTAssertNil(try fixture.lookup("gmail.example"), "the empty map is live")
        XCTAssertNil(try fixture.state.deployedRelease)
        XCTAssertEqual(try fixture.state.rollbackFloor?.tag, "v1.1.0", "rollback protection survives the fallback")

        // Reachable again: the newest is the expired v1.1.0; without it, only the older v1.0.0.
        let stillExpired = try fixture.agent("sync", ["--expiry-fallback", "empty"])
        XCTAssertEqual(stillExpired.exitStatus, 1)
        XCTAssertTrue(stillExpired.stderrText.contains("release v1.1.0 refused: it expired"), stillExpired.stderrText)
        XCTAssertTrue(stillExpired.stderrText.contains("the empty map of expiry_fallback = empty is live"), stillExpired.stderrText)
        try deleteTag("v1.1.0", in: fixture)
        let older = try fixture.agent("sync", ["--expiry-fallback", "empty"])
        XCTAssertEqual(older.exitStatus, 1)
        XCTAssertTrue(older.stderrText.contains("(rollback)"), older.stderrText)
        XCTAssertNil(try fixture.lookup("gmail.example"))

        try fixture.release("v1.2.0", files: Self.changed)
        let recovered = try fixture.agent("sync", ["--expiry-fallback", "empty"])
        XCTAssertEqual(recovered.exitStatus, 0, recovered.stderrText)
        XCTAssertTrue(recovered.stdoutText.hasPrefix("deployed v1.2.0"), recovered.stdoutText)
        XCTAssertEqual(try fixture.lookup("gmail.example"), "verify match=.google.example")
        XCTAssertNil(try fixture.state.expiryFallback)
    }

    /// A tag on a blob is no release: outside the pin it is ignored (never a reason to call
    /// the cache corrupt and clone again), inside the pin it is refused.
    func testTagOnABlobIsIgnoredOutsideThePinAndRefusedInsideIt() throws {
        let fixture = try deployed()
        let blob = try fixture.repository.git(["hash-object", "-w", "--stdin"], input: Data("not a release\n".utf8))
            .stdoutText.trimmingCharacters(in: .whitespacesAndNewlines)
        try fixture.repository.git(["tag", "notes", blob])
        let ignored = try fixture.agent("sync")
        XCTAssertEqual(ignored.exitStatus, 0, ignored.stderrText)
        XCTAssertTrue(ignored.stdoutText.hasPrefix("unchanged v1.0.0"), ignored.stdoutText)
        XCTAssertFalse(ignored.stderrText.contains("corrupt"), ignored.stderrText)
        let again = try fixture.agent("sync")
        XCTAssertFalse(again.stderrText.contains("cloning again"), again.stderrText)

        try fixture.repository.git(["tag", "-a", "-m", "Release v9.0.0", "v9.0.0", blob])
        let (refused, json) = try syncJSON(fixture)
        XCTAssertEqual(refused.exitStatus, 1)
        XCTAssertEqual(json["reason"] as? String, "malformed-tag", refused.stderrText)
        XCTAssertTrue(refused.stderrText.contains("release v9.0.0 refused: it leads to a blob, not a commit"), refused.stderrText)
    }

    func testDryRunDiffAndVerifyNeverWriteTheState() throws {
        let fixture = try deployed()
        try fixture.release("v1.1.0", files: Self.changed)
        let before = fixture.stateBytes
        XCTAssertEqual(try fixture.agent("sync", ["--dry-run"]).exitStatus, 0)
        XCTAssertEqual(try fixture.agent("diff").exitStatus, 0)
        XCTAssertEqual(try fixture.agent("verify", ["v1.1.0"]).exitStatus, 0)
        XCTAssertEqual(fixture.stateBytes, before, "no ledger entry, no run record")
        XCTAssertFalse(try fixture.state.verifiedTags.contains("v1.1.0"))
    }

    /// An agent of the previous format kept a ledger of every tag *seen*: a bad v1.1.0 it
    /// once fetched would block the genuine v1.1.0 for good. Migrated, it does not.
    func testStateOfThePreviousFormatMigratesAndForgetsUnverifiedTags() throws {
        let fixture = try deployed()
        let current = try fixture.state
        let map = try XCTUnwrap(current.deployedMap)
        let release = try XCTUnwrap(current.deployedRelease)
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        let mapJSON = String(decoding: try encoder.encode(map), as: UTF8.self)
        let date = { (value: Date) in ReleaseExpiry.format(value) }
        try LabFileSystem.write("""
            {"tag":"\(release.tag)","commit":"\(release.commit)","deployed":\(mapJSON),"lastOutcome":"deployed",
             "lastRunAt":"\(date(Date()))","deployedAt":"\(date(Date()))"}
            """, to: URL(fileURLWithPath: fixture.stateDirectory + "/state.json"))
        try LabFileSystem.write("""
            {"release":{"tag":"\(release.tag)","tagObject":"\(release.tagObject)","commit":"\(release.commit)",
             "signer":"\(release.signer)","taggerDate":"\(date(release.taggerDate))","expires":"\(date(release.expires))",
             "entries":3},"outcomes":{"deployed":1},"stepOutcomes":{}}
            """, to: URL(fileURLWithPath: fixture.stateDirectory + "/release.json"))
        try LabFileSystem.write("\(release.tagObject) v1.0.0\n\(String(repeating: "e", count: 40)) v1.1.0\n",
                                to: URL(fileURLWithPath: fixture.stateDirectory + "/tags.ledger"))

        try fixture.release("v1.1.0", files: Self.changed)
        let result = try fixture.agent("sync")
        XCTAssertEqual(result.exitStatus, 0, result.stderrText)
        XCTAssertTrue(result.stdoutText.hasPrefix("deployed v1.1.0"), result.stdoutText)
        let files = try FileManager.default.contentsOfDirectory(atPath: fixture.stateDirectory).sorted()
        XCTAssertFalse(files.contains("release.json") || files.contains("tags.ledger"), "\(files)")
        XCTAssertEqual(try fixture.state.verifiedTags.entries.keys.sorted(), ["v1.0.0", "v1.1.0"])
    }

    func testForgetLetsADeliberatelyRepublishedReleaseVerifyAfresh() throws {
        let fixture = try deployed()
        try fixture.repository.commit(files: Self.changed, message: "re-published")
        try fixture.repository.tag("v1.0.0", message: AgentLab.message("Release v1.0.0"), signing: .ssh(fixture.lab.sshKey),
                                   force: true)
        let refused = try fixture.agent("sync")
        XCTAssertEqual(refused.exitStatus, 1)
        XCTAssertTrue(refused.stderrText.contains("tls-policy-agent forget TAG"), refused.stderrText)
        let forget = try fixture.agent("forget", ["v1.0.0"])
        XCTAssertEqual(forget.exitStatus, 0, forget.stderrText)
        XCTAssertEqual(forget.stdoutText, "forgot verified release v1.0.0\n")
        let result = try fixture.agent("sync")
        XCTAssertEqual(result.exitStatus, 0, result.stderrText)
        XCTAssertEqual(try fixture.lookup("gmail.example"), "verify match=.google.example")
    }

    func testSyncJSONAndResultLineStayStable() throws {
        let fixture = try SyncFixture(lab: try lab())
        try fixture.release("v1.0.0")
        let commit = String(try fixture.repository.revParse("v1.0.0^{commit}").prefix(12))
        let (deployed, json) = try syncJSON(fixture)
        XCTAssertEqual(deployed.exitStatus, 0, deployed.stderrText)
        XCTAssertEqual(json["outcome"] as? String, "deployed")
        XCTAssertEqual(json["tag"] as? String, "v1.0.0")
        XCTAssertEqual(json["entries"] as? Int, 3)
        let line = try fixture.agent("sync")
        XCTAssertEqual(line.stdoutText, "unchanged v1.0.0 (\(commit)) at hash:\(fixture.mapPath): 3 entries\n")
    }

    /// Under systemd, journald reads `<N>` at the start of each line as its priority.
    func testLogLinesCarryTheSyslogPriorityWhenStderrIsTheJournal() throws {
        let fixture = try SyncFixture(lab: try lab())
        let log = fixture.directory.appendingPathComponent("journal-stream").path
        let script = "exec 2>'\(log)'; JOURNAL_STREAM=$(stat -c %d:%i '\(log)') exec '\(fixture.lab.agent)' sync --config '\(fixture.configPath)'"
        let result = try fixture.lab.namespace.run(["sh", "-c", script], timeout: 60)
        XCTAssertEqual(result.exitStatus, 1, "no release yet")
        let lines = try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n")
        XCTAssertTrue(lines.contains { $0.hasPrefix("<3>Error: select: no release tag matches") }, lines.joined(separator: "\n"))
        XCTAssertTrue(lines.contains { $0.hasPrefix("<6>info tls-policy-agent: fetched") }, lines.joined(separator: "\n"))
        XCTAssertTrue(lines.allSatisfy { $0.hasPrefix("<") }, lines.joined(separator: "\n"))
        let plain = try fixture.agent("sync")
        XCTAssertFalse(plain.stderrText.contains("<3>"), "plain lines when stderr is not the journal")
    }
}
