import Foundation
import PolicyDeploy
import TLSPolicy
import TLSPolicyLab
import XCTest

/// All-or-nothing deployment into a real Postfix instance.
final class MapDeployerTests: XCTestCase {
    private func deployAndQuery(_ type: MapType) async throws {
        let lab = try DeployLab(type: type)
        defer { lab.stop() }
        let result = try await lab.deployer().deploy(content: DeployFixtures.table(DeployFixtures.first), previous: nil)
        XCTAssertEqual(result.outcome, .deployed)
        XCTAssertEqual(result.map.entryCount, 3)
        XCTAssertEqual(try lab.query("gmail.com"), "secure match=.google.com:.googlemail.com")
        XCTAssertEqual(try lab.query("WEB.DE"), "encrypt", "Postfix folds the key")
        XCTAssertNil(try lab.query("absent.example"))
        XCTAssertEqual(lab.leftovers, [])
        XCTAssertEqual(FileManager.default.contents(atPath: lab.map.path).map { [UInt8]($0) },
                       DeployFixtures.table(DeployFixtures.first))
    }

    func testDeployHashThenPostmapQueryReturnsEntry() async throws { try await deployAndQuery(.hash) }
    func testDeployLMDBThenPostmapQueryReturnsEntry() async throws { try await deployAndQuery(.lmdb) }
    func testDeployCDBThenPostmapQueryReturnsEntry() async throws { try await deployAndQuery(.cdb) }
    func testDeployTexthashThenPostmapQueryReturnsEntry() async throws { try await deployAndQuery(.texthash) }
    func testDeployBtreeThenPostmapQueryReturnsEntry() async throws { try await deployAndQuery(.btree) }

    func testUnchangedSecondDeployRunsNoPostmapAndNoReload() async throws {
        let lab = try DeployLab(type: .hash)
        defer { lab.stop() }
        try lab.postfix.start()
        let table = DeployFixtures.table(DeployFixtures.first)
        let first = try await lab.deployer().deploy(content: table, previous: nil)
        XCTAssertTrue(first.reloaded)
        XCTAssertEqual(lab.waitForReloads(1), 1, lab.postfix.log)
        let before = try XCTUnwrap(FileIdentity.of(lab.map.indexedPath))
        let sourceBefore = try XCTUnwrap(FileIdentity.of(lab.map.path))

        let second = try await lab.deployer().deploy(content: table, previous: first.map)
        XCTAssertEqual(second.outcome, .unchanged)
        XCTAssertFalse(second.reloaded)
        // No postmap: the indexed file is the same inode with the same mtime; no reload logged.
        XCTAssertEqual(FileIdentity.of(lab.map.indexedPath), before)
        XCTAssertEqual(FileIdentity.of(lab.map.path), sourceBefore)
        try await Task.sleep(for: .seconds(1))
        XCTAssertEqual(lab.reloadCount, 1, lab.postfix.log)
    }

    func testChangedContentReloadsExactlyOnce() async throws {
        let lab = try DeployLab(type: .hash)
        defer { lab.stop() }
        try lab.postfix.start()
        let first = try await lab.deployer().deploy(content: DeployFixtures.table(DeployFixtures.first), previous: nil)
        XCTAssertEqual(lab.waitForReloads(1), 1)
        let second = try await lab.deployer().deploy(content: DeployFixtures.table(DeployFixtures.second), previous: first.map)
        XCTAssertEqual(second.outcome, .deployed)
        XCTAssertTrue(second.reloaded)
        XCTAssertEqual(lab.waitForReloads(2), 2)
        try await Task.sleep(for: .seconds(1))
        XCTAssertEqual(lab.reloadCount, 2, "exactly one reload per change")
        XCTAssertEqual(try lab.query("mailbox.org"), "dane-only")
        XCTAssertNil(try lab.query("posteo.de"))
        XCTAssertNotEqual(first.map.indexedFiles, second.map.indexedFiles)
    }

    func testStoppedPostfixIsNotReloaded() async throws {
        let lab = try DeployLab(type: .hash)
        defer { lab.stop() }
        let result = try await lab.deployer().deploy(content: DeployFixtures.table(DeployFixtures.first), previous: nil)
        XCTAssertEqual(result.outcome, .deployed)
        XCTAssertFalse(result.reloaded)
    }

    func testIndexedFileReplacedBehindOurBackIsRedeployed() async throws {
        let lab = try DeployLab(type: .hash)
        defer { lab.stop() }
        let table = DeployFixtures.table(DeployFixtures.first)
        let first = try await lab.deployer().deploy(content: table, previous: nil)
        // As after a run killed between the two renames: the indexed file is not the one recorded.
        try lab.postfix.postmap(type: "hash", file: URL(fileURLWithPath: lab.map.path))
        let second = try await lab.deployer().deploy(content: table, previous: first.map)
        XCTAssertEqual(second.outcome, .deployed)
    }

