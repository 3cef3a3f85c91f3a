import Foundation

/// The parsed content of a Postfix `maillog_file`.
public struct MailLog: Sendable {
    /// Every line that has the `PROGRAM[PID]: MESSAGE` shape, in file order.
    public let lines: [MailLogLine]

    /// Parses log text; lines of other shapes are skipped.
    public init(text: String) {
        self.lines = text.split(separator: "\n", omittingEmptySubsequences: true).compactMap { MailLogLine(String($0)) }
    }

    /// All delivery status lines, in order.
    public var deliveryStatuses: [DeliveryStatus] { lines.compactMap(\.deliveryStatus) }

    /// The first status logged for each recipient (the outcome of the first delivery attempt).
    public var firstStatusByRecipient: [String: DeliveryStatus] {
        var result: [String: DeliveryStatus] = [:]
        for status in deliveryStatuses where result[status.recipient] == nil {
            result[status.recipient] = status
        }
        return result
    }

    /// For each status line, the warnings that the same process logged since its previous
    /// status line: a delivery agent handles one delivery at a time, so these are the
    /// warnings about that delivery (for example the exact reason a TLS policy is invalid).
    public func warningsBeforeEachStatus() -> [(status: DeliveryStatus, warnings: [String])] {
        var pending: [String: [String]] = [:]  // key: program#pid
        var result: [(status: DeliveryStatus, warnings: [String])] = []
        for line in lines {
            let key = "\(line.program)#\(line.pid)"
            if let status = line.deliveryStatus {
                result.append((status, pending[key] ?? []))
                pending[key] = nil
            } else if line.isWarning {
                pending[key, default: []].append(String(line.message.dropFirst("warning: ".count)))
            }
        }
        return result
    }
}
