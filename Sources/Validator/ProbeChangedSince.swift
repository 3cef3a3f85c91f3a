import Foundation
import PolicyGit
import PolicyProbe
import TLSPolicy

/// `--changed-since REF`: the entries added or changed since REF, compared with the
/// `policy/` files of REF's tree read through libgit2 (no work tree, no git CLI).
struct ProbeChangedSince {
    /// Why the reference could not be read.
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    let reference: String

    /// The `key → value` fingerprints of REF's `policy/` directory.
    func baseline(parser: PolicyValueParser, directory: String = "policy") throws -> [String: String] {
        let repository: GitRepository
        do {
            repository = try GitRepository(discoveringFrom: FileManager.default.currentDirectoryPath)
        } catch {
            throw Failure(description: "--changed-since: no Git repository here: \(error)")
        }
        let id = try resolve(in: repository)
        let files: [GitBlobFile]
        do {
            let tree = try repository.peelToCommit(id).treeID
            files = try repository.regularFiles(inTree: tree, directory: directory)
        } catch let error as GitTreeReadError {
            if case .missingDirectory = error { return [:] }
            throw Failure(description: "--changed-since \(reference): \(error)")
        } catch {
            throw Failure(description: "--changed-since \(reference): \(error)")
        }
        let sources = files.filter { $0.path.hasSuffix("." + Dataset.fileExtension) }.map { (name: $0.path, bytes: $0.bytes) }
        return ProbeTargetLoader.fingerprints(of: sources, parser: parser)
    }

    /// The targets whose key is new or whose value or DANE mark differ from `baseline`.
    static func select(_ targets: [ProbeTarget], baseline: [String: String]) -> [ProbeTarget] {
        targets.filter { baseline[$0.entry.key.folded] != ProbeTargetLoader.fingerprint(of: $0) }
    }

    /// REF as `git rev-parse` reads it (a branch such as `origin/main`, a tag, `HEAD`, an ID).
    private func resolve(in repository: GitRepository) throws -> GitObjectID {
        do {
            return try repository.resolveRevision(reference)
        } catch {
            throw Failure(description: "--changed-since \(reference): not a revision of this repository (\(error))")
        }
    }
}
