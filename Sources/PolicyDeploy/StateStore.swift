import DurableFiles
import Foundation

/// The state directory: the state file (written atomically) and the run lock.
public struct StateStore: Sendable {
    /// The default state directory.
    public static let defaultDirectory = "/var/lib/tls-policy-agent"

    public var directory: String
    public var statePath: String { directory + "/state.json" }
    public var lockPath: String { directory + "/lock" }

    public init(directory: String = StateStore.defaultDirectory) {
        self.directory = directory
    }

    /// Creates the directory (mode 0700) when missing.
    public func prepare() throws(DeployError) {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
        } catch {
            throw .io(path: directory, operation: "create directory", reason: error.localizedDescription)
        }
    }

    /// Takes the run lock (see ``RunLock``).
    public func lock(timeout: Double = 10) throws(DeployError) -> RunLock {
        try prepare()
        return try RunLock(path: lockPath, timeout: timeout)
    }

    /// The recorded state; an empty state when none was written yet.
    public func load() throws(DeployError) -> DeploymentState {
        guard let bytes = try DeployError.file({ () throws(DurableFileError) in try DurableFileSystem.read(statePath) }) else {
            return DeploymentState()
        }
        do {
            return try JSONDecoder.state.decode(DeploymentState.self, from: Data(bytes))
        } catch {
            throw .stateUnreadable(path: statePath, reason: "\(error)")
        }
    }

    /// Writes `state` atomically (write, fsync, rename, fsync the directory).
    public func save(_ state: DeploymentState) throws(DeployError) {
        try prepare()
        let data: Data
        do {
            data = try JSONEncoder.state.encode(state)
        } catch {
            throw .io(path: statePath, operation: "encode state", reason: "\(error)")
        }
        try DeployError.file { () throws(DurableFileError) in
            try DurableFileSystem.replaceAtomically(statePath, bytes: [UInt8](data) + [0x0A], mode: 0o600)
        }
    }
}

extension JSONEncoder {
    /// Stable, readable state files: sorted keys, ISO 8601 dates.
    static var state: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }
}

extension JSONDecoder {
    static var state: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }
}
