import Foundation
import ReleaseTrust

/// When the deployed release stops vouching for its table: its signed `Expires:`, or
/// `max_release_age` after its tagger date, whichever comes first.
public struct DeployedExpiry: Sendable, Equatable {
    /// The deployed release.
    public var release: ReleaseRecord
    /// Its effective expiry.
    public var at: Date
    /// What set it: `Expires` or `max_release_age`.
    public var cause: String

    public init(release: ReleaseRecord, maxReleaseAge: SettingDuration?) {
        self.release = release
        if let maxReleaseAge, release.taggerDate.addingTimeInterval(maxReleaseAge.interval) < release.expires {
            at = release.taggerDate.addingTimeInterval(maxReleaseAge.interval)
            cause = "max_release_age = \(maxReleaseAge)"
        } else {
            at = release.expires
            cause = "its Expires: line"
        }
    }

    /// What an operator should hear at `now`: the release has expired, or expires within
    /// `window`; nil while it is fresh. `status` and `doctor` say the same.
    public func warning(at now: Date, window: SettingDuration) -> String? {
        let remaining = at.timeIntervalSince(now)
        if remaining <= 0 {
            return "the deployed release \(release.tag) expired at \(ReleaseExpiry.format(at)) (\(cause)): its map is stale"
        }
        if remaining < window.interval {
            return "the deployed release \(release.tag) expires within expiry_warning = \(window), "
                + "at \(ReleaseExpiry.format(at)) (\(cause))"
        }
        return nil
    }

    /// The failure text for an expired deployed release.
    var message: String {
        "the deployed release \(release.tag) expired at \(ReleaseExpiry.format(at)) (\(cause)) and no newer valid "
            + "release replaced it"
    }
}
