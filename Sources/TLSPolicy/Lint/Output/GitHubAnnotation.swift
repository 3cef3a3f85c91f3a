import Foundation

/// A GitHub Actions workflow command that annotates one line of a file in the pull
/// request's diff (`::error file=…,line=…,col=…,title=…::message`), escaped as the
/// runner reads it. Lint and probe both write these; this is the one escaper.
public struct GitHubAnnotation: Sendable, Hashable {
    /// The workflow command, which sets the annotation's colour and weight.
    public enum Level: String, Sendable {
        case error, warning, notice
    }

    public var level: Level
    /// The file and line the annotation is shown on; nil for one about the whole run
    /// (GitHub shows it on the run's page, not on a file).
    public var file: String?
    public var line: Int?
    /// The column, when the finding has one.
    public var column: Int?
    public var title: String
    /// The message; it may span lines.
    public var message: String

    public init(level: Level, file: String, line: Int, column: Int? = nil, title: String, message: String) {
        self.level = level
        self.file = file
        self.line = line
        self.column = column
        self.title = title
        self.message = message
    }

    /// An annotation about the whole run rather than a line of a file.
    public init(level: Level, title: String, message: String) {
        self.level = level
        self.title = title
        self.message = message
    }

    /// The command as one line (no newline at the end).
    public var command: String {
        var properties: [String] = []
        if let file { properties.append("file=\(Self.property(file))") }
        if let line { properties.append("line=\(line)") }
        if let column { properties.append("col=\(column)") }
        properties.append("title=\(Self.property(title))")
        return "::\(level.rawValue) \(properties.joined(separator: ","))::\(Self.data(message))"
    }

    /// Escapes a message: `%`, CR and LF, which would otherwise end the command.
    static func data(_ text: String) -> String {
        text.replacingOccurrences(of: "%", with: "%25")
            .replacingOccurrences(of: "\r", with: "%0D")
            .replacingOccurrences(of: "\n", with: "%0A")
    }

    /// Escapes a property value, where `:` and `,` are delimiters too.
    static func property(_ text: String) -> String {
        data(text).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }
}
