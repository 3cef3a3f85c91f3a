/// Renders the dataset as the one table a mail host installs.
///
/// Output is byte-for-byte deterministic for the same files and commit: entries
/// sorted by key, no timestamps.
public struct TableRenderer: Sendable {
    /// Which variant of the table to write.
    public enum Variant: String, Sendable {
        /// Every entry as written (its PKIX or encrypt policy): safe on any host.
        case pkix
        /// Entries annotated `#@ dane` become `dane-only`: only for hosts with
        /// `smtp_dns_support_level = dnssec` and a DNSSEC-validating resolver.
        case dane
    }

    public var variant: Variant
    /// The commit the dataset was read from, named in the header.
    public var sourceCommit: String?

    public init(variant: Variant, sourceCommit: String?) {
        self.variant = variant
        self.sourceCommit = sourceCommit
    }

    /// One rendered entry.
    public struct Line: Sendable, Equatable {
        public var key: String
        public var value: String
    }

    /// The entries of the table in output order.
    public func lines(of files: [PolicyFile]) -> [Line] {
        var lines: [Line] = []
        for file in files {
            for block in file.blocks {
                guard let entry = block.record.entry else { continue }
                let dane = variant == .dane && block.annotations.known.contains(.dane)
                lines.append(Line(key: entry.key.folded, value: dane ? SecurityLevel.daneOnly.rawValue : entry.valueText))
            }
        }
        lines.sort { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
        return lines
    }

    /// The table text, with a header saying what it is and where it came from.
    public func render(_ files: [PolicyFile]) -> String {
        let lines = lines(of: files)
        var out = Array(header(entries: lines.count).utf8)
        for line in lines {
            out.append(contentsOf: line.key.utf8)
            out.append(UInt8(ascii: " "))
            out.append(contentsOf: line.value.utf8)
            out.append(UInt8(ascii: "\n"))
        }
        return ASCII.string(out)
    }

    /// The merged release and overrides as the table to deploy: the same header and the
    /// same lines as ``render(_:)`` gives for the files the entries came from, written from
    /// the merged bytes (keys folded, sorted; each value as ``TableValueText`` writes it,
    /// or `dane-only` for an entry marked `#@ dane` in the DANE variant) with no second parse.
    public func render(_ merged: MergedPolicy) -> RenderedTable {
        let table = merged.table
        let order = table.sortedRows()
        let header = Array(header(entries: order.count).utf8)
        let headerLines = header.count(where: { $0 == UInt8(ascii: "\n") })
        let daneOnly = Array(SecurityLevel.daneOnly.rawValue.utf8)
        let dane = variant == .dane
        // Lines whose value bytes the merge did not lint, one per written value (entries with
        // the same value bytes share one): the verdict on an entry depends on its value alone.
        var unchecked: [RenderedTable.Line] = []
        var uncheckedValues = Set<Range<Int>>()
        var daneOnlyWritten = false
        let bytes = table.withStorage { keys, values, rows in
            // The size first, then every line copied once into a buffer of exactly that size.
            var size = header.count
            for number in order {
                let row = rows[number]
                size += row.key.count + 1 + (dane && row.dane ? daneOnly.count : row.value.count) + 1
            }
            return [UInt8](unsafeUninitializedCapacity: size) { out, count in
                var position = 0
                func put(_ bytes: UnsafeBufferPointer<UInt8>) {
                    guard let source = bytes.baseAddress, let target = out.baseAddress else { return }
                    (target + position).initialize(from: source, count: bytes.count)
                    position += bytes.count
                }
                func put(_ byte: UInt8) {
                    out[position] = byte
                    position += 1
                }
                header.withUnsafeBufferPointer { put($0) }
                daneOnly.withUnsafeBufferPointer { daneOnly in
                    for (index, number) in order.enumerated() {
                        let row = rows[number]
                        let lineStart = position
                        put(UnsafeBufferPointer(rebasing: keys[row.key]))
                        put(UInt8(ascii: " "))
                        let isNew: Bool
                        if dane && row.dane {
                            put(daneOnly)
                            isNew = !daneOnlyWritten
                            daneOnlyWritten = true
                        } else {
                            put(UnsafeBufferPointer(rebasing: values[row.value]))
                            isNew = row.rewritten && uncheckedValues.insert(row.value).inserted
                        }
                        if isNew {
                            unchecked.append(RenderedTable.Line(number: headerLines + index + 1,
                                                                bytes: lineStart..<position))
                        }
                        put(UInt8(ascii: "\n"))
                    }
                }
                count = position
            }
        }
        return RenderedTable(bytes: bytes, entryCount: order.count, headerLines: headerLines, headerLength: header.count,
                             uncheckedLines: unchecked, lintedWith: merged.parser)
    }

    /// The comment lines at the top: what the table is, where it came from, how many entries.
    func header(entries: Int) -> String {
        var out = "# Postfix TLS policy table for smtp_tls_policy_maps, rendered by tls-policy-validator.\n"
        out += "# Source commit: \(sourceCommit ?? "none (not rendered from a git checkout)")\n"
        out += "# Variant: \(variant.rawValue)"
        out += variant == .dane
            ? " (needs smtp_dns_support_level = dnssec and a DNSSEC-validating resolver)\n"
            : " (safe without DNSSEC)\n"
        out += "# Entries: \(entries)\n"
        return out
    }
}
