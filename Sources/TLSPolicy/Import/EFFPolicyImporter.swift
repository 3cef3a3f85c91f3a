import Foundation

/// Reads the EFF STARTTLS Everywhere `policy.json` list.
///
/// - `policy-alias` references are resolved against `policy-aliases`;
/// - `mode: enforce` becomes `secure match=<mxs>`; `mode: testing` entries are not
///   enforced by the list itself and are dropped with that reason;
/// - an `mxs` pattern with a leading dot matches exactly one label in EFF's format
///   (`.mail.example.com` = `*.mail.example.com`), while Postfix's `.mail.example.com`
///   matches sub-domains at any depth. Postfix cannot express "one label", so the
///   pattern is written in Postfix's `.suffix` form, the closest it has; every such
///   widening is said in the entry's comment and in the report's notes. Exact names
///   stay exact.
public struct EFFPolicyImporter: Sendable {
    /// The list's name in evidence headers.
    public static let listName = "EFF STARTTLS Everywhere policy.json"
    /// The list's license, as its repository states it.
    public static let license = "Apache 2.0"

    /// Entries must be valid on this Postfix (the dataset's declared minimum).
    public let minimumPostfixVersion: PostfixVersion

    /// An importer whose kept entries are valid on `minimumPostfixVersion` (the dataset's `dataset.cf`).
    public init(minimumPostfixVersion: PostfixVersion) {
        self.minimumPostfixVersion = minimumPostfixVersion
    }

    /// Imports one `policy.json`.
    public func importPolicyList(_ source: ImportSource) throws(ImportError) -> ImportReport {
        let document: Any
        do {
            document = try JSONSerialization.jsonObject(with: Data(source.bytes))
        } catch {
            throw .invalidJSON(file: source.name, reason: error.localizedDescription)
        }
        guard let top = document as? [String: Any] else {
            throw .unexpectedJSON(file: source.name, reason: "the top level is not an object")
        }
        guard let policies = top["policies"] as? [String: Any] else {
            throw .unexpectedJSON(file: source.name, reason: "no \"policies\" object")
        }
        let aliases: [String: Any]
        switch top["policy-aliases"] {
        case nil: aliases = [:]
        case let object as [String: Any]: aliases = object
        default: throw .unexpectedJSON(file: source.name, reason: "\"policy-aliases\" is not an object")
        }

        let filter = ImportEntryFilter(minimumPostfixVersion: minimumPostfixVersion)
        let lines = JSONMemberLines.lines(ofMembersOf: "policies", in: source.bytes)
        // Input order where it is known, so the report reads like the file; the key breaks ties.
        let keys = policies.keys.sorted {
            let left = lines[$0] ?? Int.max
            let right = lines[$1] ?? Int.max
            return left != right ? left < right : $0.utf8.lexicographicallyPrecedes($1.utf8)
        }

        var kept: [ImportedEntry] = []
        var dropped: [ImportReport.Dropped] = []
        var notes: [ImportReport.Note] = []
        var firstSeen: [String: ImportLocation] = [:]
        for name in keys {
            let origin = ImportLocation(file: source.name, line: lines[name])
            func drop(_ reason: ImportDropReason) {
                dropped.append(ImportReport.Dropped(key: name, origin: origin, reason: reason))
            }
            let key: PolicyKey
            switch filter.check(key: PolicyKey(text: name)) {
            case .failure(let reason):
                drop(reason)
                continue
            case .success(let folded):
                key = folded
            }
            if let first = firstSeen[key.text] {
                drop(.duplicateKey(first: first))
                continue
            }
            firstSeen[key.text] = origin

            let policy: [String: Any]
            var alias: String? = nil
            switch resolve(policies[name], aliases: aliases) {
            case .failure(let reason):
                drop(reason)
                continue
            case .success(let resolved):
                policy = resolved.policy
                alias = resolved.alias
            }
            guard let mode = policy["mode"] as? String else {
                drop(.malformedPolicy("no \"mode\" string"))
                continue
            }
            switch mode {
            case "enforce": break
            case "testing":
                drop(.testingMode)
                continue
            default:
                drop(.unknownMode(mode))
                continue
            }
            guard let mxs = policy["mxs"] as? [String] else {
                drop(.malformedPolicy("\"mxs\" is not a list of strings"))
                continue
            }
            let converted: Conversion
            switch EFFPolicyImporter.convert(mxs) {
            case .failure(let reason):
                drop(reason)
                continue
            case .success(let conversion):
                converted = conversion
            }
            let entry = PolicyEntry(key: key, level: .secure,
                                    attributes: [PolicyAttribute(.match, converted.patterns.joined(separator: ":"))])
            if let reason = filter.check(entry: entry) {
                drop(reason)
                continue
            }

            var comments = ["EFF STARTTLS Everywhere: mode enforce" + (alias.map { " (policy-alias \($0))" } ?? "")]
            if !converted.widened.isEmpty {
                let list = converted.widened.joined(separator: ", ")
                let widening = "EFF mxs \(list): one label below the suffix in EFF's list; "
                    + "Postfix's .suffix form matches any depth (the closest it can express)"
                comments.append(widening)
                notes.append(ImportReport.Note(origin: origin, key: name, message: widening))
            }
            if name != key.text {
                notes.append(ImportReport.Note(origin: origin, key: name, message: "key lower-cased to \(key.text)"))
            }
            kept.append(ImportedEntry(entry: entry, comments: comments, dane: false, origin: origin))
        }

        let timestamp = (top["timestamp"] as? String).flatMap(EFFPolicyImporter.date(of:))
        var evidence = EFFPolicyImporter.listName
        if let version = top["version"] as? String { evidence += ", version \(version)" }
        evidence += ", timestamp \(timestamp ?? "(not stated)") (\(EFFPolicyImporter.license))"
        var headerNotes: [String] = []
        if let expires = top["expires"] as? String {
            let day = EFFPolicyImporter.date(of: expires) ?? expires
            headerNotes.append("The list states it expires \(day): re-probe these entries before relying on them.")
            notes.append(ImportReport.Note(origin: ImportLocation(file: source.name, line: nil), key: nil,
                                           message: "the list states it expires \(expires)"))
        }
        return ImportReport(format: .eff, listName: EFFPolicyImporter.listName, evidence: evidence, headerNotes: headerNotes, kept: kept,
                            dropped: dropped, notes: notes)
    }

