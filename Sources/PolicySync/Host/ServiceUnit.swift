import Foundation

/// The agent's systemd service as installed on this host, reduced to what decides where
/// it may write: the unit file found first on systemd's unit search path, then its
/// drop-ins (`tls-policy-agent.service.d/*.conf`) in file-name order (systemd.unit(5)).
///
/// `tls-policy-agent doctor` uses it (``WritableDirectoriesCheck``) to say before the first run what would otherwise show up as "Read-only
/// file system" in the journal: a map, state or metrics directory that the unit's
/// `ProtectSystem=strict` leaves read-only.
public struct ServiceUnit: Sendable, Equatable {
    /// One `ReadWritePaths=` entry.
    public struct WritablePath: Sendable, Equatable {
        public var path: String
        /// The `-` prefix: systemd ignores the entry when the path is missing; without it a
        /// missing path keeps the service from starting at all.
        public var ignoredIfMissing: Bool
    }

    /// The unit the agent ships.
    public static let name = "tls-policy-agent.service"

    /// systemd's system unit directories, highest priority first, with Debian's `/lib`.
    public static let searchPath = [
        "/etc/systemd/system", "/run/systemd/system", "/usr/local/lib/systemd/system",
        "/usr/lib/systemd/system", "/lib/systemd/system",
    ]

    /// The unit file, then each drop-in applied, for messages.
    public var files: [String]
    /// True when the unit is masked (linked to /dev/null): systemd will not start it.
    public var masked: Bool
    /// `ProtectSystem=`: `strict`, `full`, `yes` or `no`.
    public var protectSystem: String
    public var protectHome: Bool
    public var privateTmp: Bool
    public var writablePaths: [WritablePath]
    /// `StateDirectory=` entries as absolute paths under `/var/lib`.
    public var stateDirectories: [String]

    /// The installed unit, or nil when no directory of `searchPath` has one.
    public static func load(searchPath: [String] = searchPath) throws(ServiceUnitError) -> ServiceUnit? {
        let manager = FileManager.default
        guard let unitPath = searchPath.map({ "\($0)/\(name)" }).first(where: { manager.fileExists(atPath: $0) || isLink($0) }) else {
            return nil
        }
        if (try? manager.destinationOfSymbolicLink(atPath: unitPath)) == "/dev/null" {
            return ServiceUnit(files: [unitPath], masked: true, protectSystem: "no", protectHome: false, privateTmp: false,
                               writablePaths: [], stateDirectories: [])
        }
        // Drop-ins: by file name across all directories, a higher-priority directory's file
        // replacing a lower one's of the same name; applied in name order.
        var dropIns: [String: String] = [:]
        for directory in searchPath.reversed() {
            let dropInDirectory = "\(directory)/\(name).d"
            for file in (try? manager.contentsOfDirectory(atPath: dropInDirectory)) ?? [] where file.hasSuffix(".conf") {
                dropIns[file] = "\(dropInDirectory)/\(file)"
            }
        }
        let files = [unitPath] + dropIns.keys.sorted().compactMap { dropIns[$0] }
        var assignments: [(key: String, value: String)] = []
        for file in files {
            let text: String
            do {
                text = try String(contentsOfFile: file, encoding: .utf8)
            } catch {
                throw ServiceUnitError(path: file, reason: "cannot read: \(error.localizedDescription)")
            }
            assignments += serviceAssignments(in: text)
        }
        return ServiceUnit(files: files, assignments: assignments)
    }

