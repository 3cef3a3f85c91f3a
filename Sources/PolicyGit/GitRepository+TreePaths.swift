extension GitRepository {
    /// Reads what `path` names in the tree `treeID`, without a work tree: the regular
    /// files directly inside it when it is a directory (as
    /// ``regularFiles(inTree:directory:limits:)`` reads them, with the same refusals),
    /// or the one file when it is a regular file.
    ///
    /// `path` is relative to the tree's root, components separated by `/` (`policy`,
    /// `policy/gmail.com.policy`, `data/policy`); empty and `.` components are skipped.
    /// A component that could leave the tree (`..`, `.git`, a backslash) is refused, and so
    /// is a file over ``GitTreeReadLimits/maximumFileSize`` (checked from the object header,
    /// before the blob is inflated).
    ///
    /// - Returns: the files sorted by path, each path from the tree's root.
    /// - Throws: ``GitTreeReadError/missingPath(path:)`` when nothing has that path.
    public func regularFiles(
        inTree treeID: GitObjectID, atPath path: String, limits: GitTreeReadLimits = GitTreeReadLimits()
    ) throws(GitTreeReadError) -> [GitBlobFile] {
        let components = path.split(separator: "/").map(String.init).filter { $0 != "." }
        guard let last = components.last else { throw .unsafeName(directory: ".", name: path) }
        do {
            // Walk down to the directory that holds the last component.
            var parent = treeID
            var walked: [String] = []
            for component in components.dropLast() {
                let entry = try Self.entry(named: component, in: parent, walked: walked, repository: self)
                let here = (walked + [component]).joined(separator: "/")
                guard entry.mode == .directory else { throw GitTreeReadError.notADirectory(path: here, kind: entry.mode.kind) }
                parent = entry.id
                walked.append(component)
            }
            let entry = try Self.entry(named: last, in: parent, walked: walked, repository: self)
            let prefix = walked.isEmpty ? "" : walked.joined(separator: "/") + "/"
            if entry.mode == .directory {
                return try regularFiles(inTree: parent, directory: last, limits: limits)
                    .map { GitBlobFile(path: prefix + $0.path, id: $0.id, bytes: $0.bytes) }
            }
            let fullPath = prefix + last
            guard entry.mode == .regularFile || entry.mode == .executableFile else {
                throw GitTreeReadError.notRegularFile(path: fullPath, kind: entry.mode.kind)
            }
            let database = try GitObjectDatabase(of: self)
            let header = try database.header(of: entry.id)
            guard header.type == .blob else {
                throw GitTreeReadError.notRegularFile(path: fullPath, kind: "\(header.type.rawValue) object")
            }
            guard header.size <= limits.maximumFileSize else {
                throw GitTreeReadError.fileTooLarge(path: fullPath, size: header.size, limit: limits.maximumFileSize)
            }
            return [GitBlobFile(path: fullPath, id: entry.id, bytes: try database.read(entry.id).bytes)]
        } catch let error as GitTreeReadError {
            throw error
        } catch let error as GitError {
            throw .git(error)
        } catch {
            // Only the two typed errors above are thrown in the `do` block.
            throw .git(GitError(operation: "regularFiles(atPath:)", code: .generic, errorClass: .invalid, message: "\(error)"))
        }
    }

    /// The entry `name` of the tree `id`, which is at `walked` from the root.
    private static func entry(named name: String, in id: GitObjectID, walked: [String],
                              repository: GitRepository) throws -> GitTreeEntry {
        guard isPlainFileName(name) else {
            throw GitTreeReadError.unsafeName(directory: walked.isEmpty ? "." : walked.joined(separator: "/"), name: name)
        }
        guard let entry = try GitTree(id, in: repository).entries.first(where: { $0.name == name }) else {
            throw GitTreeReadError.missingPath(path: (walked + [name]).joined(separator: "/"))
        }
        return entry
    }
}
