/// The shared dataset's own rules (DESIGN.md, "The dataset's rules"), on top of the
/// Postfix rules with their warnings raised to errors.
public struct DatasetRules: Sendable {
    public let options: LintOptions
    public let manifest: DatasetManifest

    public init(options: LintOptions, manifest: DatasetManifest) {
        self.options = options
        self.manifest = manifest
    }

    /// Every entry must be valid on the oldest Postfix the dataset supports, too.
    public var effectiveVersion: PostfixVersion { min(options.postfixVersion, manifest.minimumPostfixVersion) }

    /// Parses the sources as dataset files.
    public func files(_ sources: [LintSource]) -> [PolicyFile] {
        let parser = PolicyValueParser(version: effectiveVersion, host: options.host)
        return sources.map { PolicyFile(name: $0.name, bytes: $0.bytes, parser: parser) }
    }

    public func lint(_ sources: [LintSource]) -> LintReport {
        let files = files(sources)
        var diagnostics: [Diagnostic] = []
        var firstSeen: [String: (file: String, line: Int)] = [:]
        var entries = 0
        for file in files {
            entries += file.table.records.count
            diagnostics += Linter.postfixDiagnostics(of: file.table, raisingWarnings: true)
            diagnostics += check(file, firstSeen: &firstSeen)
        }
        return LintReport(diagnostics: diagnostics, files: files.count, entries: entries)
    }

    private func check(_ file: PolicyFile, firstSeen: inout [String: (file: String, line: Int)]) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        func report(_ rule: RuleID, _ line: Int, _ column: Int, _ message: String, key: String? = nil) {
            diagnostics.append(Diagnostic(file: file.name, line: line, column: column, severity: .error,
                                          rule: rule, message: message, key: key))
        }

        if file.header == nil {
            report(.datasetMissingHeader, 1, 1,
                   "a dataset file starts with comment lines '# Provider: NAME' and '# Evidence: SOURCE, DATE'")
        }
        for block in file.blocks {
            let record = block.record
            let key = record.key
            let line = record.lineNumber
            if let previous = firstSeen[key.folded] {
                report(.datasetDuplicateKey, line, 1,
                       "\(key.folded) is already defined at \(previous.file):\(previous.line); a key appears once in the dataset",
                       key: key.text)
            } else {
                firstSeen[key.folded] = (file.name, line)
            }
            switch key.form {
            case .bracketed, .hostWithPort, .quoted:
                report(.datasetRoutingKey, line, 1,
                       "\(key.text): bracketed, port and quoted keys are local routing, not for the shared dataset",
                       key: key.text)
            case .domain, .parentDomain:
                if let problem = DatasetRules.keyProblem(key) {
                    report(.datasetKeySyntax, line, 1, "\(key.text): \(problem)", key: key.text)
                }
            }
            if let level = record.parse.level {
                if level == .daneOnly {
                    report(.datasetDaneAnnotation, line, 1,
                           "write the entry's PKIX policy (secure match=…) and mark it '#@ dane' on the line above: "
                               + "dane-only defers all mail on hosts without a DNSSEC-validating resolver",
                           key: key.text)
                } else if level < .encrypt || level == .dane {
                    report(.datasetWeakLevel, line, 1,
                           "level \(level.rawValue) enforces nothing; the shared dataset holds encrypt or stronger",
                           key: key.text)
                } else if level == .fingerprint {
                    report(.datasetHostSpecific, line, 1,
                           "fingerprint pins break on every certificate renewal and are host-specific; "
                               + "use secure with match=", key: key.text)
                }
            }
            // The rendered table goes to hosts of every version: before 3.10 a brace is an
            // ordinary byte, from 3.10 it groups, so the same line means different things.
            let text = record.line.text
            if let brace = text[(text.startIndex + record.valueOffset)...]
                .firstIndex(where: { $0 == UInt8(ascii: "{") || $0 == UInt8(ascii: "}") }) {
                let position = record.line.position(ofOffset: brace - text.startIndex)
                report(.datasetBraceInValue, position.line, position.column,
                       "a brace in a value: Postfix 3.10 and later read '{ … }' as a group, older versions do not, "
                           + "so this entry means different things on different hosts", key: key.text)
            }
            for (attribute, offset) in record.parse.attributes where attribute.name == .tafile {
                let position = record.line.position(ofOffset: offset)
                report(.datasetHostSpecific, position.line, position.column,
                       "tafile names a file on one host; it has no place in the shared dataset", key: key.text)
            }
            let annotations = block.annotations
            for unknown in annotations.unknown {
                report(.datasetDaneAnnotation, line, 1, "unknown annotation '#@ \(unknown)'", key: key.text)
            }
            if annotations.known.contains(.dane), let level = record.parse.level, level < .encrypt {
                report(.datasetDaneAnnotation, line, 1,
                       "a '#@ dane' entry needs an encrypt, verify or secure line for hosts without DNSSEC",
                       key: key.text)
            }
        }

        if file.table.dropped.isEmpty && file.table.records.allSatisfy({ $0.parse.error == nil }),
           let canonical = try? CanonicalFormatter.format(file) {
            let actual = ASCII.string(file.bytes)
            if actual != canonical {
                let line = DatasetRules.firstDifferentLine(actual, canonical)
                report(.datasetNotCanonical, line, 1,
                       "not in canonical form (sorted entries, one line each, single spaces); run lint --fix")
            }
        }
        return diagnostics
    }

    /// Why `key` cannot be a dataset key (lower-case ASCII host names, IDNs as A-labels
    /// `xn--…`, no top-level domain alone), or nil when it can.
    public static func keyProblem(_ key: PolicyKey) -> String? {
        let name = key.domain
        if !name.utf8.allSatisfy({ $0 < 0x80 }) {
            return "not ASCII; write internationalized domains as A-labels (xn--…)"
        }
        if name.utf8.contains(where: ASCII.isUpper) { return "keys are written in lower case" }
        if let problem = HostnameSyntax.problem(in: name.utf8) { return "not a domain name (\(problem))" }
        if !name.utf8.contains(UInt8(ascii: ".")) && key.form == .domain { return "a top-level domain alone is not a mail domain" }
        return nil
    }

    static func firstDifferentLine(_ lhs: String, _ rhs: String) -> Int {
        let left = lhs.split(separator: "\n", omittingEmptySubsequences: false)
        let right = rhs.split(separator: "\n", omittingEmptySubsequences: false)
        for index in 0..<min(left.count, right.count) where left[index] != right[index] {
            return index + 1
        }
        return min(left.count, right.count)
    }
}
