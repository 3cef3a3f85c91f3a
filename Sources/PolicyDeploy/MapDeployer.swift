import DurableFiles
import Foundation
import Logging
#if canImport(Glibc)
import Glibc
#endif

/// Installs a rendered policy table as a Postfix map, all or nothing.
///
/// The steps: write the new source beside the live one under a temporary name (fsync);
/// `postmap` that copy, never the live file (postmap rewrites hash and btree files in
/// place, so a failure there would leave no usable map); spot-check the copy with
/// `postmap -q`; `postfix check`; rename the indexed file, then the source, into place
/// and fsync the directory; `postfix reload` when Postfix runs. Postfix reads the
/// indexed file, so at every instant it sees the complete old map or the complete new one.
///
/// Run it under the ``RunLock``: it removes temporaries an earlier, killed run left.
public struct MapDeployer: Sendable {
    public var map: MapLocation
    public var tools: PostfixTools
    /// How many entries `postmap -q` checks in the built map.
    public var spotCheckSize: Int
    public var logger: Logger

    public init(map: MapLocation, tools: PostfixTools, spotCheckSize: Int = 32,
                logger: Logger = Logger(label: "PolicyDeploy.MapDeployer")) {
        self.map = map
        self.tools = tools
        self.spotCheckSize = spotCheckSize
        self.logger = logger
    }

    /// True when the live map is still, file for file, what `previous` recorded: the same
    /// source and indexed files, none of them rewritten since (device, inode, size,
    /// modification and status-change times). Costs a few `stat` calls, where reading and
    /// hashing a large table costs tens of milliseconds: a sync with nothing new asks this
    /// first.
    public func isInPlace(_ previous: DeployedMap) -> Bool {
        guard previous.map == map.description, let source = previous.sourceFile, source.changed != nil else { return false }
        return FileIdentity.of(map.path) == source && FileIdentity.of(map.indexedPath) != nil
            && previous.indexedFiles.allSatisfy { $0.changed != nil && FileIdentity.of($0.path) == $0 }
    }

    /// Deploys `content` unless the live map already is exactly that.
    ///
    /// - Parameter previous: what the last successful deploy recorded; the live map is
    ///   "unchanged" only when its source bytes equal `content` and its indexed files are
    ///   still the ones recorded there (a run killed between the two renames is redone).
    /// - Throws: ``DeployError``; the live files are as they were, except for
    ///   ``DeployError/reloadFailed(stderr:)``, thrown after the swap.
    public func deploy(content: [UInt8], previous: DeployedMap?) async throws(DeployError) -> DeployResult {
        let hash = try SHA256Digest.hex(of: content)
        removeStaleTemporaries()

        if let previous, previous.map == map.description, previous.contentHash == hash,
           previous.indexedFiles.allSatisfy({ FileIdentity.of($0.path) == $0 }),
           FileIdentity.of(map.indexedPath) != nil,
           try DeployError.file({ () throws(DurableFileError) in try DurableFileSystem.read(map.path) }) == content {
            logger.info("map unchanged", metadata: ["map": "\(map)", "sha256": "\(hash)"])
            return DeployResult(outcome: .unchanged, map: previous, reloaded: false)
        }

        // Parsed only past the unchanged check: on a large table it is most of a no-op's cost.
        let sample = TableSample(bytes: content)
        let available = try await timed("postconf-m") { () async throws(DeployError) in try await tools.supportedMapTypes() }
        guard available.contains(map.type.rawValue) else { throw .mapTypeUnavailable(map.type, available: available) }

        // Whether Postfix runs (and so needs a reload) does not depend on the new map: ask
        // while postmap works, not after it.
        let postfix = tools
        let running = Task { () async -> Result<Bool, DeployError> in
            do throws(DeployError) {
                return .success(try await postfix.isRunning())
            } catch {
                return .failure(error)
            }
        }
        defer { running.cancel() }
        let temporary = map.directory + "/" + map.temporaryPrefix + String(UInt64.random(in: 0...UInt64.max), radix: 36)
        let temporaryIndex = map.indexedPath(forSource: temporary)
        do {
            try await build(content: content, sample: sample, at: temporary)
            try await timed("postfix-check") { () async throws(DeployError) in try await tools.check() }
            if map.type.needsPostmap {
                try DeployError.file { () throws(DurableFileError) in
                    try DurableFileSystem.sync(temporaryIndex)
                    // The indexed file first: Postfix reads it, and from here on it is the new map.
                    try DurableFileSystem.rename(temporaryIndex, to: map.indexedPath)
                }
            }
            try DeployError.file { () throws(DurableFileError) in try DurableFileSystem.rename(temporary, to: map.path) }
        } catch {
            unlink(temporaryIndex)
            unlink(temporary)
            logger.error("deploy failed; live map untouched", metadata: ["map": "\(map)", "error": "\(error)"])
            throw error
        }
        try DeployError.file { () throws(DurableFileError) in try DurableFileSystem.syncDirectory(map.directory) }
        let identities = [map.indexedPath].compactMap(FileIdentity.of)
        let deployed = DeployedMap(map: map.description, contentHash: hash, entryCount: sample.count,
                                   indexedFiles: identities, sourceFile: FileIdentity.of(map.path))
        logger.info("map deployed", metadata: ["map": "\(map)", "entries": "\(sample.count)", "sha256": "\(hash)"])

        var reloaded = false
        if try await timed("postfix-status", { () async throws(DeployError) in try await running.value.get() }) {
            try await timed("postfix-reload") { () async throws(DeployError) in try await tools.reload() }
            reloaded = true
            logger.info("postfix reloaded", metadata: ["config": "\(tools.configDirectory)"])
        }
        return DeployResult(outcome: .deployed, map: deployed, reloaded: reloaded)
    }

