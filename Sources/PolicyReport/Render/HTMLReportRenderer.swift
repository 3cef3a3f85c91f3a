import PolicyProbe

/// The merged report as one self-contained HTML page: inline CSS, no scripts, no external
/// assets, so it opens from an artifact or a mail attachment as it is.
///
/// A summary bar with a segment per verdict, proportional to its count, comes first; then
/// failing entries (Postfix's reason per MX host, the suggested line), stronger lines,
/// per-provider status, unreachable entries, and every entry with its last-verified time.
/// Every string from the results is escaped: keys, reasons and certificate names are
/// chosen by the servers probed.
public struct HTMLReportRenderer: Sendable {
    /// The page's title and heading.
    public var title: String

    /// A renderer with the given title.
    public init(title: String = "TLS policy report") {
        self.title = title
    }

    /// Renders `report`.
    public func render(_ report: MergedReport) -> String {
        var html = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(e(title))</title>
            <style>\(Self.css)</style>
            </head>
            <body>
            <h1>\(e(title))</h1>

            """
        html += sources(report)
        html += summary(report)
        html += failing(report.entries(.fail))
        html += stronger(report.entries(.stronger))
        html += providers(report.providers)
        html += unreachable(report.entries(.unreachable))
        html += all(report.entries)
        html += "</body>\n</html>\n"
        return html
    }

    private func e(_ text: String) -> String { HTMLText.escape(text) }

    private func badge(_ verdict: EntryVerdict) -> String {
        "<span class=\"badge \(verdict.rawValue)\">\(verdict.rawValue)</span>"
    }

    private func sources(_ report: MergedReport) -> String {
        var html = "<details class=\"sources\"><summary>Merged from \(report.sources.count) probe results file\(report.sources.count == 1 ? "" : "s"); the newest result per entry is shown</summary>\n"
        html += "<table><thead><tr><th>file</th><th>run</th><th class=\"n\">entries</th><th class=\"n\">newest results used</th></tr></thead><tbody>\n"
        for source in report.sources {
            let cut = source.deadlineReached ? " <em>(cut short by the deadline)</em>" : ""
            html += "<tr><td><code>\(e(source.name))</code>\(cut)</td><td>\(ReportTime.text(source.runTime))</td><td class=\"n\">\(source.entries)</td><td class=\"n\">\(source.newest)</td></tr>\n"
        }
        return html + "</tbody></table></details>\n"
    }

    private func summary(_ report: MergedReport) -> String {
        let counts = report.counts
        let shown = VerdictStyle.barOrder.map { ($0, counts[$0, default: 0]) }.filter { $0.1 > 0 }
        let total = shown.reduce(0) { $0 + $1.1 }
        var html = "<section class=\"summary\">\n<p class=\"total\"><strong>\(report.entries.count)</strong> entries</p>\n"
        html += "<div class=\"bar\" role=\"img\" aria-label=\"" + shown.map { "\($0.1) \($0.0.rawValue)" }.joined(separator: ", ") + "\">\n"
        for (verdict, count) in shown {
            // Integer per-mille widths keep the page byte-for-byte stable.
            let width = Double(count * 1000 / max(total, 1)) / 10
            html += "<div class=\"seg \(verdict.rawValue)\" style=\"width: \(width)%\" title=\"\(count) \(verdict.rawValue)\"><span>\(count)</span></div>\n"
        }
        html += "</div>\n<ul class=\"legend\">\n"
        for verdict in VerdictStyle.order {
            html += "<li><span class=\"swatch \(verdict.rawValue)\"></span><span class=\"count\">\(counts[verdict, default: 0])</span> \(verdict.rawValue)</li>\n"
        }
        return html + "</ul>\n</section>\n"
    }

    private func card(_ entry: ReportEntry, body: String) -> String {
        let result = entry.result
        var html = "<article class=\"card \(result.verdict.rawValue)\">\n"
        html += "<h3>\(badge(result.verdict)) <code>\(e(result.key))</code> <span class=\"where\">\(e(result.file)):\(result.line)</span></h3>\n"
        html += "<p class=\"meta\">current line <code>\(e(result.entry))</code> · probed \(ReportTime.text(entry.probed)) · last verified <strong>\(ReportTime.verified(entry.lastVerified))</strong></p>\n"
        html += "<p>\(e(result.summary))</p>\n"
        return html + body + suggestion(entry) + "</article>\n"
    }

    private func suggestion(_ entry: ReportEntry) -> String {
        guard let suggestion = entry.result.suggestion else {
            return "<p class=\"nofix\">No TLS line would deliver to every MX host: remove the entry or ask the provider.</p>\n"
        }
        let checked = suggestion.verified ? "verified by a probe at exactly these settings" : "not verified by a probe"
        let text = (suggestion.annotations + [suggestion.line]).map(e).joined(separator: "\n")
        return "<p class=\"why\">Suggested line (\(checked)): \(e(suggestion.why))</p>\n<pre class=\"suggested\">\(text)</pre>\n"
    }

    private func failing(_ entries: [ReportEntry]) -> String {
        var html = "<h2>Failing entries (\(entries.count))</h2>\n"
        guard !entries.isEmpty else { return html + "<p>No entry would make Postfix defer mail.</p>\n" }
        for entry in entries {
            var body = ""
            if let problem = entry.result.dnsProblem { body += "<p>DNS: \(e(problem))</p>\n" }
            if !entry.result.failures.isEmpty {
                body += "<table class=\"failures\"><thead><tr><th>MX host</th><th>address</th><th>Postfix would log</th><th>RFC 8460 result type</th></tr></thead><tbody>\n"
                for failure in entry.result.failures {
                    body += "<tr><td>\(e(failure.mxHost))</td><td>\(failure.address.map(e) ?? "<em>no connection</em>")</td><td class=\"reason\">\(e(failure.reason))</td><td><code>\(e(failure.resultType))</code></td></tr>\n"
                }
                body += "</tbody></table>\n"
            }
            let disagreements = entry.result.mtaSTS?.disagreements ?? []
            if !disagreements.isEmpty {
                body += "<ul class=\"mtasts\">" + disagreements.map { "<li>MTA-STS: \(e($0))</li>" }.joined() + "</ul>\n"
            }
            html += card(entry, body: body)
        }
        return html
    }

    private func stronger(_ entries: [ReportEntry]) -> String {
        guard !entries.isEmpty else { return "" }
        return "<h2>Stronger lines possible (\(entries.count))</h2>\n" + entries.map { card($0, body: "") }.joined()
    }

    private func providers(_ providers: [ProviderStatus]) -> String {
        var html = "<h2>Providers (\(providers.count))</h2>\n<table class=\"providers\"><thead><tr><th>provider</th><th>status</th><th class=\"n\">entries</th>"
        html += VerdictStyle.order.map { "<th class=\"n\">\($0.rawValue)</th>" }.joined()
        html += "<th>all verified since</th></tr></thead><tbody>\n"
        for provider in providers {
            let status: EntryVerdict = provider.count(.fail) > 0 ? .fail : provider.count(.unreachable) > 0 ? .unreachable : .pass
            html += "<tr><td title=\"\(e(provider.file))\">\(e(provider.name))</td><td>\(badge(status))</td><td class=\"n\">\(provider.entries)</td>"
            html += VerdictStyle.order.map { "<td class=\"n\">\(provider.count($0))</td>" }.joined()
            html += "<td>\(ReportTime.verified(provider.verifiedSince))</td></tr>\n"
        }
        return html + "</tbody></table>\n"
    }

    private func unreachable(_ entries: [ReportEntry]) -> String {
        guard !entries.isEmpty else { return "" }
        var html = "<h2>Unreachable (\(entries.count))</h2>\n<table><thead><tr><th>entry</th><th>location</th><th>why</th><th>last verified</th></tr></thead><tbody>\n"
        for entry in entries {
            let result = entry.result
            html += "<tr><td><code>\(e(result.entry))</code></td><td>\(e(result.file)):\(result.line)</td><td>\(e(result.dnsProblem ?? result.summary))</td><td>\(ReportTime.verified(entry.lastVerified))</td></tr>\n"
        }
        return html + "</tbody></table>\n"
    }

    private func all(_ entries: [ReportEntry]) -> String {
        var html = "<h2>All entries (\(entries.count))</h2>\n<table class=\"all\"><thead><tr><th>verdict</th><th>key</th><th>location</th><th>probed</th><th>last verified</th></tr></thead><tbody>\n"
        for entry in entries {
            let result = entry.result
            html += "<tr><td>\(badge(result.verdict))</td><td><code>\(e(result.key))</code></td><td>\(e(result.file)):\(result.line)</td><td>\(ReportTime.text(entry.probed))</td><td>\(ReportTime.verified(entry.lastVerified))</td></tr>\n"
        }
        return html + "</tbody></table>\n"
    }

    private static let css: String = {
        var css = """
            body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b1b1b;background:#fafafa;max-width:1100px;margin:0 auto;padding:1.5em}
            h1{font-size:1.6em;margin:0 0 .4em}h2{margin-top:1.8em;border-bottom:2px solid #ddd;padding-bottom:.2em}
            h3{margin:0 0 .4em;font-size:1.1em}
            code,pre{font-family:ui-monospace,"DejaVu Sans Mono",Menlo,monospace;font-size:.92em}
            table{border-collapse:collapse;width:100%;background:#fff;margin:.5em 0}
            th,td{border:1px solid #ddd;padding:.3em .55em;text-align:left;vertical-align:top;overflow-wrap:break-word}
            th{background:#f0f0f0}.n{text-align:right}
            .sources{color:#555;margin-bottom:1em}
            .summary{background:#fff;border:1px solid #ddd;border-radius:8px;padding:1em}
            .total{margin:0 0 .5em;font-size:1.2em}
            .bar{display:flex;height:2.4em;border-radius:6px;overflow:hidden;background:#eee}
            .seg{display:flex;align-items:center;justify-content:center;color:#fff;font-weight:700;min-width:2em;overflow:hidden;white-space:nowrap}
            .legend{list-style:none;padding:0;margin:.7em 0 0;display:flex;flex-wrap:wrap;gap:1.2em}
            .swatch{display:inline-block;width:.9em;height:.9em;border-radius:2px;margin-right:.35em;vertical-align:-.1em}
            .count{font-weight:700;margin-right:.2em}
            .card{background:#fff;border:1px solid #ddd;border-left:6px solid #999;border-radius:6px;padding:.8em 1em;margin:.8em 0}
            .where,.meta{color:#555;font-weight:400}.meta{font-size:.9em}
            .failures td:nth-child(2),.failures td:last-child{white-space:nowrap}.reason{overflow-wrap:anywhere;font-family:ui-monospace,"DejaVu Sans Mono",monospace;font-size:.88em}
            pre.suggested{background:#1e2a1e;color:#e6ffe6;padding:.7em 1em;border-radius:6px;overflow-x:auto}
            .badge{display:inline-block;color:#fff;border-radius:4px;padding:0 .45em;font-size:.85em;font-weight:700}
            .nofix{color:#c62828;font-weight:700}

            """
        for verdict in VerdictStyle.order {
            let colour = VerdictStyle.colour(verdict)
            let name = verdict.rawValue
            css += ".seg.\(name),.swatch.\(name),.badge.\(name){background:\(colour)}.card.\(name){border-left-color:\(colour)}\n"
        }
        return css
    }()
}
