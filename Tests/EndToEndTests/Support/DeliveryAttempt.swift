import TLSPolicyLab

/// One delivery attempt as the sender's SMTP client logged it: the `status=` line and
/// every other message the same process logged since its previous status line.
///
/// A delivery agent handles one delivery at a time, so those messages (the TLS
/// "Verified TLS connection established", the "hostname mismatch" verification failure)
/// belong to this attempt, and a test can tie Postfix's reason to one recipient.
struct DeliveryAttempt {
    /// The status line.
    let status: DeliveryStatus
    /// The messages of the same process before it, oldest first.
    let context: [String]

    /// The queue ID of the message (`4586929` in `... postfix/smtp[284]: 4586929: to=<...>`),
    /// which stays the same across retries of one message.
    var queueID: String? {
        guard let range = status.line.range(of: "]: "), let end = status.line[range.upperBound...].range(of: ": to=<") else {
            return nil
        }
        return String(status.line[range.upperBound..<end.lowerBound])
    }

    /// The context and the status line as one text, for assertions and failure messages.
    var transcript: String { (context + [status.line]).joined(separator: "\n") }

    /// Every attempt in `log`, in log order.
    static func all(in log: MailLog) -> [DeliveryAttempt] {
        var pending: [String: [String]] = [:]  // key: program#pid
        var attempts: [DeliveryAttempt] = []
        for line in log.lines {
            let key = "\(line.program)#\(line.pid)"
            if let status = line.deliveryStatus {
                attempts.append(DeliveryAttempt(status: status, context: pending[key] ?? []))
                pending[key] = nil
            } else {
                pending[key, default: []].append(line.message)
            }
        }
        return attempts
    }
}
