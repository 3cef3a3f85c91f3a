import Foundation
import PolicyGit
import TLSPolicy

/// One revision's tree in the Git repository the current directory is in, read through
/// libgit2's object database: never a work tree, never the git CLI. `probe --revision`
/// reads the entries to probe from it (a pull request's head, fetched as objects only, so
/// that no file of the pull request is ever checked out on the probe runner), and
/// `--changed-since` the baseline they are compared with.
struct GitRevisionTree {
    /// Why the revision or a path in it could not be read; the text names the option,
    /// the revision and the path.
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// The revision as given (a commit ID, a branch such as `origin/main`, a tag, `HEAD`).
    let revision: String
    /// The option that named it, for messages (`--revision`, `--changed-since`).
    let option: String
    private let repository: GitRepository
    private let treeID: GitObjectID
    /// Bounds on what a tree can make the reader allocate: a hostile pull request's tree
    /// holding a huge blob or an endless directory is refused, not read.
    private let limits: GitTreeReadLimits

    /// Opens the repository found from the current directory and resolves `revision` to its
    /// commit's tree.
    init(revision: String, option: String, limits: GitTreeReadLimits = GitTreeReadLimits()) throws(Failure) {
        self.revision = revision
        self.option = option
        self.limits = limits
        do {
            repository = try GitRepository(discoveringFrom: FileManager.default.currentDirectoryPath)
        } catch {
            throw Failure(description: "\(option): no Git repository here: \(error)")
        }
        do {
            let id = try repository.resolveRevision(revision)
            treeID = try repository.peelToCommit(id).treeID
        } catch {
            throw Failure(description: "\(option) \(revision): not a revision of this repository (\(error))")
        }
    }

    /// The regular files at `path` (a directory's direct files, or one file), with their
    /// paths from the tree's root; nil when nothing has that path.
    func files(at path: String) throws(Failure) -> [GitBlobFile]? {
        do {
            return try repository.regularFiles(inTree: treeID, atPath: path, limits: limits)
        } catch {
            switch error {
            case .missingPath, .missingDirectory: return nil
            default: throw Failure(description: "\(option) \(revision): \(error)")
            }
        }
    }

    /// The name a file of this tree goes by in messages and reports: `REV:policy/x.policy`,
    /// as `git show` names it, so that `REV:policy/x.policy:LINE` says where an entry is.
    func sourceName(_ path: String) -> String { "\(revision):\(path)" }

    /// The inputs `paths` name in this tree, as ``InputFiles/resolve(_:)`` reads them from
    /// the file system: a directory gives its `*.policy` files (and its manifest, when it
    /// has `dataset.cf`), a file gives itself. No path means `policy`.
    func inputFiles(_ paths: [String]) throws(Failure) -> InputFiles {
        var sources: [LintSource] = []
        var dataset: Dataset?
        for given in paths.isEmpty ? ["policy"] : paths {
            guard given != "-", !given.hasPrefix("/") else {
                throw Failure(description: "\(option) \(revision): \(given): give a path inside the repository's tree")
            }
            let path = given.split(separator: "/").filter { $0 != "." }.joined(separator: "/")
            guard let files = try self.files(at: path) else {
                throw Failure(description: "\(option) \(revision): \(given): no such file or directory in the revision's tree")
            }
            if files.count == 1, files[0].path == path {
                sources.append(LintSource(name: sourceName(path), bytes: files[0].bytes))
                continue
            }
            let policies = files.filter { ($0.path as NSString).pathExtension == Dataset.fileExtension }
            let loaded = policies.map { LintSource(name: sourceName($0.path), bytes: $0.bytes) }
            sources += loaded
            if dataset == nil, let manifestFile = files.first(where: { ($0.path as NSString).lastPathComponent == DatasetManifest.fileName }) {
                let manifest: DatasetManifest
                do {
                    manifest = try DatasetManifest(text: String(decoding: manifestFile.bytes, as: UTF8.self))
                } catch {
                    throw Failure(description: "\(sourceName(manifestFile.path)):\(error.line): \(error.message)")
                }
                dataset = Dataset(directory: sourceName(path), manifest: manifest, sources: loaded)
            }
        }
        return InputFiles(sources: sources, dataset: dataset)
    }
}
