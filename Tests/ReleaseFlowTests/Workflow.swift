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
    /// The file's text, for what the YAML tree drops (comments such as `# v4.2.1`).
    let text: String

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
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw WorkflowError(file: name, message: "cannot read: \(error)")
        }
        try self.init(text: text, name: name)
    }

    /// Parses `text` (a test's own workflow, to show that a check catches what it names).
    init(text: String, name: String) throws {
        self.name = name
        self.text = text
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

    /// The events that start the workflow (`on:` as a mapping, a list or one name).
    var triggers: Set<String> {
        guard let on = root.value("on") else { return [] }
        if let mapping = on.mapping { return Set(mapping.compactMap { $0.key.scalar?.string }) }
        if let sequence = on.sequence { return Set(sequence.compactMap { $0.scalar?.string }) }
        return on.scalar.map { [$0.string] } ?? []
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

        /// `runs-on` as written (a label, an expression, or a list joined by spaces).
        var runsOn: String {
            let node = mapping.value("runs-on")
            if let list = node?.sequence { return list.compactMap { $0.scalar?.string }.joined(separator: " ") }
            return node?.scalar?.string ?? ""
        }

        /// True when the job runs on the probe runner, the self-hosted runner that may
        /// connect out on port 25 (its label is the repository variable PROBE_RUNNER).
        var runsOnProbeRunner: Bool { runsOn.contains("vars.PROBE_RUNNER") }

        /// The jobs this one waits for.
        var needs: [String] {
            let node = mapping.value("needs")
            return node?.sequence?.compactMap { $0.scalar?.string } ?? node?.scalar.map { [$0.string] } ?? []
        }

        /// The steps that use an action, with their `with:` inputs (empty when none).
        var actionSteps: [(uses: String, with: Node.Mapping?, step: Node.Mapping)] {
            steps.compactMap { step in
                guard let uses = step.value("uses")?.scalar?.string else { return nil }
                return (uses, step.value("with")?.mapping, step)
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
