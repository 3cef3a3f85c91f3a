import Foundation

/// Reads the csware/postfix-tls-policy list: `tls_policy` (a Postfix table with the
/// generator's findings as a comment above each entry) and, optionally, its
/// `tls_policy-dane` variant, which has the same keys but `dane-only` for the
/// domains whose MX hosts publish DNSSEC-validated TLSA records.
///
/// The dataset keeps the PKIX line from `tls_policy` and marks an entry `#@ dane`
/// when the variant says `dane-only` (DESIGN.md, "DANE"). A `fingerprint` pin is
/// host-specific and breaks on every renewal, so the dataset cannot hold it; but
/// dropping it would take away the STARTTLS enforcement the list gave the domain, so it
/// is imported as `encrypt` (see ``FingerprintConversion``), noted in the report. What
/// the dataset's rules refuse otherwise (`tafile`, levels below `encrypt`, routing keys,
/// entries the oldest supported Postfix rejects) is dropped, each with its reason.
public struct CswareImporter: Sendable {
    /// The list's name in evidence headers.
    public static let listName = "csware/postfix-tls-policy"
    /// The list's license, as its repository states it.
    public static let license = "CC0 1.0"

    /// Entries must be valid on this Postfix (the dataset's declared minimum).
    public let minimumPostfixVersion: PostfixVersion

    /// An importer whose kept entries are valid on `minimumPostfixVersion` (the dataset's `dataset.cf`).
    public init(minimumPostfixVersion: PostfixVersion) {
        self.minimumPostfixVersion = minimumPostfixVersion
    }

    /// Imports `policy` (the `tls_policy` table) and, when given, takes the DANE marks
    /// from `daneVariant` (the `tls_policy-dane` table).
    public func importTables(policy: ImportSource, daneVariant: ImportSource? = nil) throws(ImportError) -> ImportReport {
        let filter = ImportEntryFilter(minimumPostfixVersion: minimumPostfixVersion)
        let file = PolicyFile(name: policy.name, bytes: policy.bytes, parser: filter.parser)
        guard !file.table.records.isEmpty || !file.table.dropped.isEmpty else {
            throw .noEntries(file: policy.name, expected: "a csware tls_policy Postfix table")
        }
        var notes: [ImportReport.Note] = []
        let generated = CswareImporter.generatedDate(in: file.headerLines)
        var dane: Variant? = nil
        if let daneVariant {
            dane = try readVariant(daneVariant, against: file.table, notes: &notes)
        }

        var kept: [ImportedEntry] = []
        var dropped: [ImportReport.Dropped] = []
        let lines = policy.bytes.split(separator: 0x0A, omittingEmptySubsequences: false)
        for line in file.table.dropped {
            let origin = ImportLocation(file: policy.name, line: line.line)
            let reason: ImportDropReason
            if line.rule == .tableDuplicateKey, let key = line.key,
               let first = file.table.records.first(where: { $0.key.folded == PolicyKey(text: key).folded }) {
                reason = .duplicateKey(first: ImportLocation(file: policy.name, line: first.lineNumber))
            } else {
                reason = .notStoredByPostmap(line.message)
            }
            // postmap records no key for a line it cannot split; name the first word for the reader.
            let key = line.key ?? (line.line <= lines.count ? CswareImporter.firstWord(of: lines[line.line - 1]) : nil)
            dropped.append(ImportReport.Dropped(
                key: key, origin: origin, reason: reason,
                daneOnlyInVariant: key.map { dane?.daneOnly[PolicyKey(text: $0).folded] != nil } ?? false))
        }

        for block in file.blocks {
            let record = block.record
            let origin = ImportLocation(file: policy.name, line: record.lineNumber)
            let isDaneOnly = dane?.daneOnly[record.key.folded] != nil
            func drop(_ reason: ImportDropReason) {
                dropped.append(ImportReport.Dropped(key: record.key.text, origin: origin, reason: reason,
                                                    daneOnlyInVariant: isDaneOnly))
            }
            let key: PolicyKey
            switch filter.check(key: record.key) {
            case .failure(let reason):
                drop(reason)
                continue
            case .success(let folded):
                key = folded
            }
            var converted: FingerprintConversion? = nil
            if record.parse.level == .fingerprint, record.parse.error == nil, let pinned = record.entry {
                converted = FingerprintConversion(pinned: pinned)
            }
            if let converted {
                if let reason = filter.check(entry: converted.entry) {
                    drop(reason)
                    continue
                }
            } else if let reason = filter.check(value: record.parse) {
                drop(reason)
                continue
            }
            guard let entry = converted?.entry ?? record.entry else {
                drop(.rejectedByPostfix(version: minimumPostfixVersion, message: "the entry does not parse"))
                continue
            }
            if key.text != record.key.text {
                notes.append(ImportReport.Note(origin: origin, key: record.key.text,
                                               message: "key lower-cased to \(key.text)"))
            }
            var comments = CswareImporter.evidenceComments(block.comments)
            if let converted {
                notes.append(ImportReport.Note(origin: origin, key: record.key.text, message: converted.note))
                comments.append(converted.evidenceComment)
            }
            kept.append(ImportedEntry(
                entry: PolicyEntry(key: key, level: entry.level, attributes: entry.attributes),
                comments: comments,
                dane: isDaneOnly,
                origin: origin))
        }
        dropped.sort { ($0.origin.line ?? 0) < ($1.origin.line ?? 0) }

        var evidence = "\(CswareImporter.listName) tls_policy"
        if daneVariant != nil { evidence += " and tls_policy-dane" }
        evidence += ", generated \(generated ?? "(date not stated in the file)") (\(CswareImporter.license))"
        if let variantDate = dane?.generated, let generated, variantDate != generated {
            notes.append(ImportReport.Note(
                origin: ImportLocation(file: daneVariant?.name ?? "", line: 1), key: nil,
                message: "the -dane variant was generated \(variantDate), tls_policy \(generated)"))
        }
        return ImportReport(format: .csware, listName: CswareImporter.listName, evidence: evidence, kept: kept, dropped: dropped, notes: notes)
    }