    /// Writes the temporary source, builds its indexed file and checks it.
    private func build(content: [UInt8], sample: TableSample, at temporary: String) async throws(DeployError) {
        var mode: mode_t = 0o644
        var owner: (uid_t, gid_t)?
        var live = stat()
        if stat(map.path, &live) == 0 {
            // postmap runs as the source file's owner: keep the live file's owner and mode.
            mode = live.st_mode & 0o7777
            owner = (live.st_uid, live.st_gid)
        }
        try DeployError.file { () throws(DurableFileError) in
            try DurableFileSystem.writeNew(temporary, bytes: content, mode: mode, owner: owner)
        }

        if map.type.needsPostmap {
            let result = try await timed("postmap") { () async throws(DeployError) in
                try await tools.postmap(map.type, path: temporary)
            }
            let warnings = result.stderrText.split(separator: "\n").filter { $0.contains("warning:") }.map(String.init)
            guard warnings.isEmpty else { throw .postmapWarnings(map: map.description, warnings: warnings) }
        }

        let checks = sample.spread(spotCheckSize)
        let found = try await timed("spot-check") { () async throws(DeployError) in
            try await tools.query(checks.map(\.key), type: map.type, path: temporary)
        }
        for check in checks {
            let value = found[check.key].map(TableSample.collapse)
            guard value == check.value else { throw .spotCheckFailed(key: check.key, expected: check.value, found: value) }
        }
    }

    /// Runs one phase of a deploy and logs its time at debug level, so that a benchmark (or
    /// an operator) sees where a deploy spends it: postmap, `postfix check`, the reload.
    private func timed<Value>(_ phase: String, _ body: () async throws(DeployError) -> Value) async throws(DeployError) -> Value {
        let started = ContinuousClock.now
        let value = try await body()
        let elapsed = started.duration(to: .now)
        let milliseconds = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        logger.debug("deploy phase finished", metadata: ["phase": "\(phase)", "ms": "\(Int(milliseconds))"])
        return value
    }

    /// Removes what a killed run left beside the live map (temporaries are never live).
    private func removeStaleTemporaries() {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: map.directory) else { return }
        for name in names where name.hasPrefix(map.temporaryPrefix) {
            logger.notice("removing a temporary an interrupted run left", metadata: ["file": "\(name)"])
            unlink(map.directory + "/" + name)
        }
    }
}
