import Foundation
import PolicySync
import PolicyDeploy
import ReleaseTrust
import TLSPolicyLab
import XCTest

/// `agent.cf`: Postfix's syntax, strict, every error with its line.
final class AgentConfigurationTests: XCTestCase {
    private let minimal = """
        repository_url = https://git.example/policy.git
        release_tag = v*
        ssh_allowed_signers = /etc/tls-policy-agent/allowed_signers
        policy_map = lmdb:/etc/postfix/tls_policy

        """

    private func errors(_ text: String) -> [ConfigurationError] {
        do {
            _ = try AgentConfiguration.parse(text, file: "agent.cf")
            XCTFail("parsed without error:\n\(text)")
            return []
        } catch {
            return error.errors
        }
    }

    func testSSHRepositoryNeedsAKeyAndKnownHostsAndOtherTransportsRefuseThem() throws {
        let ssh = minimal.replacingOccurrences(of: "https://git.example/policy.git", with: "ssh://git@git.example/policy.git")
        let missing = errors(ssh)
        XCTAssertEqual(missing.map(\.line), [1, 1], missing.map(\.description).joined(separator: "\n"))
        XCTAssertTrue(missing.contains { $0.message.contains("needs ssh_private_key") })
        XCTAssertTrue(missing.contains { $0.message.contains("needs ssh_known_hosts") })
        let complete = try AgentConfiguration.parse(ssh + "ssh_private_key = /etc/tls-policy-agent/id_ed25519\n"
            + "ssh_known_hosts = /etc/tls-policy-agent/known_hosts\n", file: "agent.cf")
        XCTAssertEqual(complete.sshPrivateKey, "/etc/tls-policy-agent/id_ed25519")
        XCTAssertEqual(complete.sshKnownHosts, "/etc/tls-policy-agent/known_hosts")
        let stray = errors(minimal + "ssh_known_hosts = /etc/k\n")
        XCTAssertEqual(stray.first?.kind, .inconsistent(reason: "ssh_known_hosts is set, but repository_url is not an ssh repository"))
        let file = minimal.replacingOccurrences(of: "https://git.example/policy.git", with: "file:///srv/policy.git")
        XCTAssertTrue(errors(file + "https_ca_file = /etc/ca.pem\n").first?.message.contains("not an https repository") ?? false)
        XCTAssertEqual(try AgentConfiguration.parse(minimal + "https_ca_file = /etc/ca.pem\n", file: "agent.cf").httpsCAFile,
                       "/etc/ca.pem")
    }

    func testDurationsNeedAUnitExceptTheFetchTimeout() {
        for (setting, value) in [("max_release_age", "30"), ("clock_skew_tolerance", "0h"), ("expiry_warning", "7 d"),
                                 ("fetch_timeout", "2h"), ("fetch_timeout", "-5")] {
            XCTAssertEqual(errors(minimal + "\(setting) = \(value)\n").count, 1, "\(setting) = \(value)")
        }
        XCTAssertEqual(SettingDuration(seconds: 7 * 86_400).description, "1w")
        XCTAssertEqual(SettingDuration(seconds: 90 * 60).description, "90m")
    }

    func testMinimalFileGetsDefaults() throws {
        let configuration = try AgentConfiguration.parse(minimal, file: "agent.cf")
        XCTAssertEqual(configuration.repository.transport, .https)
        XCTAssertEqual(configuration.pin, .pattern("v*"))
        XCTAssertEqual(configuration.map, MapLocation(type: .lmdb, path: "/etc/postfix/tls_policy"))
        XCTAssertEqual(configuration.postfixConfigDirectory, "/etc/postfix")
        XCTAssertEqual(configuration.stateDirectory, "/var/lib/tls-policy-agent")
        XCTAssertEqual(configuration.daneMode, .auto)
        XCTAssertEqual(configuration.expiryFallback, .keep)
        XCTAssertNil(configuration.maxReleaseAge)
        XCTAssertNil(configuration.openPGPKeyring)
        XCTAssertEqual(configuration.fetchTimeout, SettingDuration(seconds: 120))
        XCTAssertEqual(configuration.clockSkewTolerance, SettingDuration(seconds: 3_600))
        XCTAssertEqual(configuration.expiryWarning, SettingDuration(seconds: 7 * 86_400))
        XCTAssertEqual(configuration.canary, .hold)
        XCTAssertEqual(configuration.canaryTimeout, SettingDuration(seconds: 60))
        XCTAssertEqual(configuration.canaryConcurrency, 16)
    }

