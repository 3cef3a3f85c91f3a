/// Merges the release's policy files with a host's overrides and validates the result
/// against the host's Postfix, so that nothing the SMTP client would reject is deployed.
///
/// The release is read in one streaming pass per file that lints each line with the
/// host's Postfix rules and keeps each valid entry's key and value as bytes
/// (``MergedTable``); nothing of the release is parsed twice, and rendering only
/// concatenates.
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
    ///   unless an override replaces or removes that key, and for a key defined in two files.
    public func merge(shared: [LintSource], overrides: LintSource?) throws(MergeError) -> MergedPolicy {
        let overrideFile = overrides.map { OverrideFile(source: $0, options: options) }
        if let overrideFile, !overrideFile.problems.isEmpty {
            throw .invalidOverrides(overrideFile.problems)
        }
        let overriddenKeys = Set((overrideFile?.definitions.map(\.entry.key.folded) ?? [])
            + (overrideFile?.removals.map(\.key.folded) ?? []))

        let parser = PolicyValueParser(version: options.postfixVersion, host: options.host)
        var table = MergedTable(parser: parser, expectedBytes: shared.reduce(0) { $0 + $1.bytes.count })
        var releaseProblems: [MergeProblem] = []
        for source in shared {
            releaseProblems += table.addRelease(source, excused: overriddenKeys)
        }
        releaseProblems += table.finishRelease()
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
                guard let number = table.row(forKey: Array(removal.key.text.utf8)[...]) else {
                    warnings.append(MergeWarning(file: overrideFile.name, line: removal.line, key: key, kind: .removesNothing))
                    continue
                }
                removed.append(key)
                warnings.append(MergeWarning(file: overrideFile.name, line: removal.line, key: key,
                                             kind: .removed(shared: table.rows[number].level)))
                table.remove(number)
            }
            for definition in overrideFile.definitions {
                let key = definition.entry.key.folded
                let keyBytes = Array(definition.entry.key.text.utf8)[...]
                let dane = definition.annotations.contains(.dane)
                if let old = table.row(forKey: keyBytes) {
                    replaced.append(key)
                    let shared = table.rows[old]
                    for kind in PolicyMerger.weakenings(from: shared.level, dane: shared.dane, to: definition) {
                        warnings.append(MergeWarning(file: overrideFile.name, line: definition.line, key: key, kind: kind))
                    }
                    table.replace(old, value: definition.value, level: definition.entry.level, dane: dane,
                                  rewritten: definition.rewritten, line: definition.line)
                } else {
                    added.append(key)
                    table.add(key: keyBytes, value: definition.value, level: definition.entry.level, dane: dane,
                              rewritten: definition.rewritten, line: definition.line)
                }
            }
        }

        return MergedPolicy(table: table, overridesName: overrideFile?.name,
                            warnings: warnings.sorted { ($0.line, $0.key) < ($1.line, $1.key) },
                            added: added.sorted(), replaced: replaced.sorted(), removed: removed.sorted(), parser: parser)
    }

    /// How replacing a release entry (its level, and whether it is marked `#@ dane`) with
    /// `override` lowers the protection of its destination.
    static func weakenings(from old: SecurityLevel, dane: Bool, to override: OverrideFile.Definition)
        -> [MergeWarning.Kind]
    {
        let new = override.entry.level
        var kinds: [MergeWarning.Kind] = []
        if old == .daneOnly && new != .daneOnly {
            // dane-only sorts below verify/secure, yet trading DANE for PKIX is still a change
            // of trust model the host should see.
            kinds.append(.daneOnlyDropped(override: new))
        } else if new < old {
            kinds.append(.lowerLevel(shared: old, override: new))
        }
        if dane, new != .daneOnly, !override.annotations.contains(.dane) {
            kinds.append(.daneMarkDropped)
        }
        return kinds
    }
}
