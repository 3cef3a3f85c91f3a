import Foundation

/// A systemd unit file read the way systemd reads it (systemd.syntax(7)): `[Section]`
/// headers, `Key=Value` lines, `#` and `;` comments, a trailing backslash joining the next
/// line, and for list settings every assignment adding to the list while an empty
/// assignment clears it.
///
/// The lab's own reader, independent of the agent's `doctor`: tests judge the units the
/// project ships (their sandbox, their writable paths) with it.
public struct SystemdUnitFile: Sendable {
    /// One `Key=Value` line.
    public struct Assignment: Sendable, Equatable {
        public let section: String
        public let key: String
        public let value: String
        /// 1-based line number of the assignment's first line.
        public let line: Int
    }

    /// Where the text came from (for messages).
    public let name: String
    /// Every assignment, in file order.
    public let assignments: [Assignment]

    /// Parses unit text; a line that is neither a comment, a header nor an assignment, or
    /// an assignment before the first header, is an error naming `name:line`.
    public init(text: String, name: String) throws {
        self.name = name
        var assignments: [Assignment] = []
        var section: String?
        var pending = ""
        var pendingLine = 0
        for (index, raw) in text.components(separatedBy: "\n").enumerated() {
            var line = raw.trimmingCharacters(in: .whitespaces)
            if pending.isEmpty {
                if line.isEmpty || line.hasPrefix("#") || line.hasPrefix(";") { continue }
                pendingLine = index + 1
            } else if line.hasPrefix("#") || line.hasPrefix(";") {
                continue   // comments inside a continued line are skipped, as systemd does
            }
            if line.hasSuffix("\\") {
                line.removeLast()
                pending += line + " "
                continue
            }
            line = pending + line
            pending = ""
            if line.hasPrefix("[") {
                guard line.hasSuffix("]"), line.count > 2 else {
                    throw LabError.invalidArgument("\(name):\(pendingLine): malformed section header: \(line)")
                }
                section = String(line.dropFirst().dropLast())
                continue
            }
            guard let equals = line.firstIndex(of: "=") else {
                throw LabError.invalidArgument("\(name):\(pendingLine): expected Key=Value, found: \(line)")
            }
            guard let section else {
                throw LabError.invalidArgument("\(name):\(pendingLine): assignment before any [Section]: \(line)")
            }
            let key = line[..<equals].trimmingCharacters(in: .whitespaces)
            let value = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            assignments.append(Assignment(section: section, key: key, value: value, line: pendingLine))
        }
        self.assignments = assignments
    }

    /// Reads and parses a unit file.
    public static func read(_ url: URL) throws -> SystemdUnitFile {
        try SystemdUnitFile(text: String(decoding: try LabFileSystem.read(url), as: UTF8.self), name: url.path)
    }

    /// The values of `key` in `section` that are in force: for a list setting, every
    /// assignment after the last empty one.
    public func values(_ key: String, in section: String) -> [String] {
        var values: [String] = []
        for assignment in assignments where assignment.section == section && assignment.key == key {
            if assignment.value.isEmpty { values = [] } else { values.append(assignment.value) }
        }
        return values
    }

    /// The value in force of a single-valued setting: the last assignment.
    public func value(_ key: String, in section: String) -> String? {
        assignments.last { $0.section == section && $0.key == key }?.value
    }

    /// The whitespace-separated words of a list setting (`ReadWritePaths=`, `StateDirectory=`).
    public func words(_ key: String, in section: String) -> [String] {
        values(key, in: section).flatMap { $0.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init) }
    }
}
