import Foundation
import TLSPolicyLab

/// The benchmark's lab and its runs; see main.swift for what it measures.
struct AgentSyncBenchmark {
    var agent: String
    var entries: Int
    var rounds: Int

    func run() throws {
        if let reason = LabEnvironment.unavailableReason { throw LabError.invalidArgument("lab unavailable: \(reason)") }
        let session = try LabSession()
        defer { session.stop() }
        let namespace = session.namespace
        let directory = namespace.directory
        let postfix = try session.started({ () throws -> PostfixInstance in
            let instance = try PostfixInstance(namespace: namespace, name: "bench", role: .sender)
            try instance.start()
            return instance
        }, stop: { try? $0.stop() })

        // A dataset repository with a signed release, served over smart HTTPS.
        let key = try SSHSigningKey.generate(at: directory.appendingPathComponent("maintainer"))
        let signers = try AllowedSignersFile.write([key.allowedSignersLine(principal: "bench@example.test")],
                                                   to: directory.appendingPathComponent("allowed_signers"))
        let dataset = try GitFixtureRepository(directory: directory.appendingPathComponent("dataset"))
        try release("v1.0.0", salt: 0, in: dataset, key: key)
        let ca = session.ca
        let server = try session.started({ try GitHTTPSServer.start(repository: dataset.directory, namespace: namespace, ca: ca) },
                                         stop: { try? $0.stop() })
        let caFile = ca.certificateFile.path
        let maps = directory.appendingPathComponent("maps")
        try LabFileSystem.createDirectory(maps)
        let config = directory.appendingPathComponent("agent.cf")
        try LabFileSystem.write("""
            repository_url = \(server.url)
            release_tag = v*
            ssh_allowed_signers = \(signers.path)
            https_ca_file = \(caFile)
            policy_map = hash:\(maps.path)/tls_policy
            postfix_config_directory = \(postfix.configDirectory.path)
            state_directory = \(directory.path)/state

            """, to: config, backdated: true)
        let sync = "'\(agent)' sync --config '\(config.path)'"
        try shell("\(sync) --log-level warning >/dev/null", in: namespace)   // the first run: clone and deploy v1.0.0

        // The reference: a bare clone of the same remote, the same CA.
        let gitClone = directory.appendingPathComponent("gitclone").path
        let git = "GIT_SSL_CAINFO='\(caFile)' GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null git -C '\(gitClone)'"
        try shell("GIT_SSL_CAINFO='\(caFile)' GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null git clone -q --bare '\(server.url)' '\(gitClone)'",
                  in: namespace)

        // 1. A full deploy: a new release whose every entry differs.
        try release("v1.1.0", salt: 1, in: dataset, key: key)
        let gitFetch = try shell("\(git) fetch -q origin tag v1.1.0", in: namespace).seconds
        let deployTime = directory.appendingPathComponent("deploy.time").path
        let deploy = try shell("/usr/bin/time -v -o '\(deployTime)' \(sync) --log-level debug", in: namespace)
        let steps = StepTimes(log: deploy.stderr)
        let copy = maps.appendingPathComponent("copy")
        try LabFileSystem.write(try LabFileSystem.read(maps.appendingPathComponent("tls_policy")), to: copy, backdated: true)
        let postmap = try shell("postmap -c '\(postfix.configDirectory.path)' 'hash:\(copy.path)'", in: namespace).seconds

        // 2. No-op syncs against git fetch + git verify-tag on the same remote.
        let noopTime = directory.appendingPathComponent("noop.time").path
        var noop = 0.0
        var reference = 0.0
        var referenceFetch = 0.0
        for _ in 0..<rounds {
            noop += try shell("/usr/bin/time -v -o '\(noopTime)' \(sync) --log-level warning >/dev/null", in: namespace).seconds
            reference += try shell("\(git) fetch -q --tags origin && \(git) -c gpg.ssh.allowedSignersFile='\(signers.path)' "
                                   + "verify-tag v1.1.0 2>/dev/null", in: namespace).seconds
            referenceFetch += try shell("\(git) fetch -q --tags origin", in: namespace).seconds
        }

        // AGENT_SYNC_PROFILE=FILE: that no-op also runs under `perf record`, for a profile.
        let profile = ProcessInfo.processInfo.environment["AGENT_SYNC_PROFILE"].map { "perf record -F 20000 -g -o '\($0)' -- " } ?? ""
        let noopSteps = StepTimes(log: try shell("\(profile)\(sync) --log-level debug >/dev/null", in: namespace).stderr)

        let bytes = try LabFileSystem.read(maps.appendingPathComponent("tls_policy")).count
        // The whole run but its fetch and the two Postfix commands (process start, postconf,
        // the state write included).
        let afterFetch = deploy.seconds - steps.step("fetch") - steps.phase("postfix-check") - steps.phase("postfix-reload")
        let mergeRenderValidate = steps.step("merge") + steps.step("render") + steps.step("validate")
        print("agent: \(agent)")
        print("remote: \(server.url) (smart HTTPS, lighttpd + git http-backend)")
        print("release: \(entries) entries, \(bytes) bytes rendered")
        print(String(format: "full deploy (sync of a new release): %.3f s, peak RSS %@ kB", deploy.seconds, peakRSS(deployTime)))
        print("deploy steps (ms): " + steps.summary)
        print(String(format: "  fetch: %.3f s; git fetch of the same tag: %.3f s (fetch/git ratio: %.2f)",
                     steps.step("fetch"), gitFetch, steps.step("fetch") / gitFetch))
        print(String(format: "  postfix check %.3f s, postfix reload %.3f s (printed apart, not counted below)",
                     steps.phase("postfix-check"), steps.phase("postfix-reload")))
        print(String(format: "  after the fetch: %.3f s; merge + render + validate: %.3f s", afterFetch, mergeRenderValidate))
        print(String(format: "postmap hash: alone: %.3f s (merge+render+validate/postmap ratio: %.2f)", postmap,
                     mergeRenderValidate / postmap))
        print(String(format: "no-op sync (mean of %d): %.3f s, peak RSS %@ kB", rounds, noop / Double(rounds), peakRSS(noopTime)))
        print("no-op steps (ms): " + noopSteps.summary)
        print(String(format: "git fetch + git verify-tag (mean): %.3f s (git fetch alone: %.3f s)", reference / Double(rounds),
                     referenceFetch / Double(rounds)))
        print(String(format: "noop sync/git ratio: %.2f", noop / reference))
        print(String(format: "deploy/postmap ratio: %.2f", afterFetch / postmap))
    }

