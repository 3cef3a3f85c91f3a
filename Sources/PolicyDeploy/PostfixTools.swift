import ExternalCommand
import Foundation

/// The Postfix commands a deployment needs, each with `-c CONFIG_DIR` so the agent
/// works on the instance it was told about, never on `/etc/postfix` by accident.
public struct PostfixTools: Sendable {
    /// The Postfix configuration directory (`postfix -c`).
    public var configDirectory: String
    public var runner: CommandRunner

    public init(configDirectory: String, runner: CommandRunner = CommandRunner()) {
        self.configDirectory = configDirectory
        self.runner = runner
    }

    /// `postconf -c DIR -h NAME`.
    public func parameter(_ name: String) async throws(DeployError) -> String {
        try await succeeding("postconf", ["-c", configDirectory, "-h", name])
            .stdoutText.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// `postconf -c DIR -h NAME...`: several parameters in one run (each postconf run costs
    /// tens of milliseconds, and a no-op sync should cost almost nothing). Values in order.
    ///
    /// - Parameter expanded: `postconf -x`, `$name` references expanded, as Postfix's
    ///   programs read a value such as `smtp_tls_CAfile = $config_directory/ca.pem`.
    public func parameters(_ names: [String], expanded: Bool = false) async throws(DeployError) -> [String] {
        let output = try await succeeding("postconf", ["-c", configDirectory, expanded ? "-xh" : "-h"] + names).stdoutText
        var lines = output.split(separator: "\n", omittingEmptySubsequences: false).map {
            $0.trimmingCharacters(in: .whitespaces)
        }
        if lines.last == "" { lines.removeLast() }
        guard lines.count == names.count else {
            throw .unexpectedOutput(command: "postconf -h \(names.joined(separator: " "))", output: output)
        }
        return lines
    }

    /// The Postfix release (`mail_version`), for validating tables against it.
    public func mailVersion() async throws(DeployError) -> String {
        try await parameter("mail_version")
    }

    /// The lookup table types this Postfix supports (`postconf -m`).
    public func supportedMapTypes() async throws(DeployError) -> [String] {
        try await succeeding("postconf", ["-c", configDirectory, "-m"])
            .stdoutText.split(whereSeparator: \.isNewline).map(String.init)
    }

    /// `postmap -c DIR TYPE:PATH`: builds the indexed file of `path`.
    func postmap(_ type: MapType, path: String) async throws(DeployError) -> CommandResult {
        try await succeeding("postmap", ["-c", configDirectory, "\(type.rawValue):\(path)"])
    }

    /// `postmap -c DIR -q - TYPE:PATH` with `keys` on standard input: the stored value of
    /// each key found, in one process however many keys.
    func query(_ keys: [String], type: MapType, path: String) async throws(DeployError) -> [String: String] {
        let input = Array(keys.map { $0 + "\n" }.joined().utf8)
        let result = try await run("postmap", ["-c", configDirectory, "-q", "-", "\(type.rawValue):\(path)"], input: input)
        // Status 1 only means some key was not found; a real failure says "fatal".
        guard result.exitStatus == 0 || (result.exitStatus == 1 && !result.stderrText.contains("fatal")) else {
            throw .command(.failed(argv: result.argv, termination: result.termination, stderr: result.stderrText))
        }
        var values: [String: String] = [:]
        for line in result.stdoutText.split(separator: "\n") {
            guard let tab = line.firstIndex(of: "\t") else { continue }
            values[String(line[..<tab])] = String(line[line.index(after: tab)...])
        }
        return values
    }

    /// `postfix check`. Postfix prints nothing and exits 1 when standard error is no
    /// terminal, so on failure the reason is read from what it logged (`maillog_file`).
    func check() async throws(DeployError) {
        let logFile = (try? await parameter("maillog_file")) ?? ""
        let offset = logFile.isEmpty ? 0 : ((try? FileManager.default.attributesOfItem(atPath: logFile)[.size] as? UInt64) ?? 0)
        let result = try await run("postfix", ["-c", configDirectory, "check"])
        guard !result.succeeded else { return }
        var detail = result.stderrText.trimmingCharacters(in: .whitespacesAndNewlines)
        if detail.isEmpty, !logFile.isEmpty, let handle = FileHandle(forReadingAtPath: logFile) {
            defer { try? handle.close() }
            try? handle.seek(toOffset: offset)
            let logged = String(decoding: (try? handle.readToEnd()) ?? Data(), as: UTF8.self)
            detail = logged.split(separator: "\n").filter { $0.contains("fatal") || $0.contains("warning") }
                .joined(separator: "; ")
        }
        throw .postfixCheckFailed(status: result.exitStatus, detail: detail.isEmpty ? "no reason logged" : detail)
    }

    /// Whether the Postfix master of this instance runs (`postfix status`).
    func isRunning() async throws(DeployError) -> Bool {
        try await run("postfix", ["-c", configDirectory, "status"]).succeeded
    }

    /// `postfix reload`.
    func reload() async throws(DeployError) {
        let result = try await run("postfix", ["-c", configDirectory, "reload"])
        guard result.succeeded else { throw .reloadFailed(stderr: result.stderrText) }
    }

    /// Runs a command; a command that cannot run is a ``DeployError/command(_:)``.
    private func run(_ program: String, _ arguments: [String], input: [UInt8]? = nil) async throws(DeployError) -> CommandResult {
        do {
            return try await runner.run(program, arguments, input: input)
        } catch {
            throw .command(error)
        }
    }

    /// Runs a command that must exit 0; anything else is a ``DeployError/command(_:)``.
    private func succeeding(_ program: String, _ arguments: [String]) async throws(DeployError) -> CommandResult {
        do {
            return try await runner.run(program, arguments).checked()
        } catch {
            throw .command(error)
        }
    }
}
