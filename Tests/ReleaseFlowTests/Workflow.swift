import Foundation
import Yams

/// One GitHub Actions workflow file, parsed with a real YAML parser and read through the
/// node tree, not a decoder: `on` is a boolean in YAML 1.1, so keys are compared as the
/// text the file has.
struct Workflow {
    /// The file, relative to the repository root (for messages).
    let name: String
    /// The document's root mapping.
    let root: Node.Mapping

    /// Every `.yml`/`.yaml` file in `.github/workflows`, sorted by name.
    static func all() throws -> [Workflow] {
        let directory = RepositoryRoot.url.appendingPathComponent(".github/workflows")
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { $0.hasSuffix(".yml") || $0.hasSuffix(".yaml") }
            .sorted()
        return try names.map(named)
    }

    /// The workflow `.github/workflows/FILE`.
    static func named(_ file: String) throws -> Workflow {
        let name = ".github/workflows/\(file)"
        return try Workflow(url: RepositoryRoot.url.appendingPathComponent(name), name: name)
    }

    /// Parses `url`; a YAML error or a root that is not a mapping is a ``WorkflowError``.
    init(url: URL, name: String) throws {
        self.name = name
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw WorkflowError(file: name, message: "cannot read: \(error)")
        }
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch {
            throw WorkflowError(file: name, message: "not valid YAML: \(error)")
        }
        guard let mapping = node?.mapping else {
            throw WorkflowError(file: name, message: "the document is not a mapping")
        }
        root = mapping
    }

    /// The jobs, in file order, or an error naming what is missing.
    func jobs() throws -> [Job] {
        guard let jobs = root.value("jobs")?.mapping, !jobs.isEmpty else {
            throw WorkflowError(file: name, message: "no `jobs` mapping")
        }
        return try jobs.map { key, value in
            guard let id = key.scalar?.string, let mapping = value.mapping else {
                throw WorkflowError(file: name, message: "job \(key) is not a mapping")
            }
            return Job(workflow: name, id: id, mapping: mapping)
        }
    }

    /// One job of a workflow.
    struct Job {
        let workflow: String
        let id: String
        let mapping: Node.Mapping

        /// The job's steps (empty when it has none or they are not a sequence).
        var steps: [Node.Mapping] {
            mapping.value("steps")?.sequence?.compactMap(\.mapping) ?? []
        }

        /// The `run:` scripts of the steps, with the step's name for messages.
        var runScripts: [(step: String, script: String)] {
            steps.enumerated().compactMap { index, step in
                guard let script = step.value("run")?.scalar?.string else { return nil }
                return (step.value("name")?.scalar?.string ?? "step \(index + 1)", script)
            }
        }

        /// The values of `strategy.matrix.KEY`, as written, or nil when there is no such list.
        func matrixValues(_ key: String) -> [String]? {
            mapping.value("strategy")?.mapping?.value("matrix")?.mapping?.value(key)?.sequence?.compactMap { $0.scalar?.string }
        }
    }
}

/// A workflow file that cannot be read or lacks a part GitHub requires.
struct WorkflowError: Error, CustomStringConvertible {
    let file: String
    let message: String
    var description: String { "\(file): \(message)" }
}

extension Node.Mapping {
    /// The value under the key written as `key`, compared as text: YAML 1.1 resolves
    /// `on` to a boolean, and GitHub still means the key named "on".
    func value(_ key: String) -> Node? {
        first { $0.key.scalar?.string == key }?.value
    }
}
