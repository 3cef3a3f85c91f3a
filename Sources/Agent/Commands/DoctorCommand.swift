import ArgumentParser
import ExternalCommand
import Foundation
import Logging
import PolicyDeploy
import PolicySync
import ReleaseTrust

/// `tls-policy-agent doctor`: check that this host is set up the way the agent needs.
struct DoctorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract: "Check that this host is set up the way the agent needs.",
        discussion: """
            Checks that smtp_tls_policy_maps in main.cf (as postconf -x expands it) names the \
            agent's map, and which map answers first when it names several; that postconf -m \
            lists the map type; that the directories the agent writes (the map's, the state, the \
            metrics file's) exist and that the installed tls-policy-agent.service may write \
            them under its sandbox; that the trust files are readable; that \
            smtp_dns_support_level agrees with dane_mode; that the delivery watch's mail log \
            (mail_log) can be read and the last run read it; and that the deployed release is \
            not expired or about to expire. Prints one line per check; exits 0 when every check \
            passes, 1 otherwise.
            """
    )

    @OptionGroup var configurationOptions: ConfigurationOptions
    @OptionGroup var globalOptions: GlobalOptions

    func run() async throws {
        let configuration: AgentConfiguration
        do {
            configuration = try configurationOptions.load()
        } catch {
            throw error.report()
        }
        let checks = await DoctorCommand.checks(configuration, now: Date())
        for check in checks { print(check.line) }
        guard checks.allSatisfy({ $0.verdict == .ok }) else { throw ExitCode.failure }
    }

    static func checks(_ configuration: AgentConfiguration, now: Date) async -> [DoctorCheck] {
        let tools = PostfixTools(configDirectory: configuration.postfixConfigDirectory,
                                 runner: CommandRunner(timeout: .seconds(30)))
        let map = configuration.map
        var checks: [DoctorCheck] = []

        do {
            // Expanded (-x), as Postfix reads it: main.cf may write the map as
            // hash:$config_directory/tls-policy/tls_policy.
            let maps = try await expandedParameter("smtp_tls_policy_maps", tools)
            checks.append(DoctorCheck(PolicyMapList(parsing: maps).check(for: map)))
        } catch {
            checks.append(.fail("cannot read smtp_tls_policy_maps: \(error)"))
        }

        do {
            let types = try await tools.supportedMapTypes()
            checks.append(types.contains(map.type.rawValue)
                ? .ok("postconf -m lists \(map.type.rawValue)")
                : .fail("postconf -m does not list \(map.type.rawValue) (it lists \(types.joined(separator: ", ")))"))
        } catch {
            checks.append(.fail("cannot run postconf -m: \(error)"))
        }

        checks += WritableDirectoriesCheck.run(configuration).map(DoctorCheck.init)

        for (setting, path) in [("ssh_allowed_signers", configuration.sshAllowedSigners),
                                ("openpgp_keyring", configuration.openPGPKeyring)] {
            guard let path else { continue }
            do {
                try TrustFile.requireReadable(path)
                checks.append(.ok("\(setting) \(path) is readable"))
            } catch {
                checks.append(.fail("\(setting) \(path) is missing or unreadable"))
            }
        }

        // The transport's own files (ssh key, known hosts, CA file), read as a fetch reads
        // them, without connecting anywhere.
        let transportFiles = [configuration.sshPrivateKey, configuration.sshKnownHosts, configuration.httpsCAFile]
            .compactMap { $0 }
        if !transportFiles.isEmpty {
            do {
                try SyncContext(configuration: configuration, logger: Logger(label: "doctor")).fetchOptions.validate()
                checks.append(.ok("\(transportFiles.joined(separator: ", ")) usable for \(configuration.repository.transport.rawValue)"))
            } catch {
                checks.append(.fail("\(error)"))
            }
        }

        do {
            let level = try await expandedParameter("smtp_dns_support_level", tools)
            switch configuration.daneMode {
            case .on where level != "dnssec":
                checks.append(.fail("dane_mode = on but smtp_dns_support_level = \(level.isEmpty ? "(unset)" : level): dane-only entries would defer mail"))
            case .on, .off:
                checks.append(.ok("dane_mode = \(configuration.daneMode.rawValue), smtp_dns_support_level = \(level.isEmpty ? "(unset)" : level)"))
            case .auto:
                checks.append(.ok("dane_mode = auto: the \(level == "dnssec" ? "DANE" : "PKIX") variant (smtp_dns_support_level = \(level.isEmpty ? "(unset)" : level))"))
            }
        } catch {
            checks.append(.fail("cannot read smtp_dns_support_level: \(error)"))
        }

        do {
            let state = try configuration.stateStore.load()
            checks += MailLogCheck.run(configuration, watch: state.deliveryWatch).map(DoctorCheck.init)
            if let release = state.deployedRelease {
                let expiry = DeployedExpiry(release: release, maxReleaseAge: configuration.maxReleaseAge)
                if let warning = expiry.warning(at: now, window: configuration.expiryWarning) {
                    checks.append(.fail(warning))
                } else {
                    checks.append(.ok("the deployed release \(release.tag) expires at \(ReleaseExpiry.format(expiry.at))"))
                }
            } else if let fallback = state.expiryFallback {
                checks.append(.fail("the empty map of expiry_fallback = empty is live (release \(fallback.expiredTag) expired)"))
            } else {
                checks.append(.fail("no release deployed yet (run tls-policy-agent sync)"))
            }
        } catch {
            checks.append(.fail("\(error)"))
        }
        return checks
    }

    /// `postconf -c DIR -x -h NAME`: the value with `$name` expanded, as Postfix uses it.
    private static func expandedParameter(_ name: String, _ tools: PostfixTools) async throws -> String {
        try await tools.runner.run("postconf", ["-c", tools.configDirectory, "-x", "-h", name]).checked()
            .stdoutText.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
