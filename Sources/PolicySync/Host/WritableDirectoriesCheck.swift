import Foundation

/// The directories the agent writes (``AgentConfiguration/writtenDirectories``: the map's,
/// the state, the metrics file's): that each exists and is writable here, and that the
/// installed `tls-policy-agent.service` may write it under its sandbox
/// (`ProtectSystem=strict` leaves only `ReadWritePaths=` and `StateDirectory=` writable),
/// so that a deploy cannot end in "Read-only file system" in the journal.
public enum WritableDirectoriesCheck {
    /// One finding per directory, and for what keeps the unit from starting at all.
    public static func run(_ configuration: AgentConfiguration,
                           unitSearchPath: [String] = ServiceUnit.searchPath) -> [HostCheck] {
        let unit: ServiceUnit?
        do {
            unit = try ServiceUnit.load(searchPath: unitSearchPath)
        } catch {
            return [.fail("cannot read \(ServiceUnit.name): \(error)")]
        }
        var checks: [HostCheck] = []
        if let unit, unit.masked {
            checks.append(.fail("\(ServiceUnit.name) is masked (\(unit.files[0]) -> /dev/null): the timer cannot start it"))
        }
        for required in unit?.writablePaths ?? [] where !required.ignoredIfMissing
            && !FileManager.default.fileExists(atPath: required.path) {
            checks.append(.fail("ReadWritePaths=\(required.path) does not exist, so \(ServiceUnit.name) cannot start: "
                + "create it, or write it as ReadWritePaths=-\(required.path)"))
        }
        var seen = Set<String>()
        for directory in configuration.writtenDirectories.map(ServiceUnit.normalized) where seen.insert(directory).inserted {
            let what = directory == ServiceUnit.normalized(configuration.map.directory) ? "the map's directory"
                : directory == ServiceUnit.normalized(configuration.stateDirectory) ? "the state directory"
                : "the metrics file's directory"
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
