import Foundation

/// What the delivery watch counted for one policy key, since the watch first ran.
public struct PolicyKeyDeliveries: Sendable, Codable, Equatable {
    /// One hour's policy deferrals (`hour` is the start of the hour).
    public struct HourCount: Sendable, Codable, Equatable {
        public var hour: Date
        public var count: Int
    }

    /// Deliveries Postfix logged as sent.
    public var delivered: Int = 0
    /// Deferrals (and bounces) whose reason is a TLS policy failure.
    public var policyDeferrals: Int = 0
    /// The log time of the last policy deferral (the run's time when the line had none).
    public var lastPolicyDeferralAt: Date?
    /// The kind of the last policy failure (PostfixLog's `TLSPolicyFailure`, for example
    /// `certificate-not-verified`): Postfix's category, never the reply text.
    public var lastPolicyFailure: String?
    /// Policy deferrals by hour, the last ``window`` only: what `status` sums up.
    public var recent: [HourCount] = []

    /// How far back `status` looks.
    public static let window: TimeInterval = 86_400

    public init() {}

    /// Policy deferrals logged within ``window`` before `now`.
    public func policyDeferrals(within window: TimeInterval = PolicyKeyDeliveries.window, before now: Date) -> Int {
        recent.filter { $0.hour.addingTimeInterval(3_600) > now.addingTimeInterval(-window) }.reduce(0) { $0 + $1.count }
    }

    mutating func countPolicyDeferral(at time: Date, failure: String) {
        policyDeferrals += 1
        if lastPolicyDeferralAt.map({ time >= $0 }) ?? true {
            lastPolicyDeferralAt = time
            lastPolicyFailure = failure
        }
        let hour = Date(timeIntervalSince1970: (time.timeIntervalSince1970 / 3_600).rounded(.down) * 3_600)
        if let index = recent.firstIndex(where: { $0.hour == hour }) {
            recent[index].count += 1
        } else {
            recent.append(HourCount(hour: hour, count: 1))
            recent.sort { $0.hour < $1.hour }
        }
    }

    /// Drops the hours that left the window: at most 25 stay.
    mutating func prune(now: Date) {
        recent.removeAll { $0.hour.addingTimeInterval(3_600) <= now.addingTimeInterval(-PolicyKeyDeliveries.window) }
        if recent.count > 25 { recent.removeFirst(recent.count - 25) }
    }
}