    func testFailingPostmapLeavesLiveMapByteIdentical() async throws {
        let lab = try DeployLab(type: .hash)
        defer { lab.stop() }
        let first = try await lab.deployer().deploy(content: DeployFixtures.table(DeployFixtures.first), previous: nil)
        // postmap runs as the source file's owner: a map owned by nobody in a root-owned
        // directory cannot be rebuilt there, so postmap fails.
        XCTAssertEqual(chown(lab.map.path, 65_534, 65_534), 0)
        let live = lab.liveBytes()
        do {
            _ = try await lab.deployer().deploy(content: DeployFixtures.table(DeployFixtures.second), previous: first.map)
            XCTFail("deploy succeeded although postmap cannot write")
        } catch {
            guard case .command(.failed(let argv, let termination, let stderr)) = error else { return XCTFail("\(error)") }
            XCTAssertTrue(argv.contains("postmap"), "\(argv)")
            XCTAssertEqual(termination, .exited(1))
            XCTAssertTrue(stderr.contains("Permission denied"), stderr)
        }
        XCTAssertEqual(lab.liveBytes(), live)
        XCTAssertEqual(lab.leftovers, [])
        XCTAssertEqual(try lab.query("posteo.de"), "secure match=.posteo.de")
    }

    func testFailingPostfixCheckLeavesLiveMapAndSaysWhy() async throws {
        let lab = try DeployLab(type: .hash)
        defer { lab.stop() }
        let first = try await lab.deployer().deploy(content: DeployFixtures.table(DeployFixtures.first), previous: nil)
        let live = lab.liveBytes()
        // postfix check prints nothing when stderr is no terminal; the reason is in the maillog.
        try lab.postfix.setParameters(["command_directory": "/nonexistent"])
        do {
            _ = try await lab.deployer().deploy(content: DeployFixtures.table(DeployFixtures.second), previous: first.map)
            XCTFail("deploy succeeded although postfix check fails")
        } catch {
            guard case .postfixCheckFailed(let status, let detail) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(status, 1)
            XCTAssertTrue(detail.contains("chdir(/nonexistent)"), detail)
        }
        XCTAssertEqual(lab.liveBytes(), live)
        XCTAssertEqual(lab.leftovers, [])
    }

    func testLinesPostmapDropsFailTheDeploy() async throws {
        let lab = try DeployLab(type: .hash)
        defer { lab.stop() }
        let first = try await lab.deployer().deploy(content: DeployFixtures.table(DeployFixtures.first), previous: nil)
        let live = lab.liveBytes()
        let broken = Array("gmail.com encrypt\nkey-without-value\n".utf8)
        do {
            _ = try await lab.deployer().deploy(content: broken, previous: first.map)
            XCTFail("deploy succeeded although postmap dropped a line")
        } catch {
            guard case .postmapWarnings(_, let warnings) = error else { return XCTFail("\(error)") }
            XCTAssertTrue(warnings.joined().contains("line 2"), "\(warnings)")
        }
        XCTAssertEqual(lab.liveBytes(), live)
        XCTAssertEqual(lab.leftovers, [])
    }

    func testDuplicateKeysFailTheSpotCheckOrPostmap() async throws {
        let lab = try DeployLab(type: .cdb)
        defer { lab.stop() }
        // postmap keeps the first of two entries for a key, so the map would not say what
        // the table's second line says.
        let table = Array("a.example encrypt\na.example secure\n".utf8)
        do {
            _ = try await lab.deployer().deploy(content: table, previous: nil)
            XCTFail("deploy succeeded with a duplicate key")
        } catch {
            switch error {
            case .postmapWarnings, .spotCheckFailed: break
            default: XCTFail("\(error)")
            }
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: lab.map.path))
        XCTAssertEqual(lab.leftovers, [])
    }

    func testMapTypeCheckedAgainstPostconf() async throws {
        let lab = try DeployLab(type: .hash)
        defer { lab.stop() }
        let types = try await lab.tools.supportedMapTypes()
        XCTAssertTrue(types.contains("hash"), "\(types)")
        XCTAssertTrue(types.contains("texthash"), "\(types)")
        let version = try await lab.tools.mailVersion()
        XCTAssertTrue(version.hasPrefix("3."), version)
        let parsed = try XCTUnwrap(PostfixVersion(version), version)
        XCTAssertEqual(parsed.major, 3)
        XCTAssertTrue(version.hasPrefix("\(parsed.major).\(parsed.minor)"), "\(parsed) from \(version)")
        // Several parameters in one postconf run, in order, an unset one as empty.
        let values = try await lab.tools.parameters(["mail_version", "smtp_dns_support_level", "smtp_tls_policy_maps"])
        XCTAssertEqual(values, [version, "", lab.map.description])
    }

    func testEmptyTableDeploysAnEmptyMap() async throws {
        // The expiry fallback installs an empty map: opportunistic TLS everywhere.
        let lab = try DeployLab(type: .lmdb)
        defer { lab.stop() }
        let first = try await lab.deployer().deploy(content: DeployFixtures.table(DeployFixtures.first), previous: nil)
        let empty = try await lab.deployer().deploy(content: [], previous: first.map)
        XCTAssertEqual(empty.outcome, .deployed)
        XCTAssertEqual(empty.map.entryCount, 0)
        XCTAssertNil(try lab.query("gmail.com"))
    }

    func testStaleTemporariesOfAKilledRunAreRemoved() async throws {
        let lab = try DeployLab(type: .hash)
        defer { lab.stop() }
        let stale = lab.map.directory + "/.tls_policy.tls-policy-agent-tmp.killed"
        XCTAssertTrue(FileManager.default.createFile(atPath: stale, contents: Data("x y\n".utf8)))
        XCTAssertTrue(FileManager.default.createFile(atPath: stale + ".db", contents: Data()))
        _ = try await lab.deployer().deploy(content: DeployFixtures.table(DeployFixtures.first), previous: nil)
        XCTAssertEqual(lab.leftovers, [])
    }
}
