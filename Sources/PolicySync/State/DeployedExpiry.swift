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

    /// The failure text for an expired deployed release.
    var message: String {
        "the deployed release \(release.tag) expired at \(ReleaseExpiry.format(at)) (\(cause)) and no newer valid "
            + "release replaced it"
    }
}
