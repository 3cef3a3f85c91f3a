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
    public var file: String
    public var line: Int
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

    /// The command as one line (no newline at the end).
    public var command: String {
        let column = self.column.map { ",col=\($0)" } ?? ""
        return "::\(level.rawValue) file=\(Self.property(file)),line=\(line)\(column),title=\(Self.property(title))::\(Self.data(message))"
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