    /// What the `-dane` variant says: which keys are `dane-only`, and when it was generated.
    private struct Variant {
        var daneOnly: [String: Int]
        var generated: String?
    }

    /// Reads the variant's `dane-only` keys and notes where it disagrees with `tls_policy`
    /// other than by `dane-only` (the PKIX line always comes from `tls_policy`).
    private func readVariant(_ source: ImportSource, against policy: PolicyTable,
                             notes: inout [ImportReport.Note]) throws(ImportError) -> Variant {
        // Read with DNSSEC on: there dane-only is a valid level, so its lines parse.
        let parser = PolicyValueParser(version: minimumPostfixVersion, host: .init(dnssec: true))
        let file = PolicyFile(name: source.name, bytes: source.bytes, parser: parser)
        let table = file.table
        guard !table.records.isEmpty else {
            throw .noEntries(file: source.name, expected: "a csware tls_policy-dane Postfix table")
        }
        var primary: [String: PolicyTable.Record] = [:]
        for record in policy.records { primary[record.key.folded] = record }

        var daneOnly: [String: Int] = [:]
        var seen = Set<String>()
        for record in table.records {
            let key = record.key.folded
            seen.insert(key)
            let origin = ImportLocation(file: source.name, line: record.lineNumber)
            guard let pkix = primary[key] else {
                notes.append(ImportReport.Note(
                    origin: origin, key: record.key.text,
                    message: "only in the -dane variant; without a tls_policy line there is nothing to import or mark"))
                continue
            }
            if record.parse.level == .daneOnly {
                daneOnly[key] = record.lineNumber
            } else if CswareImporter.valueText(record) != CswareImporter.valueText(pkix) {
                notes.append(ImportReport.Note(
                    origin: origin, key: record.key.text,
                    message: "the -dane variant says '\(CswareImporter.valueText(record))', tls_policy says "
                        + "'\(CswareImporter.valueText(pkix))'; the tls_policy line is the one imported"))
            }
        }
        for record in policy.records where !seen.contains(record.key.folded) {
            notes.append(ImportReport.Note(
                origin: ImportLocation(file: policy.file, line: record.lineNumber), key: record.key.text,
                message: "not in the -dane variant; imported without a DANE mark"))
        }
        return Variant(daneOnly: daneOnly, generated: CswareImporter.generatedDate(in: file.headerLines))
    }

    /// A record's value as the parser understood it, for comparing the two variants.
    private static func valueText(_ record: PolicyTable.Record) -> String {
        ([record.parse.level?.rawValue ?? "?"] + record.parse.attributes.map(\.attribute.tableText))
            .joined(separator: " ")
    }

    /// The generator's comment lines above an entry, kept as evidence ("Matched cert
    /// names for nexthop, dot-nexthop", its warnings about MX hosts it ignored). Their
    /// text is re-prefixed with `# ` when written, so a line of the list can never turn
    /// into a `#@` annotation of the dataset.
    static func evidenceComments(_ comments: [String]) -> [String] {
        comments.compactMap { line in
            let text = line.drop(while: { $0 == "#" || $0 == " " || $0 == "\t" })
                .trimmingCharacters(in: .whitespaces)
            return text.isEmpty ? nil : text
        }
    }

    /// `2024-05-24` from the generator's `# Generated at 2024-05-24 20:50:45 by …` line.
    static func generatedDate(in headerLines: [String]) -> String? {
        let marker = "Generated at "
        for line in headerLines {
            guard let range = line.range(of: marker) else { continue }
            let date = line[range.upperBound...].prefix(10)
            let shape = date.utf8.enumerated().allSatisfy { index, byte in
                index == 4 || index == 7 ? byte == UInt8(ascii: "-") : ASCII.isDigit(byte)
            }
            if date.count == 10 && shape { return String(date) }
        }
        return nil
    }

    /// The first whitespace-separated word of a physical line (the key postmap would have read).
    static func firstWord(of line: ArraySlice<UInt8>) -> String? {
        let word = line.drop(while: ASCII.isSpace).prefix(while: { !ASCII.isSpace($0) })
        return word.isEmpty ? nil : ASCII.string(word)
    }
}
