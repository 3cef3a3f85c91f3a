import ExternalCommand
import Foundation

/// A Git repository with a work tree, built with the real `git` command line the
/// way a dataset maintainer builds one: commits, annotated tags, SSH- and
/// OpenPGP-signed tags, and hand-made objects for attacks (`hash-object --literally`).
///
/// git runs with a fixed identity and without the user's or the system's
/// configuration, so a developer's settings cannot change a fixture.
public final class GitFixtureRepository {
    /// The work tree (the repository is `directory/.git`).
    public let directory: URL
    /// Bound for every git command.
    public let timeout: TimeInterval

    /// Runs `git init` in `directory` (created when missing).
    public init(directory: URL, timeout: TimeInterval = 30) throws {
        self.directory = directory
        self.timeout = timeout
        try LabFileSystem.createDirectory(directory)
        try git(["init", "--quiet"])
    }

    /// Runs `git -C directory ARGS` and insists on exit status 0.
    ///
    /// - Parameters:
    ///   - environment: extra variables, for example `GNUPGHOME` or `GIT_COMMITTER_DATE`.
    ///   - configuration: extra `-c name=value` settings.
    @discardableResult
    public func git(_ arguments: [String], input: Data? = nil, environment: [String: String] = [:],
                    configuration: [String: String] = [:]) throws -> CommandResult {
        try gitResult(arguments, input: input, environment: environment, configuration: configuration).checked()
    }

    /// Runs `git -C directory ARGS` and returns the result whatever its exit status
    /// (for commands whose failure a test expects, such as `verify-tag`).
    public func gitResult(_ arguments: [String], input: Data? = nil, environment: [String: String] = [:],
                          configuration: [String: String] = [:]) throws -> CommandResult {
        var settings = ["user.name": "Policy Maintainer", "user.email": "maintainer@example.test",
                        "init.defaultBranch": "main", "commit.gpgsign": "false", "tag.gpgsign": "false"]
        settings.merge(configuration) { _, given in given }
        let config = settings.sorted { $0.key < $1.key }.flatMap { ["-c", "\($0.key)=\($0.value)"] }
        // `env` keeps the runner's PATH and locale, drops variables that would point git
        // elsewhere, and adds the fixture's own.
        var env = ["env", "-u", "GIT_DIR", "-u", "GIT_WORK_TREE", "-u", "GIT_INDEX_FILE",
                   "GIT_CONFIG_NOSYSTEM=1", "GIT_CONFIG_GLOBAL=/dev/null", "HOME=\(directory.path)"]
        env += environment.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        let argv = env + ["git", "-C", directory.path] + config + arguments
        return try LabCommandRunner.run(argv, input: input, timeout: timeout, displayArgv: ["git"] + arguments)
    }

    /// `git rev-parse REV`.
    public func revParse(_ revision: String) throws -> String {
        try git(["rev-parse", "--verify", revision]).stdoutText.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Writes `files` (path relative to the work tree -> content) and commits them.
    /// - Returns: the new commit's ID.
    @discardableResult
    public func commit(files: [String: String], message: String) throws -> String {
        for (path, content) in files.sorted(by: { $0.key < $1.key }) {
            let url = directory.appendingPathComponent(path)
            try LabFileSystem.createDirectory(url.deletingLastPathComponent())
            try LabFileSystem.write(content, to: url)
        }
        try git(["add", "--all"])
        try git(["commit", "--quiet", "--allow-empty", "-m", message])
        return try revParse("HEAD")
    }

    /// Creates the annotated tag `name` on `target` (default HEAD), signed as
    /// `signing` says, with the tagger date `date` (default now).
    /// - Returns: the tag object's ID.
    @discardableResult
    public func tag(_ name: String, message: String, signing: GitTagSigning = .unsigned,
                    target: String = "HEAD", date: Date? = nil, force: Bool = false) throws -> String {
        var environment: [String: String] = [:]
        var configuration: [String: String] = [:]
        var arguments = ["tag", "--cleanup=verbatim", "-m", message]
        if force { arguments.append("-f") }
        switch signing {
        case .unsigned:
            arguments.append("-a")
        case .ssh(let key):
            arguments.append("-s")
            configuration["gpg.format"] = "ssh"
            configuration["user.signingkey"] = key.privateKey.path
        case .openPGP(let home, let fingerprint):
            arguments.append("-s")
            configuration["gpg.format"] = "openpgp"
            configuration["user.signingkey"] = fingerprint
            configuration["gpg.program"] = home.gpgProgram.path
            environment["GNUPGHOME"] = home.directory.path
        }
        if let date {
            environment["GIT_COMMITTER_DATE"] = "@\(Int(date.timeIntervalSince1970)) +0000"
        }
        try git(arguments + [name, target], environment: environment, configuration: configuration)
        return try revParse("refs/tags/\(name)")
    }

    /// The raw tag object `refs/tags/NAME` points at (`git cat-file tag`).
    public func rawTag(_ name: String) throws -> Data {
        Data(try git(["cat-file", "tag", "refs/tags/\(name)"]).stdout)
    }

    /// Stores `bytes` as a tag object exactly as given, valid or not
    /// (`git hash-object -t tag -w --literally`), and points `refs/tags/NAME` at it.
    /// - Returns: the new object's ID.
    @discardableResult
    public func storeLiteralTag(_ bytes: Data, as name: String) throws -> String {
        let id = try git(["hash-object", "-t", "tag", "-w", "--literally", "--stdin"], input: bytes)
            .stdoutText.trimmingCharacters(in: .whitespacesAndNewlines)
        try git(["update-ref", "refs/tags/\(name)", id])
        return id
    }

    /// Stores `bytes` as a tree object exactly as given (`hash-object -t tree --literally`),
    /// for trees git itself would not write (an entry named `..`).
    public func storeLiteralTree(_ bytes: Data) throws -> String {
        try git(["hash-object", "-t", "tree", "-w", "--literally", "--stdin"], input: bytes)
            .stdoutText.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Creates a commit of `tree` on top of HEAD without touching the work tree
    /// (`git commit-tree`), and moves the current branch to it.
    @discardableResult
    public func commitTree(_ tree: String, message: String) throws -> String {
        let parent = try revParse("HEAD")
        let commit = try git(["commit-tree", tree, "-p", parent, "-m", message])
            .stdoutText.trimmingCharacters(in: .whitespacesAndNewlines)
        try git(["update-ref", "HEAD", commit])
        return commit
    }

    /// `git verify-tag NAME` with the trust given: an allowed-signers file for SSH
    /// signatures, a GnuPG home for OpenPGP ones. Returns the result, whatever it is.
    public func verifyTag(_ name: String, allowedSigners: URL? = nil, gnupg: OpenPGPHome? = nil) throws -> CommandResult {
        var configuration: [String: String] = [:]
        var environment: [String: String] = [:]
        if let allowedSigners { configuration["gpg.ssh.allowedSignersFile"] = allowedSigners.path }
        if let gnupg {
            environment["GNUPGHOME"] = gnupg.directory.path
            configuration["gpg.program"] = gnupg.gpgProgram.path
        }
        return try gitResult(["verify-tag", name], environment: environment, configuration: configuration)
    }
}
