import Foundation

/// The dataset's own settings, in `policy/dataset.cf` (Postfix's `name = value` style).
///
/// It is the one place that declares the oldest Postfix release the dataset
/// supports: every entry must be valid there.
public struct DatasetManifest: Sendable, Equatable {
    /// The file name inside the dataset directory.
    public static let fileName = "dataset.cf"

    public var minimumPostfixVersion: PostfixVersion

    public init(minimumPostfixVersion: PostfixVersion) {
        self.minimumPostfixVersion = minimumPostfixVersion
    }

    /// A problem in the manifest, with its line.
    public struct Problem: Error, Sendable, Equatable, CustomStringConvertible {
        public var line: Int
        public var message: String
        public var description: String { "line \(line): \(message)" }
    }

    /// Parses the manifest strictly: unknown names, repeated names and bad values are errors.
    public init(text: String) throws(Problem) {
        var version: PostfixVersion? = nil
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            guard let equals = line.firstIndex(of: "=") else {
                throw Problem(line: index + 1, message: "expected 'name = value'")
            }
            let name = line[..<equals].trimmingCharacters(in: .whitespaces)
            let value = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            switch name {
            case "minimum_postfix_version":
                guard version == nil else { throw Problem(line: index + 1, message: "\(name) is set twice") }
                guard let parsed = PostfixVersion(value) else {
                    throw Problem(line: index + 1, message: "\(name) must be a version such as 3.5, not '\(value)'")
                }
                version = parsed
            default:
                throw Problem(line: index + 1, message: "unknown setting '\(name)'")
            }
        }
        guard let version else { throw Problem(line: 1, message: "minimum_postfix_version is not set") }
        self.minimumPostfixVersion = version
    }
}