    func testCanarySettings() throws {
        let configuration = try AgentConfiguration.parse(minimal + "canary = report\ncanary_timeout = 2m\ncanary_concurrency = 4\n",
                                                         file: "agent.cf")
        XCTAssertEqual(configuration.canary, .report)
        XCTAssertEqual(configuration.canaryTimeout, SettingDuration(seconds: 120))
        XCTAssertEqual(configuration.canaryConcurrency, 4)
        XCTAssertEqual(try AgentConfiguration.parse(minimal + "canary_timeout = 30\n", file: "agent.cf").canaryTimeout,
                       SettingDuration(seconds: 30), "a bare number is seconds")
        for (setting, value, reason) in [("canary", "enforce", "expected one of hold, report, off"),
                                         ("canary_timeout", "1h", "at most 10m"),
                                         ("canary_concurrency", "0", "from 1 to 256")] {
            let found = errors(minimal + "\(setting) = \(value)\n")
            XCTAssertEqual(found.map(\.line), [5], "\(setting) = \(value)")
            XCTAssertTrue(found.first?.description.contains(reason) ?? false, "\(found)")
        }
    }

    func testEverySettingIsRead() throws {
        let text = """
            # comment
            repository_url = file:///srv/policy.git
            release_tag = v2024.05.1
            ssh_allowed_signers = /etc/a
               # a comment inside is ignored
            openpgp_keyring = /etc/b
            overrides_file = /etc/c
            policy_map = cdb:/etc/postfix/tls
            postfix_config_directory = /srv/postfix
            state_directory = /srv/state
            max_release_age = 2w
            clock_skew_tolerance = 10m
            expiry_warning = 3d
            fetch_timeout = 45
            dane_mode = off
            expiry_fallback = empty
            metrics_file = /srv/metrics/agent.prom
            """
        let configuration = try AgentConfiguration.parse(text, file: "agent.cf")
        XCTAssertEqual(configuration.repository.transport, .file)
        XCTAssertEqual(configuration.pin, .exact("v2024.05.1"))
        XCTAssertEqual(configuration.sshAllowedSigners, "/etc/a")
        XCTAssertEqual(configuration.openPGPKeyring, "/etc/b")
        XCTAssertEqual(configuration.overridesFile, "/etc/c")
        XCTAssertEqual(configuration.map.type, .cdb)
        XCTAssertEqual(configuration.postfixConfigDirectory, "/srv/postfix")
        XCTAssertEqual(configuration.stateDirectory, "/srv/state")
        XCTAssertEqual(configuration.maxReleaseAge, SettingDuration(seconds: 14 * 86_400))
        XCTAssertEqual(configuration.clockSkewTolerance, SettingDuration(seconds: 600))
        XCTAssertEqual(configuration.expiryWarning, SettingDuration(seconds: 3 * 86_400))
        XCTAssertEqual(configuration.fetchTimeout, SettingDuration(seconds: 45), "a bare number is seconds")
        XCTAssertEqual(configuration.metricsFile, "/srv/metrics/agent.prom")
        XCTAssertEqual(configuration.writtenDirectories, ["/etc/postfix", "/srv/state", "/srv/metrics"])
        XCTAssertEqual(configuration.daneMode, .off)
        XCTAssertEqual(configuration.expiryFallback, .empty)
    }

    func testContinuationLinesJoinAsInMainCf() throws {
        let text = minimal.replacingOccurrences(of: "release_tag = v*", with: "release_tag =\n    v*")
        XCTAssertEqual(try AgentConfiguration.parse(text, file: "agent.cf").pin, .pattern("v*"))
    }

    func testUnknownSettingIsAnErrorWithItsLine() {
        let found = errors(minimal + "\nrepository = x\n")
        XCTAssertEqual(found.map(\.line), [6])
        XCTAssertEqual(found.first?.kind, .unknownSetting(name: "repository"))
        XCTAssertTrue(found[0].description.hasPrefix("agent.cf:6: unknown setting \"repository\""), found[0].description)
    }

    func testDuplicateSettingNamesBothLines() {
        let found = errors(minimal + "release_tag = v1\n")
        XCTAssertEqual(found.map(\.line), [5])
        XCTAssertEqual(found.first?.kind, .duplicateSetting(name: "release_tag", firstLine: 2))
    }

    func testBadValuesAreErrorsWithTheirLines() {
        let text = """
            repository_url = http://git.example/policy.git
            release_tag = v1..2
            ssh_allowed_signers = relative/path
            policy_map = regexp:/etc/postfix/tls
            max_release_age = 30
            dane_mode = maybe
            expiry_fallback = open
            state_directory =
            """
        let found = errors(text)
        XCTAssertEqual(found.map(\.line), [1, 2, 3, 4, 5, 6, 7, 8], found.map(\.description).joined(separator: "\n"))
        XCTAssertEqual(found[7].kind, .emptyValue(name: "state_directory"))
        XCTAssertTrue(found[3].message.contains("unsupported map type \"regexp\""), found[3].message)
        XCTAssertTrue(found[5].message.contains("auto, on, off"), found[5].message)
    }

    func testMalformedLinesAreErrors() {
        let found = errors("  indented first\n" + minimal + "just words\n= value\n")
        XCTAssertEqual(found.map(\.line), [1, 6, 7])
        XCTAssertEqual(found[0].kind, .continuationWithoutSetting)
        XCTAssertEqual(found[1].kind, .notASetting(text: "just words"))
    }

