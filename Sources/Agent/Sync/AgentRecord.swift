import DurableFiles
import Foundation
import PolicyDeploy

/// What the agent remembers between runs beyond PolicyDeploy's state file: the release
/// deployed (for the rollback check, `status` and the metrics) and the outcome counters
/// the metrics file reports, which a Prometheus counter needs to survive restarts.
struct AgentRecord: Sendable, Codable, Equatable {
    /// The release whose table is live.
    struct Release: Sendable, Codable, Equatable {
        var tag: String
        var tagObject: String
        var commit: String
        var signer: String
        var taggerDate: Date
        var expires: Date
        var entries: Int
    }

    var release: Release?
    /// Digest of what the live table was rendered from; equal inputs render equal bytes.
    var inputs: String?
    /// When a sync last ended with the right map live (deployed or unchanged).
    var lastSuccessAt: Date?
    /// Sync outcomes by reason (`deployed`, `unchanged`, `rollback`, ...), since the first run.
    var outcomes: [String: Int] = [:]
    /// Step outcomes, keyed `step/outcome`.
    var stepOutcomes: [String: Int] = [:]

    /// Where the record lives in the agent's state directory, beside PolicyDeploy's state file.
    static func path(stateDirectory: String) -> String { stateDirectory + "/release.json" }

    /// The record at `path`; an empty one when none was written yet.
    static func load(path: String) throws(RecordError) -> AgentRecord {
        guard FileManager.default.fileExists(atPath: path) else { return AgentRecord() }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw RecordError.unreadable(path: path, reason: "cannot read the file")
        }
        do {
            return try decoder.decode(AgentRecord.self, from: data)
        } catch {
            throw RecordError.unreadable(path: path, reason: "\(error)")
        }
    }

    /// Writes the record atomically.
    func save(path: String) throws(RecordError) {
        let data: Data
        do {
            data = try Self.encoder.encode(self)
        } catch {
            throw RecordError.unwritable(path: path, reason: "\(error)")
        }
        do {
            try DurableFileSystem.replaceAtomically(path, bytes: [UInt8](data) + [0x0A], mode: 0o600)
        } catch {
            throw RecordError.unwritable(path: path, reason: error.description)
        }
    }

    private static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }

    private static var decoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }
}