    /// A policy with its alias resolved: the alias's own `mode` and `mxs` replace the entry's.
    private func resolve(_ value: Any?, aliases: [String: Any])
        -> Result<(policy: [String: Any], alias: String?), ImportDropReason>
    {
        guard let policy = value as? [String: Any] else { return .failure(.malformedPolicy("not an object")) }
        guard let reference = policy["policy-alias"] else { return .success((policy, nil)) }
        guard let alias = reference as? String else { return .failure(.malformedPolicy("\"policy-alias\" is not a string")) }
        guard let resolved = aliases[alias] as? [String: Any] else { return .failure(.unknownAlias(alias)) }
        return .success((resolved, alias))
    }

    /// `mxs` as Postfix `match=` patterns, and the one-label patterns that were widened.
    struct Conversion: Equatable {
        var patterns: [String]
        var widened: [String]
    }

    /// Converts EFF `mxs` to Postfix `match=` patterns: lower case, duplicates removed,
    /// order kept. A pattern that is not a host name is refused: a `:` would split it,
    /// a separator would break the value, and dropping only that pattern would leave a
    /// list narrower than the domain's MX hosts, which defers mail.
    static func convert(_ mxs: [String]) -> Result<Conversion, ImportDropReason> {
        var patterns: [String] = []
        var widened: [String] = []
        for mx in mxs {
            let pattern = mx.lowercased()
            let isSuffix = pattern.hasPrefix(".")
            let name = isSuffix ? String(pattern.dropFirst()) : pattern
            guard HostnameSyntax.problem(in: name.utf8) == nil else { return .failure(.invalidMXPattern(mx)) }
            guard !patterns.contains(pattern) else { continue }
            patterns.append(pattern)
            if isSuffix { widened.append(pattern) }
        }
        return patterns.isEmpty ? .failure(.noMXPatterns) : .success(Conversion(patterns: patterns, widened: widened))
    }

    /// `2020-05-20` from an ISO 8601 timestamp such as `2020-05-20T10:25:12.710034-07:00`.
    static func date(of timestamp: String) -> String? {
        let day = timestamp.prefix(10)
        let shape = day.utf8.enumerated().allSatisfy { index, byte in
            index == 4 || index == 7 ? byte == UInt8(ascii: "-") : ASCII.isDigit(byte)
        }
        return day.count == 10 && shape ? String(day) : nil
    }
}
