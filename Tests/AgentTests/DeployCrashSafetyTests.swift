import Foundation
import TLSPolicyLab
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// kill -9 of `tls-policy-agent deploy` at random moments never leaves Postfix with a
/// partial map: every key looks up as in the complete old table or the complete new one.
final class DeployCrashSafetyTests: XCTestCase {
    private struct Table {
        var path: String
        var entries: [String: String]
    }

    private func makeTable(_ namespace: LabNamespace, name: String, variant: Int) throws -> Table {
        var entries: [String: String] = [:]
        // Shared keys change value; some keys exist in one table only.
        for index in 0..<300 {
            entries["shared\(index).example"] = variant == 0 ? "encrypt" : "secure match=.m\(index).example"
        }
        for index in 0..<50 {
            entries["only\(variant)-\(index).example"] = "verify match=.v\(variant).example"
        }
        let text = entries.keys.sorted().map { "\($0) \(entries[$0] ?? "")\n" }.joined()
        let url = namespace.directory.appendingPathComponent(name)
        try LabFileSystem.write(text, to: url, backdated: true)
        return Table(path: url.path, entries: entries)
    }

    func testKillDashNineAtRandomPointsAlwaysLeavesACompleteMap() throws {
        if let reason = LabEnvironment.unavailableReason { throw XCTSkip("lab unavailable: \(reason)") }
        let agent = try ProductBinary.named("tls-policy-agent").url.path
        let namespace = try LabNamespace()
        defer { namespace.stop() }
        let mapPath = namespace.directory.appendingPathComponent("postfix-crash/etc/tls_policy").path
        let postfix = try PostfixInstance(namespace: namespace, name: "crash", role: .sender,
                                          parameters: ["smtp_tls_policy_maps": "hash:\(mapPath)"])
        defer { try? postfix.stop() }
        try postfix.start()
        let state = namespace.directory.appendingPathComponent("state").path
        let tables = [try makeTable(namespace, name: "table-a", variant: 0), try makeTable(namespace, name: "table-b", variant: 1)]
        let allKeys = Set(tables[0].entries.keys).union(tables[1].entries.keys).sorted()

        func arguments(_ table: Table) -> [String] {
            [agent, "deploy", table.path, "--map", "hash:\(mapPath)", "--config-dir", postfix.configDirectory.path,
             "--state-dir", state, "--lock-timeout", "30"]
        }
        /// Every key of both tables, looked up in the live map by Postfix in one postmap run.
        func liveMap() throws -> [String: String] {
            let input = Data(allKeys.map { $0 + "\n" }.joined().utf8)
            let result = try namespace.run(["postmap", "-c", postfix.configDirectory.path, "-q", "-", "hash:\(mapPath)"],
                                           input: input, timeout: 30)
            XCTAssertFalse(result.stderrText.contains("fatal"), result.stderrText)
            var found: [String: String] = [:]
            for line in result.stdoutText.split(separator: "\n") {
                let parts = line.split(separator: "\t", maxSplits: 1)
                if parts.count == 2 { found[String(parts[0])] = String(parts[1]) }
            }
            return found
        }
        func whichTable(_ live: [String: String]) -> Int? {
            tables.firstIndex { $0.entries == live }
        }

        // Two uninterrupted deploys; the second (a change, with a reload) measures how long
        // one takes, so that kills spread over the whole of a run.
        XCTAssertEqual(try namespace.run(arguments(tables[1]), timeout: 120).exitStatus, 0)
        let started = Date()
        XCTAssertEqual(try namespace.run(arguments(tables[0]), timeout: 120).exitStatus, 0)
        let fullDeploy = Date().timeIntervalSince(started)
        XCTAssertEqual(whichTable(try liveMap()), 0)

        var killedMidway = 0
        var sawOld = 0
        var sawNew = 0
        var killedAfterSwap = 0
        // Until 60 kills hit a running deploy, bounded: runs that finish before their kill
        // do not count.
        for iteration in 0..<160 where killedMidway < 60 {
            let current = try XCTUnwrap(whichTable(try liveMap()), "iteration \(iteration): the live map is neither table")
            let next = 1 - current
            let process = Process()
            process.executableURL = URL(fileURLWithPath: try LabCommandRunner.locate("nsenter"))
            process.arguments = ["--target", "\(namespace.holderPID)", "--net", "--mount", "--pid", "--"] + arguments(tables[next])
            process.environment = LabCommandRunner.environment
            process.standardInput = FileHandle.nullDevice
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            // nsenter forks the agent into the PID namespace; the agent is its child.
            var child: pid_t = 0
            _ = ProcessTable.waitUntil(timeout: 10, interval: 0.001) {
                child = ProcessTable.children(of: process.processIdentifier).first ?? 0
                return child != 0 || !process.isRunning
            }
            // Half the kills anywhere in the run; half late, where the renames, the reload
            // and the state write happen (postmap and postfix check take most of a run).
            let delay = iteration % 2 == 0
                ? Double.random(in: 0...(fullDeploy * 1.2))
                : Double.random(in: (fullDeploy * 0.75)...(fullDeploy * 1.05))
            Thread.sleep(forTimeInterval: delay)
            var killed = false
            if child != 0, ProcessTable.isRunning(child) {
                kill(child, SIGKILL)
                killed = true
                killedMidway += 1
            }
            XCTAssertTrue(ProcessTable.waitUntil(timeout: 30, { !process.isRunning }), "nsenter did not exit")
            process.waitUntilExit()

            let live = try liveMap()
            let seen = whichTable(live)
            XCTAssertNotNil(seen, "iteration \(iteration), killed after \(delay) s: a partial map (\(live.count) keys)")
            if seen == current { sawOld += 1 } else if seen == next { sawNew += 1 }
            if killed, seen == next { killedAfterSwap += 1 }
        }
        // The loop is only meaningful if kills happened mid-deploy and both outcomes occurred.
        XCTAssertGreaterThanOrEqual(killedMidway, 50, "kills that hit a running deploy")
        XCTAssertGreaterThan(sawOld, 0)
        XCTAssertGreaterThan(sawNew, 0)

        // After all that, an uninterrupted run deploys cleanly and leaves no temporaries.
        let final = try namespace.run(arguments(tables[1]), timeout: 120)
        XCTAssertEqual(final.exitStatus, 0, final.stderrText)
        XCTAssertEqual(whichTable(try liveMap()), 1)
        // Orphaned postmap children of killed runs may still finish; give them a bounded moment.
        let directory = (mapPath as NSString).deletingLastPathComponent
        let clean = ProcessTable.waitUntil(timeout: 10, interval: 0.1) {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
            return !names.contains { $0.contains("tls-policy-agent-tmp") }
        }
        if !clean {
            // A straggler wrote after the final run's cleanup: the next run removes it.
            XCTAssertEqual(try namespace.run(arguments(tables[1]), timeout: 120).exitStatus, 0)
            let names = try FileManager.default.contentsOfDirectory(atPath: directory)
            XCTAssertFalse(names.contains { $0.contains("tls-policy-agent-tmp") }, "\(names)")
        }
        print("crash loop: \(killedMidway) kills mid-deploy, \(killedAfterSwap) of them after the swap, old map \(sawOld) times, new map \(sawNew) times, full deploy \(fullDeploy) s")
    }
}
