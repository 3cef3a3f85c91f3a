/// Why an external command gave no usable result. Each case names the command as run.
public enum CommandError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The program is not in any directory searched (see ``ExecutableSearch``).
    case programNotFound(program: String, searched: [String])
    /// The program was found but could not be started, or its output could not be read.
    case launchFailed(argv: [String], reason: String)
    /// The command ran past its deadline; it and its process group were killed.
    case timedOut(argv: [String], after: Duration)
    /// The command printed more than the runner keeps on one stream; it was stopped.
    case outputLimitExceeded(argv: [String], limit: Int)
    /// The command ended other than with status 0 (from ``CommandResult/checked()``).
    case failed(argv: [String], termination: CommandResult.Termination, stderr: String)

    public var description: String {
        switch self {
        case .programNotFound(let program, let searched):
            searched.isEmpty ? "\(program): no such executable file"
                : "\(program): not found in \(searched.joined(separator: ":"))"
        case .launchFailed(let argv, let reason):
            "cannot run \(Self.render(argv)): \(reason)"
        case .timedOut(let argv, let after):
            "\(Self.render(argv)) still running after \(Self.seconds(after)) s; killed"
        case .outputLimitExceeded(let argv, let limit):
            "\(Self.render(argv)) printed more than \(limit) bytes; stopped"
        case .failed(let argv, let termination, let stderr):
            "\(Self.render(argv)) \(termination)"
                + (stderr.isEmpty ? "" : ": \(Self.excerpt(stderr))")
        }
    }

    /// The command line as a person would type it (arguments with spaces quoted).
    public static func render(_ argv: [String]) -> String {
        argv.map { $0.isEmpty || $0.contains(" ") ? "'\($0)'" : $0 }.joined(separator: " ")
    }

    /// A message's first 2,000 characters, trimmed: enough to say why, never a whole log.
    public static func excerpt(_ text: String) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.count > 2_000 ? String(trimmed.prefix(2_000)) + "…" : trimmed
    }

    static func seconds(_ duration: Duration) -> String {
        let value = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        return value == value.rounded() ? String(Int(value)) : String(value)
    }
}
