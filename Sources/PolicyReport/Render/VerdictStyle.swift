import PolicyProbe

/// How each verdict is labelled and coloured, the same in Markdown and HTML, and in
/// the probe's own Markdown output.
public enum VerdictStyle {
    /// Verdicts in the order the report lists them: what needs attention first.
    static let order: [EntryVerdict] = [.fail, .stronger, .unreachable, .pass, .unprobeable]

    /// The verdicts the summary bar shows as segments.
    static let barOrder: [EntryVerdict] = [.fail, .stronger, .unreachable, .pass]

    /// The verdict's symbol in Markdown and HTML.
    public static func icon(_ verdict: EntryVerdict) -> String {
        switch verdict {
        case .pass: "✅"
        case .fail: "❌"
        case .stronger: "⬆️"
        case .unreachable: "❔"
        case .unprobeable: "➖"
        }
    }

    /// Background colour; each passes WCAG AA contrast against white text.
    static func colour(_ verdict: EntryVerdict) -> String {
        switch verdict {
        case .pass: "#2e7d32"
        case .fail: "#c62828"
        case .stronger: "#1565c0"
        case .unreachable: "#616161"
        case .unprobeable: "#6d4c41"
        }
    }
}
