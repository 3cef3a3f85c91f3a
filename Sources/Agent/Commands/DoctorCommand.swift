import ArgumentParser
import Foundation
import PolicyDeploy
import ReleaseTrust

/// `tls-policy-agent doctor`: check that this host is set up the way the agent needs.
struct DoctorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract: "Check that this host is set up the way the agent needs.",
        discussion: """
            Checks that smtp_tls_policy_maps in main.cf (as postconf -x expands it) names the \
            agent's map, and which map answers first when it names several; that postconf -m \
            lists the map type; that the directories the agent writes (the map's, the state, the \
            metrics file's) exist and that the installed tls-policy-agent.service may write \
            them under its sandbox; that the trust files are readable; that \
            smtp_dns_support_level agrees with dane_mode; and that the deployed release is not \
            expired or about to expire. Prints one line per check; exits 0 when every check \
            passes, 1 otherwise.
            """
    )

    @Option(name: .long, help: "Warn when the deployed release expires within this many days.")
    var expiryWarningDays: Int = 7

    @OptionGroup var configurationOptions: ConfigurationOptions
    @OptionGroup var globalOptions: GlobalOptions

    func run() throws {
        let configuration: AgentConfiguration
        do {
            configuration = try configurationOptions.load()
        } catch let failure as CommandFailure {
            throw failure.report()
        }
        let warningDays = expiryWarningDays
        let checks = BlockingTask.run { await DoctorCommand.checks(configuration, expiryWarningDays: warningDays) }
        for check in checks { print(check.line) }
        guard checks.allSatisfy({ $0.verdict == .ok }) else { throw ExitCode.failure }
    }

    static func checks(_ configuration: AgentConfiguration, expiryWarningDays: Int) async -> [DoctorCheck] {
        let tools = PostfixTools(configDirectory: configuration.postfixConfigDirectory,
                                 runner: ToolRunner(timeout: .seconds(30)))
        let map = configuration.map
        var checks: [DoctorCheck] = []

        do {
            // Expanded (-x), as Postfix reads it: main.cf may write the map as
            // hash:$config_directory/tls-policy/tls_policy.
            let maps = try await expandedParameter("smtp_tls_policy_maps", tools)
            checks.append(PolicyMapList(parsing: maps).check(for: map))
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

        checks += sandboxChecks(configuration)

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
            let record = try AgentRecord.load(path: AgentRecord.path(stateDirectory: configuration.stateDirectory))
            if let release = record.release {
                let remaining = release.expires.timeIntervalSinceNow
                if remaining <= 0 {
                    checks.append(.fail("the deployed release \(release.tag) expired at \(ReleaseExpiry.format(release.expires))"))
                } else if remaining < Double(expiryWarningDays) * 86_400 {
                    checks.append(.fail("the deployed release \(release.tag) expires soon, at \(ReleaseExpiry.format(release.expires))"))
                } else {
                    checks.append(.ok("the deployed release \(release.tag) expires at \(ReleaseExpiry.format(release.expires))"))
                }
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
        let result = try await tools.runner.run("postconf", ["-c", tools.configDirectory, "-x", "-h", name])
        guard result.succeeded else {
            throw CommandFailure("postconf -x -h \(name) exited \(result.exitStatus.map(String.init) ?? "by a signal"): "
                + result.errorText.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        return result.outputText.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The directories the agent writes: that each exists, and that the installed service
    /// may write it under its sandbox (`ProtectSystem=strict` leaves only `ReadWritePaths=`
    /// and `StateDirectory=` writable), so a deploy cannot end in "Read-only file system".
    static func sandboxChecks(_ configuration: AgentConfiguration,
                              unitSearchPath: [String] = ServiceUnit.searchPath) -> [DoctorCheck] {
        let unit: ServiceUnit?
        do {
            unit = try ServiceUnit.load(searchPath: unitSearchPath)
        } catch {
            return [.fail("cannot read \(ServiceUnit.name): \(error)")]
        }
        var written: [(what: String, directory: String)] = [
            ("the map's directory", configuration.map.directory),
            ("the state directory", configuration.stateDirectory),
        ]
        if let metrics = configuration.metricsFile {
            written.append(("the metrics file's directory", MapLocation(type: .texthash, path: metrics).directory))
        }
        var checks: [DoctorCheck] = []
        if let unit, unit.masked {
            checks.append(.fail("\(ServiceUnit.name) is masked (\(unit.files[0]) -> /dev/null): the timer cannot start it"))
        }
        for required in unit?.writablePaths ?? [] where !required.ignoredIfMissing
            && !FileManager.default.fileExists(atPath: required.path) {
            checks.append(.fail("ReadWritePaths=\(required.path) does not exist, so \(ServiceUnit.name) cannot start: "
                + "create it, or write it as ReadWritePaths=-\(required.path)"))
        }
        for (what, directory) in written {
            var isDirectory: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) && isDirectory.boolValue
            // systemd makes a StateDirectory= itself when the service starts.
            let madeBySystemd = unit?.stateDirectories.contains(directory) ?? false
            if !exists && !madeBySystemd {
                checks.append(.fail("\(what) \(directory) does not exist: create it (install -d \(directory))"))
                continue
            }
            if exists && access(directory, W_OK) != 0 {
                checks.append(.fail("\(what) \(directory) is not writable here: \(String(cString: strerror(errno)))"))
                continue
            }
            guard let unit, !unit.masked else { continue }
            if let allowing = unit.writableDirectory(for: directory) {
                checks.append(.ok("\(ServiceUnit.name) may write \(what) \(directory)"
                    + (allowing == "/" || allowing == directory ? "" : " (within \(allowing))")))
            } else if directory == ServiceUnit.normalized(configuration.postfixConfigDirectory) {
                // Making Postfix's whole configuration writable is not the fix: the map
                // belongs in a directory of its own.
                checks.append(.fail("\(ServiceUnit.name) may not write \(what) \(directory), Postfix's configuration "
                    + "directory: give the map a directory of its own, which the unit may write (policy_map = hash:"
                    + "\(configuration.postfixConfigDirectory)/tls-policy/\(configuration.map.fileName))"))
            } else {
                checks.append(.fail("\(ServiceUnit.name) may not write \(what) \(directory): ProtectSystem=\(unit.protectSystem) "
                    + "leaves it read-only; add ReadWritePaths=-\(directory) (systemctl edit tls-policy-agent.service)"))
            }
        }
        if unit == nil {
            checks.append(.ok("no \(ServiceUnit.name) on systemd's unit path: no sandbox to check the directories against"))
        }
        return checks
    }
}
