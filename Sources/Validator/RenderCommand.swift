import ArgumentParser
import DurableFiles
import Foundation
import PolicyGit
import TLSPolicy

/// `render`: the dataset as the one table a mail host installs.
struct RenderCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Render the dataset as one sorted, deterministic Postfix table.",
        discussion: """
            Refuses when the dataset has lint errors: an invalid entry would defer mail. \
            Without --dane, entries annotated '#@ dane' keep their PKIX line, which is safe on every host; \
            with --dane they become dane-only, for hosts with smtp_dns_support_level = dnssec and a \
            DNSSEC-validating resolver.
            Exit status: 0 rendered; 1 refused (lint errors; nothing written); 2 usage or I/O error \
            (an input that cannot be read, an output that cannot be written).
            """
    )

    @Argument(help: "Dataset directories or files. Default: policy/.")
    var paths: [String] = []

    @Flag(help: "Render DANE-capable domains as dane-only.")
    var dane = false

    @Option(name: [.customShort("o"), .customLong("output")], help: "Write the table here (atomically) instead of standard output.")
    var output: String?

    @OptionGroup var target: TargetOptions

    func run() async throws {
        let inputs = try InputFiles.resolveOrExit(paths)
        let (version, host) = try await target.resolve(for: inputs)
        let options = LintOptions(rules: .dataset, postfixVersion: version, host: host)
        let manifest = inputs.dataset?.manifest ?? DatasetManifest(minimumPostfixVersion: version)
        let rules = DatasetRules(options: options, manifest: manifest)
        let report = rules.lint(inputs.sources)
        if report.errorCount > 0 {
            FileHandle.standardError.write(Data(DiagnosticFormat.text.render(report).utf8))
            FileHandle.standardError.write(Data("tls-policy-validator: not rendered: \(report.summaryLine)\n".utf8))
            throw ExitCode.failure
        }
        let renderer = TableRenderer(variant: dane ? .dane : .pkix, sourceCommit: sourceCommit(of: inputs))
        let table = renderer.render(rules.files(inputs.sources))
        if let output {
            do {
                try DurableFileSystem.replaceAtomically(output, bytes: Array(table.utf8))
            } catch {
                FileHandle.standardError.write(Data("tls-policy-validator: \(error)\n".utf8))
                throw ExitCode.usageOrIOError
            }
        } else {
            FileHandle.standardOutput.write(Data(table.utf8))
        }
    }

    /// The commit checked out where the dataset lives; `nil` outside a git checkout.
    private func sourceCommit(of inputs: InputFiles) -> String? {
        let location = inputs.dataset?.directory ?? inputs.sources.first.map {
            ($0.name as NSString).deletingLastPathComponent
        } ?? "."
        let directory = location.isEmpty ? "." : location
        guard let repository = try? GitRepository(discoveringFrom: directory),
              let commit = try? repository.headCommitID()
        else { return nil }
        return commit
    }
}
