import Foundation
import TLSPolicyLab

/// The benchmark's lab and its runs; see main.swift for what it measures.
struct AgentSyncBenchmark {
    var agent: String
    var entries: Int
    var rounds: Int
    var distinctValues: Bool

    /// One full deploy's figures, in seconds.
    private struct Deploy {
        var wall: Double
        var gitFetch: Double
        var postmap: Double
        var steps: StepTimes

        var fetch: Double { steps.step("fetch") }
        var postfixCommands: Double { steps.phase("postfix-check") + steps.phase("postfix-reload") }
        /// The whole run but its fetch and the two Postfix commands: process start,
        /// postconf, verify, read, merge, render, validate, postmap, the state write.
        var afterFetch: Double { wall - fetch - postfixCommands }
        var mergeRenderValidate: Double { steps.step("merge") + steps.step("render") + steps.step("validate") }
    }

    func run() throws {
        if let reason = LabEnvironment.unavailableReason { throw LabError.invalidArgument("lab unavailable: \(reason)") }
        let session = try LabSession()
        defer { session.stop() }
        let namespace = session.namespace
        let directory = namespace.directory
        // A host whose Postfix does DNSSEC lookups: the DANE variant, as the largest table.
        let postfix = try session.started({ () throws -> PostfixInstance in
            let instance = try PostfixInstance(namespace: namespace, name: "bench", role: .sender,
                                               parameters: ["smtp_dns_support_level": "dnssec"])
            try instance.start()
            return instance
        }, stop: { try? $0.stop() })

        // A dataset repository with signed releases, served over smart HTTPS.
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
        // A few overrides, so that every merge path runs: add, replace (weaker: a warning), remove.
        let overrides = directory.appendingPathComponent("overrides")
        try LabFileSystem.write("""
            internal.example may
            d000001.example secure match=.override.example
            d000002.example encrypt
            #@ remove d000003.example

            """, to: overrides, backdated: true)
        // The sync path alone, as the reference commands do it: the host canary's probe (its
        // own lab tests time it) and the delivery watch's log read (a run with nothing new
        // costs well under a millisecond on a file) are off.
        let config = directory.appendingPathComponent("agent.cf")
        try LabFileSystem.write("""
            repository_url = \(server.url)
            release_tag = v*
            ssh_allowed_signers = \(signers.path)
            https_ca_file = \(caFile)
            overrides_file = \(overrides.path)
            policy_map = hash:\(maps.path)/tls_policy
            postfix_config_directory = \(postfix.configDirectory.path)
            state_directory = \(directory.path)/state
            canary = off
            mail_log = off

            """, to: config, backdated: true)
        let sync = "'\(agent)' sync --config '\(config.path)'"
        try shell("\(sync) --log-level warning >/dev/null", in: namespace)   // the first run: clone and deploy v1.0.0

        // The reference: a bare clone of the same remote, the same CA.
        let gitClone = directory.appendingPathComponent("gitclone").path
        let gitEnvironment = "GIT_SSL_CAINFO='\(caFile)' GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null"
        let git = "\(gitEnvironment) git -C '\(gitClone)'"
        try shell("\(gitEnvironment) git clone -q --bare '\(server.url)' '\(gitClone)'", in: namespace)

        // AGENT_SYNC_PROFILE=FILE: the last deploy and one more no-op also run under `perf
        // record`, into FILE.deploy and FILE.noop, for a profile.
        let profilePath = ProcessInfo.processInfo.environment["AGENT_SYNC_PROFILE"]
        func profiled(_ name: String) -> String {
            profilePath.map { "perf record -F 10000 -g -o '\($0).\(name)' -- " } ?? ""
        }

        // 1. Full deploys, each of a new release whose every entry changed.
        let deployTime = directory.appendingPathComponent("deploy.time").path
        let copy = maps.appendingPathComponent("copy")
        var deploys: [Deploy] = []
        for round in 1...rounds {
            let tag = "v1.\(round).0"
            try release(tag, salt: round, in: dataset, key: key)
            let gitFetch = try shell("\(git) fetch -q origin tag \(tag)", in: namespace).seconds
            let run = try shell("/usr/bin/time -v -o '\(deployTime)' \(round == rounds ? profiled("deploy") : "")\(sync) --log-level debug",
                                in: namespace)
            try LabFileSystem.write(try LabFileSystem.read(maps.appendingPathComponent("tls_policy")), to: copy, backdated: true)
            let postmap = try shell("postmap -c '\(postfix.configDirectory.path)' 'hash:\(copy.path)'", in: namespace).seconds
            let deploy = Deploy(wall: run.seconds, gitFetch: gitFetch, postmap: postmap, steps: StepTimes(log: run.stderr))
            guard deploy.mergeRenderValidate > 0 else {
                throw LabError.unexpectedOutput(argv: ["sync"], output: "round \(round) did not run every step:\n\(run.stderr)")
            }
            deploys.append(deploy)
        }

        // 2. No-op syncs against git fetch + git verify-tag on the same remote.
        let latest = "v1.\(rounds).0"
        let noopTime = directory.appendingPathComponent("noop.time").path
        var noop = 0.0
        var reference = 0.0
        var referenceFetch = 0.0
        for _ in 0..<rounds {
            noop += try shell("/usr/bin/time -v -o '\(noopTime)' \(sync) --log-level warning >/dev/null", in: namespace).seconds
            reference += try shell("\(git) fetch -q --tags origin && \(git) -c gpg.ssh.allowedSignersFile='\(signers.path)' "
                                   + "verify-tag \(latest) 2>/dev/null", in: namespace).seconds
            referenceFetch += try shell("\(git) fetch -q --tags origin", in: namespace).seconds
        }
        let noopSteps = StepTimes(log: try shell("\(profiled("noop"))\(sync) --log-level debug >/dev/null", in: namespace).stderr)

        let bytes = try LabFileSystem.read(maps.appendingPathComponent("tls_policy")).count
        func mean(_ value: (Deploy) -> Double) -> Double { deploys.map(value).reduce(0, +) / Double(deploys.count) }
        let count = Double(rounds)
        print("agent: \(agent)")
        print("remote: \(server.url) (smart HTTPS, lighttpd + git http-backend)")
        print("release: \(entries) entries, \(distinctValues ? "distinct" : "repeated") values, \(bytes) bytes rendered "
            + "(DANE variant, 4 overrides); \(rounds) deploys of a new release, \(rounds) no-op syncs")
        print("deploy  wall    fetch  git-fetch  after-fetch  merge+render+validate  postfix-check+reload  postmap  (s)")
        for (index, deploy) in deploys.enumerated() {
            print(String(format: "%-6d  %.3f  %.3f  %.3f      %.3f        %.3f                  %.3f                 %.3f",
                         index + 1, deploy.wall, deploy.fetch, deploy.gitFetch, deploy.afterFetch, deploy.mergeRenderValidate,
                         deploy.postfixCommands, deploy.postmap))
        }
        print("last deploy's steps (ms): " + (deploys.last?.steps.summary ?? ""))
        print(String(format: "full deploy (mean): %.3f s, peak RSS %@ kB", mean(\.wall), peakRSS(deployTime)))
        print(String(format: "fetch/git ratio: %.2f", mean(\.fetch) / mean(\.gitFetch)))
        print(String(format: "merge+render+validate/postmap ratio: %.2f", mean(\.mergeRenderValidate) / mean(\.postmap)))
        print(String(format: "no-op sync (mean): %.3f s, peak RSS %@ kB; its steps (ms): %@", noop / count, peakRSS(noopTime),
                     noopSteps.summary))
        print(String(format: "git fetch + git verify-tag (mean): %.3f s (git fetch alone: %.3f s)", reference / count,
                     referenceFetch / count))
        print(String(format: "noop sync/git ratio: %.2f", noop / reference))
        print(String(format: "deploy/postmap ratio: %.2f", mean(\.afterFetch) / mean(\.postmap)))
    }

    /// Commits a table of `entries` entries, a third marked `#@ dane`, whose values `salt`
    /// changes (with repeated values, as in releases, or each its own), and tags it, signed
    /// with `key`, as a release that expires far in the future.
    private func release(_ tag: String, salt: Int, in repository: GitFixtureRepository, key: SSHSigningKey) throws {
        var table = "# Provider: Bench\n\n"
        table.reserveCapacity(entries * 56)
        for index in 0..<entries {
            // Keys in sorted order, as the dataset's canonical form keeps them.
            let key = "d" + String(repeating: "0", count: max(0, 6 - String(index).count)) + String(index)
            let mx = distinctValues ? index + salt : (index + salt) % 97
            switch (index + salt) % 3 {
            case 0: table += "#@ dane\n\(key).example secure match=.mx\(mx).example.net\n"
            case 1 where distinctValues: table += "\(key).example encrypt protocols=>=TLSv1.2 exclude=e\(mx)\n"
            case 1: table += "\(key).example encrypt protocols=>=TLSv1.2\n"
            case _ where distinctValues: table += "\(key).example verify match=hostname:mx\(mx).example.org\n"
            default: table += "\(key).example verify match=hostname\n"
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
