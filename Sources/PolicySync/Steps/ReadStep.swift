import PolicyGit
import ReleaseTrust
import TLSPolicy

/// Step 4: the `policy/*.policy` blobs of the commit the signed tag names, read through
/// libgit2 as plain regular files (never a work tree, so symlinks and odd names in the
/// repository cannot make the agent read anything else).
struct ReadStep {
    var context: SyncContext

    func run(release: VerifiedRelease, cache: GitCache) throws(ReadError) -> [LintSource] {
        let target: GitTagTarget
        do {
            // The commit named inside the signed object, not whatever the reference says.
            target = try cache.repository.peelToCommit(release.commitID)
        } catch {
            throw .commit(tag: release.tagName, error)
        }
        let files: [GitBlobFile]
        do {
            files = try cache.repository.regularFiles(inTree: target.treeID, directory: "policy")
        } catch {
            throw .tree(tag: release.tagName, error)
        }
        let sources = files.filter { $0.path.hasSuffix(".policy") }.map { LintSource(name: $0.path, bytes: $0.bytes) }
        guard !sources.isEmpty else { throw .noPolicyFiles(tag: release.tagName) }
        context.logger.info("read release", metadata: ["tag": "\(release.tagName)", "files": "\(sources.count)"])
        return sources
    }
}