    func testMissingRequiredSettingsAndTrust() {
        let found = errors("dane_mode = on\n")
        let kinds = found.map(\.kind)
        XCTAssertTrue(kinds.contains(.missingSetting(name: "repository_url")))
        XCTAssertTrue(kinds.contains(.missingSetting(name: "release_tag")))
        XCTAssertTrue(kinds.contains(.missingSetting(name: "policy_map")))
        XCTAssertTrue(kinds.contains(.missingTrust))
        XCTAssertTrue(found.allSatisfy { $0.line == 0 })
    }

    func testRepositoryTransports() {
        XCTAssertEqual(try RepositoryURL.parse("ssh://git@git.example/policy.git").get().transport, .ssh)
        XCTAssertEqual(try RepositoryURL.parse("git@git.example:policy.git").get().transport, .ssh)
        XCTAssertEqual(try RepositoryURL.parse("https://git.example/p.git").get().transport, .https)
        for bad in ["git://git.example/p.git", "http://git.example/p", "file://relative", "/srv/policy.git", "https://host"] {
            XCTAssertThrowsError(try RepositoryURL.parse(bad).get(), bad)
        }
    }

    /// The pin is ReleaseTrust's own type (its matching is tested there); the file only
    /// refuses what can never name a tag, on the setting's line.
    func testReleaseTagIsAPinOrAnErrorOnItsLine() throws {
        func pin(_ value: String) -> String { minimal.replacingOccurrences(of: "release_tag = v*", with: "release_tag = \(value)") }
        XCTAssertEqual(try AgentConfiguration.parse(pin("v2.[0-9]*"), file: "agent.cf").pin, .pattern("v2.[0-9]*"))
        XCTAssertEqual(try AgentConfiguration.parse(pin("v1.0"), file: "agent.cf").pin, .exact("v1.0"))
        for bad in ["refs/tags/v1", "v1..2", "-v1", "v1^", "v1.lock"] {
            let found = errors(pin(bad))
            XCTAssertEqual(found.map(\.line), [2], bad)
        }
    }

    func testFlagsOverrideTheFileAndAreCheckedTheSameWay() throws {
        let configuration = try AgentConfiguration.parse(minimal, file: "agent.cf",
                                                         settings: [(name: "dane_mode", value: "on")])
        XCTAssertEqual(configuration.daneMode, .on)
        XCTAssertThrowsError(try AgentConfiguration.parse(minimal, file: "agent.cf",
                                                          settings: [(name: "dane_mode", value: "yes")])) { error in
            XCTAssertEqual((error as? ConfigurationErrors)?.errors.first?.file, "command line")
        }
    }

    func testDaneAutoFollowsPostfixSetting() {
        XCTAssertTrue(DaneMode.auto.usesDane(smtpDNSSupportLevel: "dnssec\n"))
        XCTAssertFalse(DaneMode.auto.usesDane(smtpDNSSupportLevel: "enabled"))
        XCTAssertTrue(DaneMode.on.usesDane(smtpDNSSupportLevel: ""))
        XCTAssertFalse(DaneMode.off.usesDane(smtpDNSSupportLevel: "dnssec"))
    }

    /// docs/agent.cf.example is the file people copy, and the package's agent.cf: as it
    /// ships it configures nothing (the agent refuses it, naming what is missing); with
    /// the three settings the README names, it parses.
    func testDocumentedExampleConfiguresNothingUntilItsRequiredSettingsAreSet() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let example = try AgentConfigurationText.shippedExample(repositoryRoot: root)
        let refused = errors(example)
        let expected: [ConfigurationError.Kind] = [.missingSetting(name: "repository_url"), .missingSetting(name: "release_tag"),
                                                   .missingTrust]
        XCTAssertEqual(refused.count, expected.count, "\(refused)")
        for kind in expected {
            XCTAssertTrue(refused.contains { $0.kind == kind }, "\(kind) not among \(refused)")
        }

        let completed = try AgentConfigurationText.setting([
            "repository_url": "https://git.example/postfix-tls-policy.git",
            "release_tag": "v*",
            "ssh_allowed_signers": "/etc/tls-policy-agent/allowed_signers",
        ], in: example)
        let configuration = try AgentConfiguration.parse(completed, file: "agent.cf.example")
        XCTAssertEqual(configuration.pin, .pattern("v*"))
        XCTAssertEqual(configuration.map.description, "hash:/etc/postfix/tls-policy/tls_policy")
    }

    func testMissingFileIsUnreadableError() {
        XCTAssertThrowsError(try AgentConfiguration.load(path: "/nonexistent/agent.cf")) { error in
            guard let errors = error as? ConfigurationErrors, case .unreadable = errors.errors.first?.kind else {
                return XCTFail("\(error)")
            }
        }
    }
}
