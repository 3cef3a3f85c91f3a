import Foundation
import PostfixLog
import TLSPolicyLab
import XCTest

/// What the parser must read from a log of ``MailLogScenario``, derived from the scenario's
/// own description of its destinations (never from the log itself).
enum MailLogScenarioExpectations {
    /// The TLS trust a delivery reports (nil: no TLS line). Postfix checks certificate
    /// names only at levels that need them (`verify`, `secure`...): under opportunistic TLS
    /// (`may`) and `encrypt` a matching name still logs `Trusted`, never `Verified`.
    static func trust(for destination: MailLogScenario.Destination) -> TLSTrust? {
        let checksNames = destination.policy?.hasPrefix("secure") ?? false
        switch destination.receiver {
        case .verified: return checksNames ? .verified : .trusted
        case .nameMismatch: return .trusted
        case .selfSigned: return .untrusted
        case .noStartTLS: return nil
        }
    }

    /// The policy failure each deferred destination's receiver provokes under `secure` or
    /// `encrypt`. Postfix 3.7 reports a self-signed certificate under `secure` as "not verified"
    /// too (its "not trusted" text is for `verify`-style trust failures it no longer reaches here).
    static func failure(for kind: MailLogScenario.ReceiverKind) -> TLSPolicyFailure {
        switch kind {
        case .verified, .nameMismatch, .selfSigned: .certificateNotVerified
        case .noStartTLS: .notOffered
        }
    }

    /// Checks every delivery of `log`: outcome, TLS trust and policy failure per destination,
    /// one status line per message, and no recipient local part anywhere in the records.
    static func check(log: String, file: StaticString = #filePath, line: UInt = #line) {
        var matcher = DeliveryTLSMatcher()
        var observed: [String: [ObservedDelivery]] = [:]
        for text in log.split(separator: "\n") {
            guard let record = PostfixLogRecord(parsing: String(text)) else { continue }
            if let delivery = matcher.observe(record) {
                observed[delivery.delivery.recipientDomain, default: []].append(delivery)
            }
        }
        for destination in MailLogScenario.destinations {
            let deliveries = observed[destination.domain] ?? []
            XCTAssertEqual(deliveries.count, destination.messages, destination.domain, file: file, line: line)
            for delivery in deliveries {
                if destination.deferredByPolicy {
                    XCTAssertEqual(delivery.delivery.status, .deferred, destination.domain, file: file, line: line)
                    XCTAssertEqual(delivery.delivery.tlsPolicyFailure, failure(for: destination.receiver),
                                   "\(destination.domain): \(delivery.delivery.reason)", file: file, line: line)
                } else {
                    XCTAssertEqual(delivery.delivery.status, .sent, destination.domain, file: file, line: line)
                    XCTAssertEqual(delivery.tls?.trust, trust(for: destination), destination.domain, file: file, line: line)
                }
            }
        }
        let described = String(describing: observed)
        for localPart in ["alice", "bob", "carol", "dave"] {
            XCTAssertFalse(described.contains(localPart), "records keep no local part (\(localPart))", file: file, line: line)
        }
    }
}
