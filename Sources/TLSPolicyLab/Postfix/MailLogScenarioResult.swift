import Foundation

/// What a ``MailLogScenario`` run produced: Postfix's real log and what was sent.
public struct MailLogScenarioResult: Sendable {
    /// The sender's whole `maillog_file` text.
    public let log: String
    /// Every destination, with the messages this run sent it and its entry.
    public let destinations: [MailLogScenario.Destination]
    /// The first status line of each message's recipient.
    public let statuses: [DeliveryStatus]

    /// Messages this run sent to each domain.
    public var messagesByDomain: [String: Int] {
        Dictionary(uniqueKeysWithValues: destinations.map { ($0.domain, $0.messages) })
    }
}
