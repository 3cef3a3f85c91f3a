import DurableFiles
import Foundation
import PolicyDeploy

/// The agent's state directory: the state file, the run lock and the Git cache.
public struct AgentStateStore: Sendable {
    /// The default state directory (systemd's `StateDirectory=tls-policy-agent`).
    public static let defaultDirectory = "/var/lib/tls-policy-agent"

    /// The directory.
    public var directory: String
    /// The one state file, rewritten atomically once per run.
    public var statePath: String { directory + "/state.json" }
    /// The run lock.
    public var lockPath: String { directory + "/lock" }
    /// The bare Git cache of the dataset's release tags.
    public var cacheDirectory: String { directory + "/cache" }

    public init(directory: String = AgentStateStore.defaultDirectory) {
        self.directory = directory
    }

    /// Creates the directory (mode 0700) when missing.
    public func prepare() throws(StateError) {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
        } catch {
            throw .unwritable(path: directory, reason: error.localizedDescription)
        }
    }

    /// Takes the run lock (see ``RunLock``).
    public func lock(timeout: Double = 10) throws(StateError) -> RunLock {
        try prepare()
        return try RunLock(path: lockPath, timeout: timeout)
    }

    /// The recorded state: empty when none was written yet, migrated when an older
    /// agent wrote it.
    public func load() throws(StateError) -> AgentState {
        let bytes = FileManager.default.contents(atPath: statePath).map { [UInt8]($0) }
        if bytes == nil, !FileManager.default.fileExists(atPath: statePath) {
            let legacy = LegacyStateFiles(directory: directory)
            guard legacy.leftovers.contains(where: FileManager.default.fileExists(atPath:)) else { return AgentState() }
            return try legacy.migrate(stateBytes: nil, decoder: Self.decoder)
        }
        guard let bytes else { throw .unreadable(path: statePath, reason: "cannot read the file") }
        let format: Int?
        do {
            format = try Self.decoder.decode(FormatProbe.self, from: Data(bytes)).format
        } catch {
            throw .unreadable(path: statePath, reason: "not a JSON object: \(error)")
        }
        switch format {
        case nil:
            return try LegacyStateFiles(directory: directory).migrate(stateBytes: bytes, decoder: Self.decoder)
        case AgentState.currentFormat:
            do {
                return try Self.decoder.decode(AgentState.self, from: Data(bytes))
            } catch {
                throw .unreadable(path: statePath, reason: "\(error)")
            }
        case let other?:
            throw .unreadable(path: statePath, reason: "state format \(other) is newer than this agent's (\(AgentState.currentFormat)); "
                + "was the agent downgraded?")
        }
    }

    /// Writes `state` atomically (temporary, fsync, rename, fsync the directory), then
    /// removes the files an older agent kept beside it.
    public func save(_ state: AgentState) throws(StateError) {
        try prepare()
        let data: Data
        do {
            data = try Self.encoder.encode(state)
        } catch {
            throw .unwritable(path: statePath, reason: "\(error)")
        }
        do {
            try DurableFileSystem.replaceAtomically(statePath, bytes: [UInt8](data) + [0x0A], mode: 0o600)
        } catch {
            throw .unwritable(path: statePath, reason: error.description)
        }
        for path in LegacyStateFiles(directory: directory).leftovers where FileManager.default.fileExists(atPath: path) {
            try? FileManager.default.removeItem(atPath: path)
        }
    }

    /// Only the format field, to tell an old file from a new one.
    private struct FormatProbe: Decodable {
        var format: Int?
    }

    /// Stable, readable state files: sorted keys, ISO 8601 dates.
    static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }

    static var decoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }
}
