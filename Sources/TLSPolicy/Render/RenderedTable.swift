/// The table to deploy, as bytes, with what its validation still has to check.
///
/// Why validation need not lint every line again: the merge linted every byte of the
/// release and of the overrides with the host's Postfix rules, as postmap and the SMTP
/// client read them, and refused any error. Each entry line of this table is then
///
/// - a key postmap stored from those bytes, folded to lower case (which cannot change
///   where postmap splits a line, and the verdict on an entry does not depend on its key),
///   a space, and
/// - either the value bytes that were linted, or bytes the renderer wrote itself: a
///   canonical rewrite of a value (``TableValueText``), or `dane-only` for an entry marked
///   `#@ dane` in the DANE variant.
///
/// Keys are unique (the merge keeps one row per folded key). So the verdict on every line
/// is known except on the lines whose bytes were written rather than copied, and on the
/// header: those, one line per written value, are ``uncheckedLines``, and
/// ``validate(options:name:)`` lints them (and the header) with the real linter. For a
/// release in the dataset's canonical form that is the header and, in the DANE variant,
/// one `dane-only` line: linting the hundred thousand other lines again would only repeat
/// what the merge found, at the cost of a second parse.
///
/// A test lints whole rendered tables to prove the argument (`RenderedTableTests`).
public struct RenderedTable: Sendable {
    /// One line of the table: its 1-based number and its bytes (newline excluded).
    struct Line: Sendable, Equatable {
        var number: Int
        var bytes: Range<Int>
    }

    /// The table, header included.
    public let bytes: [UInt8]
    public let entryCount: Int
    /// How many comment lines the header has (the table's first lines), and their bytes
    /// (newlines included).
    let headerLines: Int
    let headerLength: Int
    /// Entry lines with bytes the merge did not lint, one per written value.
    let uncheckedLines: [Line]
    /// The grammar the merge linted the entries with.
    let lintedWith: PolicyValueParser

    /// How many lines validation lints: the header's and the unchecked entry lines.
    public var checkedLineCount: Int { headerLines + uncheckedLines.count }

    /// What the host's Postfix says of this table, positioned in it (file `name`), as
    /// ``Linter`` would report it for the whole table.
    ///
    /// Lints the header and the lines whose bytes the merge did not lint. When `options`
    /// are not those the merge linted with (another Postfix version or DNSSEC support, or
    /// trust-anchor files to check), nothing the merge found holds for them, and the whole
    /// table is linted.
    public func validate(options: LintOptions, name: String) -> [Diagnostic] {
        let linter = Linter(options: options)
        let sameRules = options.postfixVersion == lintedWith.version && options.host.dnssec == lintedWith.host.dnssec
            && options.host.trustAnchorFileProblem == nil
        guard sameRules else {
            return linter.lint([LintSource(name: name, bytes: bytes)]).diagnostics
        }
        // The small table to lint, and for each of its lines the line of this table.
        var text = Array(bytes[..<headerLength])
        var lines = (0..<headerLines).map { $0 + 1 }
        for line in uncheckedLines {
            text.append(contentsOf: bytes[line.bytes])
            text.append(UInt8(ascii: "\n"))
            lines.append(line.number)
        }
        return linter.lint([LintSource(name: name, bytes: text)]).diagnostics.map { diagnostic in
            var diagnostic = diagnostic
            if diagnostic.line >= 1 && diagnostic.line <= lines.count {
                diagnostic.line = lines[diagnostic.line - 1]
            }
            return diagnostic
        }
    }
}
