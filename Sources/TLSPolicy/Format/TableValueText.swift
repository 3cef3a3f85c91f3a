/// The bytes a rendered or formatted table writes for a stored entry's value.
///
/// Normally its canonical form (``PolicyEntry/valueText``: the level, then each attribute
/// as `name=value`, names in lower case, single spaces), which reads exactly as the value
/// did: keys and names are case-insensitive and separators interchangeable, and an
/// attribute value without a brace or a separator is one token either way, checked by the
/// same rules in the same order.
///
/// A value with a brace or a separator (possible only in a Postfix 3.10 brace group, or
/// a brace that older versions read as an ordinary byte) can read differently once
/// rewritten (from 3.10 an unbalanced `{` swallows what follows it). Such a value is read
/// again in its canonical form, and if that does not give the same level and attributes,
/// the value is written as it was written (continuation lines joined), which by
/// definition reads as it did.
enum TableValueText {
    /// Appends the value of a stored entry that `parser` read as `parse` without an error;
    /// `written` is the value as postmap stores it (``PolicyTable/Record/valueBytes``).
    ///
    /// - Returns: whether the appended bytes differ from `written` (a canonical rewrite),
    ///   so that a caller that has checked `written` knows which bytes it has not checked.
    @discardableResult
    static func append(_ parse: PolicyValueParser.Result, written: ArraySlice<UInt8>, parser: PolicyValueParser,
                       to out: inout [UInt8]) -> Bool {
        guard let level = parse.level else {
            out.append(contentsOf: written)
            return false
        }
        let start = out.count
        let mayReadDifferently = PolicyEntry.appendValueText(
            level: level, attributes: parse.attributes.lazy.map(\.attribute), to: &out)
        if mayReadDifferently {
            let reread = parser.parse(out[start...])
            let same = reread.error == nil && reread.level == level
                && reread.attributes.map(\.attribute) == parse.attributes.map(\.attribute)
            if !same {
                out.removeSubrange(start...)
                out.append(contentsOf: written)
                return false
            }
        }
        return out[start...] != written
    }
}
