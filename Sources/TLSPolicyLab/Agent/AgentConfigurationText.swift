import Foundation

/// The shipped `agent.cf` example, completed the way the README tells an operator to:
/// a commented-out setting (`#name = value`, no blank after the `#`) is uncommented and
/// given a value in place, so every comment and every other line stays as shipped.
///
/// Tests use it to write the configuration an administrator would write, and to see what
/// the example's own suggested values (every commented-out setting) amount to.
public enum AgentConfigurationText {
    /// The example file of this checkout (`docs/agent.cf.example`).
    public static func shippedExample(repositoryRoot: URL) throws -> String {
        String(decoding: try LabFileSystem.read(repositoryRoot.appendingPathComponent("docs/agent.cf.example")), as: UTF8.self)
    }

    /// `text` with each setting in `values` set: its line (commented out or not) becomes
    /// `name = value`. A name the text has no line for is an error, so a test cannot add
    /// a setting the example does not document.
    public static func setting(_ values: KeyValuePairs<String, String>, in text: String) throws -> String {
        var lines = text.components(separatedBy: "\n")
        for (name, value) in values {
            guard let index = lines.firstIndex(where: { settingName(of: $0) == name }) else {
                throw LabError.invalidArgument("the agent.cf text has no line for \(name), commented out or not")
            }
            lines[index] = "\(name) = \(value)"
        }
        return lines.joined(separator: "\n")
    }

    /// `text` with every commented-out setting uncommented, at the value the example
    /// suggests, but those named in `except` (settings that go with another kind of
    /// repository than the one the text names, say).
    public static func uncommentingEverySetting(in text: String, except: Set<String> = []) -> String {
        text.components(separatedBy: "\n").map { line in
            guard line.hasPrefix("#"), let name = settingName(of: line), !except.contains(name) else { return line }
            return String(line.dropFirst())
        }.joined(separator: "\n")
    }

    /// The names the example documents as commented-out settings.
    public static func commentedSettings(in text: String) -> [String] {
        text.components(separatedBy: "\n").filter { $0.hasPrefix("#") }.compactMap(settingName(of:))
    }

    /// The setting a line sets, or would set without its `#`: `name = ...` where the name
    /// is lower-case letters and `_`. Prose comments (`#   smtp_tls_policy_maps = ...`)
    /// have a blank after the `#` and are not settings.
    private static func settingName(of line: String) -> String? {
        let body = line.hasPrefix("#") ? line.dropFirst() : Substring(line)
        guard let equals = body.range(of: " = ") else { return nil }
        let name = body[..<equals.lowerBound]
        guard !name.isEmpty, name.allSatisfy({ ($0.isASCII && $0.isLowercase) || $0 == "_" }) else { return nil }
        return String(name)
    }
}
