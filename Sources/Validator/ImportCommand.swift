import ArgumentParser
import DurableFiles
import Foundation
import TLSPolicy

/// `import`: converts a public TLS policy list into dataset files, one per provider.
///
/// The conversion itself lives in the core (`CswareImporter`, `EFFPolicyImporter`,
/// `ProviderFileBuilder`); this command reads the files, says what was dropped and
/// why, checks the result against the dataset's rules, and writes it so that no
/// file is ever half-written.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Convert a csware or EFF TLS policy list into dataset files, one per provider.",
        discussion: """
            csware: <file> is the list's tls_policy table; --dane-variant names its tls_policy-dane table, \
            whose dane-only entries are marked '#@ dane' above the tls_policy line.
            eff: <file> is STARTTLS Everywhere's policy.json; mode enforce becomes secure match=<mxs>, \
            mode testing is dropped.

            A csware fingerprint pin is host-specific and breaks on every renewal: it is imported as \
            encrypt (STARTTLS stays required; its DANE mark is kept), with a note on standard error. \
            Entries the shared dataset refuses (tafile, levels below encrypt, bracketed or port keys, \
            entries the minimum Postfix rejects) are dropped, each printed to standard error as \
            FILE:LINE: dropped KEY: reason. The result is checked with the dataset \
            rules before anything is written; every file is first written and flushed to a temporary \
            file in the output directory, then all are renamed into place.

            An existing provider file is replaced only when its '# Evidence:' header names the same \
            list; a file from another source is never overwritten.

            Exit status: 0 imported; 1 refused, nothing written (no entry kept, a file from another \
            source in the way, the result would not lint clean); 2 usage or I/O error (a bad option, \
            an input that cannot be read or is not the named format, an output that cannot be \
            written: nothing written).
            """
    )

    @Option(help: ArgumentHelp(
        "The list's format: csware (tls_policy table) or eff (STARTTLS Everywhere policy.json).", valueName: "format"))
    var from: ImportFormatArgument

    @Argument(help: "The list to import: csware's tls_policy, or EFF's policy.json.")
    var file: String

    @Option(name: .customLong("dane-variant"), help: ArgumentHelp(
        "csware only: the list's tls_policy-dane table.",
        discussion: "Its dane-only entries mark the matching tls_policy entries '#@ dane'.",
        valueName: "file"))
    var daneVariant: String?

    @Option(help: ArgumentHelp("The dataset directory to write.", valueName: "dir"))
    var output: String = "policy"

    @Option(name: .customLong("minimum-postfix-version"), help: ArgumentHelp(
        "The oldest Postfix every entry must be valid on (X.Y).",
        discussion: "Written to dataset.cf when the output directory has none (default 3.5); "
            + "when dataset.cf exists, its setting is used and this option must agree with it.",
        valueName: "version"))
    var minimumPostfixVersion: String?

    @Flag(help: ArgumentHelp(
        "Remove files of an earlier import of the same list that this import no longer writes.",
        discussion: "Only *.policy files whose '# Evidence:' header names the same list are removed."))
    var prune = false

    /// The version written when neither the option nor an existing dataset.cf says otherwise:
    /// Debian 11 and RHEL 8/9 ship Postfix 3.5.
    static let defaultMinimumPostfixVersion = PostfixVersion(major: 3, minor: 5)

    func validate() throws {
        if from == .eff && daneVariant != nil {
            throw ValidationError("--dane-variant belongs to --from csware; an EFF list has no DANE variant")
        }
        if let minimumPostfixVersion, PostfixVersion(minimumPostfixVersion) == nil {
            throw ValidationError("--minimum-postfix-version must look like 3.5, not '\(minimumPostfixVersion)'")
        }
    }

    func run() throws {
        let manifestPath = path(DatasetManifest.fileName)
        let existingManifest = try readManifest(at: manifestPath)
        let requested = minimumPostfixVersion.flatMap(PostfixVersion.init)
        if let existingManifest, let requested, requested != existingManifest.minimumPostfixVersion {
            Self.printError(
                "tls-policy-validator: \(manifestPath) declares minimum_postfix_version = "
                    + "\(existingManifest.minimumPostfixVersion); --minimum-postfix-version \(requested) disagrees "
                    + "(edit dataset.cf to change it)")
            throw ExitCode.usageOrIOError
        }
        let version = existingManifest?.minimumPostfixVersion ?? requested ?? Self.defaultMinimumPostfixVersion
        let manifest = existingManifest ?? DatasetManifest(minimumPostfixVersion: version)

        let report = try importList(minimumPostfixVersion: version)
        for dropped in report.dropped {
            Self.printError("\(dropped.origin): \(dropped.message)")
        }
        for note in report.notes {
            Self.printError("\(note.origin): note: \(note.key.map { "\($0): " } ?? "")\(note.message)")
        }
        guard !report.kept.isEmpty else {
            Self.printError("tls-policy-validator: \(file): no entry could be imported; nothing written")
            throw ExitCode.failure
        }

        let files: [ImportedFile]
        do {
            files = try ProviderFileBuilder(minimumPostfixVersion: version).files(for: report)
        } catch {
            Self.printError("tls-policy-validator: \(error); nothing written")
            throw ExitCode.failure
        }
        let plan = try plan(files, listName: report.listName, version: version)
        try check(plan, manifest: manifest)
        try publish(plan, manifest: existingManifest == nil ? DatasetManifestTemplate.text(minimumPostfixVersion: version) : nil)
        printSummary(report, plan: plan)
    }

    // MARK: - Reading

    /// Runs the importer for `--from`; an input that cannot be read or is not the named format exits 2.
    private func importList(minimumPostfixVersion version: PostfixVersion) throws -> ImportReport {
        let source = try readInput(file)
        do {
            switch from {
            case .csware:
                let variant = try daneVariant.map(readInput)
                return try CswareImporter(minimumPostfixVersion: version).importTables(policy: source, daneVariant: variant)
            case .eff:
                return try EFFPolicyImporter(minimumPostfixVersion: version).importPolicyList(source)
            }
        } catch let error as ImportError {
            Self.printError("tls-policy-validator: \(error)")
            throw ExitCode.usageOrIOError
        }
    }

    private func readInput(_ path: String) throws -> ImportSource {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            Self.printError("tls-policy-validator: \(path): no such file")
            throw ExitCode.usageOrIOError
        }
        guard !isDirectory.boolValue, let data = FileManager.default.contents(atPath: path) else {
            Self.printError("tls-policy-validator: \(path): cannot read the file")
            throw ExitCode.usageOrIOError
        }
        return ImportSource(name: path, bytes: [UInt8](data))
    }

    /// The output directory's manifest, `nil` when it has none; a malformed one exits 2.
    private func readManifest(at path: String) throws -> DatasetManifest? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        guard let data = FileManager.default.contents(atPath: path) else {
            Self.printError("tls-policy-validator: \(path): cannot read the dataset manifest")
            throw ExitCode.usageOrIOError
        }
        do {
            return try DatasetManifest(text: String(decoding: data, as: UTF8.self))
        } catch {
            Self.printError("tls-policy-validator: \(path):\(error.line): \(error.message)")
            throw ExitCode.usageOrIOError
        }
    }

    // MARK: - Planning and checking

    /// What the import changes in the output directory.
    private struct Plan {
        /// Files whose content is new or changed.
        var writes: [ImportedFile]
        var unchanged: [ImportedFile]
        /// Existing `*.policy` files kept as they are (not written by this import, not pruned).
        var others: [LintSource]
        /// Existing `*.policy` files `--prune` removes.
        var removals: [String]
        var all: [ImportedFile] { writes + unchanged }
    }

    /// Sorts the output directory's files into what this import writes, leaves alone and
    /// removes. A file is replaced or pruned only when its `# Evidence:` header names the
    /// same list: a provider file from another source is never overwritten.
    private func plan(_ files: [ImportedFile], listName: String, version: PostfixVersion) throws -> Plan {
        var existing: [String] = []
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: output, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                Self.printError("tls-policy-validator: \(output): not a directory")
                throw ExitCode.usageOrIOError
            }
            do {
                existing = try FileManager.default.contentsOfDirectory(atPath: output)
                    .filter { ($0 as NSString).pathExtension == Dataset.fileExtension }
                    .sorted()
            } catch {
                Self.printError("tls-policy-validator: \(output): \(error.localizedDescription)")
                throw ExitCode.usageOrIOError
            }
        }
        let produced = Dictionary(files.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let parser = PolicyValueParser(version: version)
        var plan = Plan(writes: [], unchanged: [], others: [], removals: [])
        var imported = Set<String>()
        for name in existing {
            guard let data = FileManager.default.contents(atPath: path(name)) else {
                Self.printError("tls-policy-validator: \(path(name)): cannot read the file")
                throw ExitCode.usageOrIOError
            }
            let bytes = [UInt8](data)
            let evidence = PolicyFile(name: name, bytes: bytes, parser: parser).header?.evidence
            let fromSameList = evidence?.hasPrefix(listName) ?? false
            if let file = produced[name] {
                guard fromSameList else {
                    Self.printError("tls-policy-validator: \(path(name)) has entries from another source "
                        + "(Evidence: \(evidence ?? "none")); this import would overwrite it; nothing written")
                    throw ExitCode.failure
                }
                if bytes.elementsEqual(file.text.utf8) { plan.unchanged.append(file) } else { plan.writes.append(file) }
                imported.insert(name)
            } else if prune && fromSameList {
                plan.removals.append(name)
            } else {
                plan.others.append(LintSource(name: path(name), bytes: bytes))
            }
        }
        plan.writes += files.filter { !imported.contains($0.name) }
        return plan
    }

    /// Lints the directory as it will be (kept files plus imported ones) with the dataset
    /// rules; any finding (a key already in a hand-written file, say) stops the import.
    private func check(_ plan: Plan, manifest: DatasetManifest) throws {
        let imported = plan.all.map { LintSource(name: path($0.name), bytes: Array($0.text.utf8)) }
        let sources = (plan.others + imported).sorted { $0.name < $1.name }
        let options = LintOptions(rules: .dataset, postfixVersion: manifest.minimumPostfixVersion)
        let report = DatasetRules(options: options, manifest: manifest).lint(sources)
        guard !report.diagnostics.isEmpty else { return }
        FileHandle.standardError.write(Data(DiagnosticFormat.text.render(report).utf8))
        Self.printError("tls-policy-validator: the imported dataset would not lint clean "
            + "(\(report.diagnostics.count) findings); nothing written")
        throw ExitCode.failure
    }

    // MARK: - Writing

    /// Stages every changed file beside its target (written and flushed), then renames
    /// them into place and flushes the directory: a failure while staging leaves the
    /// directory untouched, and each rename replaces a whole file.
    private func publish(_ plan: Plan, manifest: String?) throws {
        do {
            try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
        } catch {
            Self.printError("tls-policy-validator: \(output): cannot create the directory: \(error.localizedDescription)")
            throw ExitCode.usageOrIOError
        }
        var targets: [(name: String, text: String)] = plan.writes.map { ($0.name, $0.text) }
        if let manifest { targets.append((DatasetManifest.fileName, manifest)) }
        do throws(DurableFileError) {
            // Staged files not published are removed when `staged` goes away.
            var staged: [StagedFile] = []
            for target in targets {
                staged.append(try StagedFile(Array(target.text.utf8), for: path(target.name)))
            }
            for file in staged { try file.publish() }
            try DurableFileSystem.syncDirectory(output)
        } catch {
            Self.printError("tls-policy-validator: \(error)")
            throw ExitCode.usageOrIOError
        }
        for name in plan.removals where unlink(path(name)) != 0 {
            Self.printError("tls-policy-validator: \(path(name)): cannot remove: \(String(cString: strerror(errno)))")
            throw ExitCode.usageOrIOError
        }
    }

    // MARK: - Output

    private func printSummary(_ report: ImportReport, plan: Plan) {
        let files = plan.all
        let dane = files.reduce(0) { $0 + $1.daneMarkCount }
        var lines = [
            "Imported \(report.kept.count) of \(report.inputEntries) entries from \(file) into \(output): "
                + "\(files.count) provider files (\(plan.writes.count) written, \(plan.unchanged.count) unchanged"
                + (plan.removals.isEmpty ? "" : ", \(plan.removals.count) removed") + "), "
                + "\(dane) marked #@ dane.",
        ]
        if report.dropped.isEmpty {
            lines.append("Dropped none.")
        } else {
            let reasons = report.droppedByCategory.map { "\($0.count) \($0.category)" }.joined(separator: ", ")
            lines.append("Dropped \(report.dropped.count): \(reasons).")
        }
        if !report.notes.isEmpty { lines.append("Notes: \(report.notes.count) (on standard error).") }
        print(lines.joined(separator: "\n"))
    }

    private func path(_ name: String) -> String {
        (output as NSString).appendingPathComponent(name)
    }

    private static func printError(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}

/// `--from` values.
enum ImportFormatArgument: String, ExpressibleByArgument, CaseIterable {
    case csware, eff
}
