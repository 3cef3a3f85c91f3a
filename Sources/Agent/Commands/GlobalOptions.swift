import ArgumentParser
import Logging

/// Options every subcommand takes.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: "How much to log to standard error.")
    var logLevel: LogLevel = .info

    /// A logger for `command` at the chosen level; its output goes to
    /// standard error (see `TLSPolicyAgent.main`).
    func makeLogger(command: String) -> Logger {
        var logger = Logger(label: "tls-policy-agent")
        logger.logLevel = logLevel.level
        logger[metadataKey: "command"] = "\(command)"
        return logger
    }

    /// The log levels accepted on the command line, named as swift-log names
    /// them.
    enum LogLevel: String, CaseIterable, ExpressibleByArgument {
        case trace, debug, info, notice, warning, error, critical

        var level: Logger.Level {
            switch self {
            case .trace: .trace
            case .debug: .debug
            case .info: .info
            case .notice: .notice
            case .warning: .warning
            case .error: .error
            case .critical: .critical
            }
        }
    }
}
