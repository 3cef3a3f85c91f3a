/// Merges the release's policy files with a host's overrides and validates the result
/// against the host's Postfix, so that nothing the SMTP client would reject is deployed.
public struct PolicyMerger: Sendable {
    /// The host's Postfix version and facts (DNSSEC support, trust-anchor files).
    public let options: LintOptions

    public init(postfixVersion: PostfixVersion, host: PolicyValueParser.HostContext = .init()) {
        self.options = LintOptions(rules: .postfix, postfixVersion: postfixVersion, host: host)
    }

    /// The merged entries.
    ///
    /// - Parameters:
    ///   - shared: the release's `*.policy` files.
    ///   - overrides: the host's overrides file, if it has one.
    /// - Throws: ``MergeError/invalidOverrides(_:)`` for any error in the overrides;
    ///   ``MergeError/invalidRelease(_:)`` for release entries the host's Postfix rejects,
    ///   unless an override replaces or removes that key.
    public func merge(shared: [LintSource], overrides: LintSource?) throws(MergeError) -> MergedPolicy {
        let overrideFile = overrides.map { OverrideFile(source: $0, options: options) }
        if let overrideFile, !overrideFile.problems.isEmpty {
            throw .invalidOverrides(overrideFile.problems)
        }
        let overriddenKeys = Set((overrideFile?.definitions.map(\.entry.key.folded) ?? [])
            + (overrideFile?.removals.map(\.key.folded) ?? []))

        let parser = PolicyValueParser(version: options.postfixVersion, host: options.host)
        var releaseProblems: [MergeProblem] = []
        var byKey: [String: MergedEntry] = [:]
        for source in shared {
            let file = PolicyFile(name: source.name, bytes: source.bytes, parser: parser)
            // The release, checked with the host's Postfix rules (on the table already read).
            for diagnostic in Linter.postfixDiagnostics(of: file.table, raisingWarnings: false)
            where diagnostic.severity == .error {
                // An override that replaces or removes a broken entry is the host's fix for it.
                if let key = diagnostic.key, overriddenKeys.contains(PolicyKey(text: key).folded) { continue }
                releaseProblems.append(MergeProblem(file: diagnostic.file, line: diagnostic.line,
                                                    kind: .invalidEntry(message: diagnostic.message, rule: diagnostic.rule.rawValue)))
            }
            for block in file.blocks {
                guard let entry = block.record.entry else { continue }
                let key = entry.key.folded
                if let first = byKey[key], case .shared(let firstFile, let firstLine) = first.origin {
                    releaseProblems.append(MergeProblem(
                        file: source.name, line: block.record.lineNumber,
                        kind: .duplicateSharedKey(key: key, firstFile: firstFile, firstLine: firstLine)))
                    continue
                }
                byKey[key] = MergedEntry(entry: entry, annotations: block.annotations.known,
                                         origin: .shared(file: source.name, line: block.record.lineNumber))
            }
        }
        if !releaseProblems.isEmpty {
            throw .invalidRelease(releaseProblems.sorted { ($0.file, $0.line) < ($1.file, $1.line) })
        }

        var warnings: [MergeWarning] = overrideFile?.warnings ?? []
        var added: [String] = []
        var replaced: [String] = []
        var removed: [String] = []
        if let overrideFile {
            for removal in overrideFile.removals {
                let key = removal.key.folded
                guard let old = byKey.removeValue(forKey: key) else {
                    warnings.append(MergeWarning(file: overrideFile.name, line: removal.line, key: key, kind: .removesNothing))
                    continue
                }
                removed.append(key)
                warnings.append(MergeWarning(file: overrideFile.name, line: removal.line, key: key,
                                             kind: .removed(shared: old.entry.level)))
            }
            for definition in overrideFile.definitions {
                let key = definition.entry.key.folded
                let old = byKey[key]
                if let old {
                    replaced.append(key)
                    for kind in PolicyMerger.weakenings(from: old, to: definition) {
                        warnings.append(MergeWarning(file: overrideFile.name, line: definition.line, key: key, kind: kind))
                    }
                } else {
                    added.append(key)
                }
                byKey[key] = MergedEntry(entry: definition.entry, annotations: definition.annotations,
                                         origin: .override(file: overrideFile.name, line: definition.line, replacing: old != nil))
            }
        }

        let entries = byKey.values.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
        return MergedPolicy(entries: entries, warnings: warnings.sorted { ($0.line, $0.key) < ($1.line, $1.key) },
                            added: added.sorted(), replaced: replaced.sorted(), removed: removed.sorted(), parser: parser)
    }

    /// How replacing `shared` with `override` lowers the protection of its destination.
    static func weakenings(from shared: MergedEntry, to override: OverrideFile.Definition) -> [MergeWarning.Kind] {
        let old = shared.entry.level
        let new = override.entry.level
        var kinds: [MergeWarning.Kind] = []
        if old == .daneOnly && new != .daneOnly {
            // dane-only sorts below verify/secure, yet trading DANE for PKIX is still a change
            // of trust model the host should see.
            kinds.append(.daneOnlyDropped(override: new))
        } else if new < old {
            kinds.append(.lowerLevel(shared: old, override: new))
        }
        if shared.annotations.contains(.dane), new != .daneOnly, !override.annotations.contains(.dane) {
            kinds.append(.daneMarkDropped)
        }
        return kinds
    }
}