    /// Commits a table of `entries` entries (`salt` changes every value) and tags it,
    /// signed with `key`, as a release that expires far in the future.
    private func release(_ tag: String, salt: Int, in repository: GitFixtureRepository, key: SSHSigningKey) throws {
        var table = "# Provider: Bench\n\n"
        table.reserveCapacity(entries * 48)
        for index in 0..<entries {
            switch (index + salt) % 3 {
            case 0: table += "d\(index).example secure match=.mx\(index % 97).example.net\n"
            case 1: table += "d\(index).example encrypt protocols=>=TLSv1.2\n"
            default: table += "d\(index).example verify match=hostname\n"
            }
        }
        try repository.commit(files: ["policy/bench.policy": table], message: "dataset \(tag)")
        try repository.tag(tag, message: "Release \(tag)\n\nExpires: 2099-01-01T00:00:00Z\n", signing: .ssh(key))
    }

    /// A shell command run inside the lab, timed from outside (one `nsenter` + `sh` for
    /// each side of every ratio, so the spawning cost is the same on both).
    @discardableResult
    private func shell(_ command: String, in namespace: LabNamespace) throws -> (seconds: Double, stderr: String) {
        let started = ContinuousClock.now
        let result = try namespace.run(["sh", "-c", command], timeout: 600)
        let elapsed = started.duration(to: .now)
        guard result.exitStatus == 0 else {
            throw LabError.unexpectedOutput(argv: ["sh", "-c", command], output: result.stderrText)
        }
        return (Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18, result.stderrText)
    }

    /// GNU time's "Maximum resident set size" from its `-v` report.
    private func peakRSS(_ path: String) -> String {
        let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        let line = text.split(separator: "\n").first { $0.contains("Maximum resident set size") }
        return line.map { String($0.split(separator: ":").last ?? "?").trimmingCharacters(in: .whitespaces) } ?? "?"
    }
}
