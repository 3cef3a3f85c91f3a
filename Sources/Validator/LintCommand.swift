import ArgumentParser
import DurableFiles
import Foundation
import TLSPolicy

/// `lint`: checks tables against the target Postfix's grammar and, for the shared
/// dataset, its own rules.
struct LintCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Check policy tables entry by entry against Postfix's grammar.",
        discussion: """
            Exit status: 0 no errors (warnings allowed), 1 errors found, 2 usage or I/O error.
            JSON output (schema version 1) is described in docs/lint-json.md.
            """
    )

    @Argument(help: "Table files, dataset directories, or - for standard input. Default: policy/.")
    var paths: [String] = []

    @Option(help: ArgumentHelp(
        "Rule set: postfix (what Postfix rejects) or dataset (plus the shared dataset's rules).",
        discussion: "Default: dataset when the current directory holds policy/dataset.cf, else postfix."))
    var rules: RuleSetArgument?

    @Option(help: "Output format: text, json or github.")
    var format: FormatArgument = .text

    @Flag(help: "Rewrite files in canonical form (idempotent; never changes what an entry means).")
    var fix = false

    @OptionGroup var target: TargetOptions

    func run() async throws {
        let inputs = try InputFiles.resolveOrExit(paths)
        let ruleSet = rules?.ruleSet ?? (InputFiles.defaultDatasetDirectory != nil ? .dataset : .postfix)
        let (version, host) = try await target.resolve(for: inputs)
        let options = LintOptions(rules: ruleSet, postfixVersion: version, host: host)

        if fix {
            try rewrite(inputs.sources, options: options, manifest: inputs.dataset?.manifest)
        }
        let sources = fix ? try InputFiles.resolve(paths).sources : inputs.sources
        let report: LintReport
        switch ruleSet {
        case .postfix:
            report = Linter(options: options).lint(sources)
        case .dataset:
            let manifest = inputs.dataset?.manifest ?? DatasetManifest(minimumPostfixVersion: version)
            report = DatasetRules(options: options, manifest: manifest).lint(sources)
        }
        FileHandle.standardOutput.write(Data(format.format.render(report).utf8))
        if format == .text {
            FileHandle.standardError.write(Data("\(report.summaryLine) (Postfix \(version), \(ruleSet.rawValue) rules)\n".utf8))
        }
        if report.errorCount > 0 { throw ExitCode.failure }
    }

    /// `--fix`: rewrites each file that is not canonical; files with invalid entries are left alone.
    private func rewrite(_ sources: [LintSource], options: LintOptions, manifest: DatasetManifest?) throws {
        let version = manifest.map { min($0.minimumPostfixVersion, options.postfixVersion) } ?? options.postfixVersion
        let parser = PolicyValueParser(version: version, host: options.host)
        for source in sources where source.name != "-" {
            let file = PolicyFile(name: source.name, bytes: source.bytes, parser: parser)
            do {
                let canonical = try CanonicalFormatter.format(file)
                if canonical.utf8.elementsEqual(source.bytes) { continue }
                try DurableFileSystem.replaceAtomically(source.name, bytes: Array(canonical.utf8))
                FileHandle.standardError.write(Data("\(source.name): rewritten in canonical form\n".utf8))
            } catch let refusal as CanonicalFormatter.Refusal {
                FileHandle.standardError.write(Data("\(refusal)\n".utf8))
            } catch {
                FileHandle.standardError.write(Data("tls-policy-validator: \(error)\n".utf8))
                throw ExitCode.usageOrIOError
            }
        }
    }
}

/// `--rules` values.
enum RuleSetArgument: String, ExpressibleByArgument, CaseIterable {
    case postfix, dataset
    var ruleSet: RuleSet { self == .postfix ? .postfix : .dataset }
}

/// `--format` values.
enum FormatArgument: String, ExpressibleByArgument, CaseIterable {
    case text, json, github
    var format: DiagnosticFormat {
        switch self {
        case .text: .text
        case .json: .json
        case .github: .github
        }
    }
}