    /// The unit described by `assignments` (the `[Service]` section's, in order).
    init(files: [String], assignments: [(key: String, value: String)]) {
        func last(_ key: String) -> String? { assignments.last { $0.key == key }?.value }
        // List settings: each assignment adds, an empty one clears (systemd.syntax(7)).
        func list(_ key: String) -> [String] {
            var words: [String] = []
            for assignment in assignments where assignment.key == key {
                if assignment.value.isEmpty { words = [] } else {
                    words += assignment.value.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
                }
            }
            return words
        }
        let protect = (last("ProtectSystem") ?? "no").lowercased()
        let home = (last("ProtectHome") ?? "no").lowercased()
        self.init(
            files: files, masked: false,
            protectSystem: Self.isTrue(protect) ? "yes" : (Self.isFalse(protect) ? "no" : protect),
            protectHome: Self.isTrue(home) || home == "read-only" || home == "tmpfs",
            privateTmp: Self.isTrue(last("PrivateTmp") ?? "no"),
            writablePaths: list("ReadWritePaths").map { word in
                var path = Substring(word)
                var optional = false
                while let prefix = path.first, prefix == "-" || prefix == "+" {
                    if prefix == "-" { optional = true }
                    path = path.dropFirst()
                }
                return WritablePath(path: Self.normalized(String(path)), ignoredIfMissing: optional)
            },
            stateDirectories: list("StateDirectory").map { "/var/lib/\($0)" })
    }

    init(files: [String], masked: Bool, protectSystem: String, protectHome: Bool, privateTmp: Bool,
         writablePaths: [WritablePath], stateDirectories: [String]) {
        self.files = files
        self.masked = masked
        self.protectSystem = protectSystem
        self.protectHome = protectHome
        self.privateTmp = privateTmp
        self.writablePaths = writablePaths
        self.stateDirectories = stateDirectories
    }

    /// The directories the unit makes writable, whatever `ProtectSystem=` says.
    public var writableDirectories: [String] {
        writablePaths.map(\.path) + stateDirectories + (privateTmp ? ["/tmp", "/var/tmp"] : [])
    }

    /// The writable directory that lets the service write `path`, `"/"` when nothing in the
    /// sandbox stops it, nil when it may not write there.
    public func writableDirectory(for path: String) -> String? {
        let path = Self.normalized(path)
        if let directory = writableDirectories.first(where: { Self.path(path, isInside: $0) }) { return directory }
        if protectHome, ["/home", "/root", "/run/user"].contains(where: { Self.path(path, isInside: $0) }) { return nil }
        let readOnly: [String] = switch protectSystem {
        case "strict": ["/"]
        case "full": ["/usr", "/boot", "/efi", "/etc"]
        case "yes": ["/usr", "/boot", "/efi"]
        default: []
        }
        return readOnly.contains(where: { Self.path(path, isInside: $0) }) ? nil : "/"
    }

    /// The `[Service]` assignments of unit text, continuation lines joined.
    private static func serviceAssignments(in text: String) -> [(key: String, value: String)] {
        var assignments: [(key: String, value: String)] = []
        var section = ""
        var pending = ""
        for raw in text.components(separatedBy: "\n") {
            var line = raw.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("#") || line.hasPrefix(";") || (pending.isEmpty && line.isEmpty) { continue }
            if line.hasSuffix("\\") {
                line.removeLast()
                pending += line + " "
                continue
            }
            line = pending + line
            pending = ""
            if line.hasPrefix("["), line.hasSuffix("]") {
                section = String(line.dropFirst().dropLast())
            } else if section == "Service", let equals = line.firstIndex(of: "=") {
                assignments.append((line[..<equals].trimmingCharacters(in: .whitespaces),
                                    line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)))
            }
        }
        return assignments
    }

    private static func isLink(_ path: String) -> Bool {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: path)) != nil
    }

    private static func isTrue(_ value: String) -> Bool { ["yes", "true", "on", "1"].contains(value) }
    private static func isFalse(_ value: String) -> Bool { ["no", "false", "off", "0"].contains(value) }

    static func normalized(_ path: String) -> String {
        var path = path
        while path.count > 1, path.hasSuffix("/") { path.removeLast() }
        return path
    }

    static func path(_ path: String, isInside directory: String) -> Bool {
        directory == "/" || path == directory || path.hasPrefix(directory + "/")
    }
}
