internal import CGit2

/// The optional capabilities a libgit2 build has (`git_feature_t`): the agent
/// needs HTTPS or SSH transports to fetch the dataset.
public struct GitFeatures: OptionSet, Sendable, Hashable, CustomStringConvertible {
    public let rawValue: Int32
    public init(rawValue: Int32) { self.rawValue = rawValue }

    /// Thread-safe use from several threads (`GIT_FEATURE_THREADS`).
    public static let threads = GitFeatures(GIT_FEATURE_THREADS)
    /// The HTTPS transport (`GIT_FEATURE_HTTPS`).
    public static let https = GitFeatures(GIT_FEATURE_HTTPS)
    /// The SSH transport (`GIT_FEATURE_SSH`).
    public static let ssh = GitFeatures(GIT_FEATURE_SSH)
    /// Sub-second file timestamps (`GIT_FEATURE_NSEC`).
    public static let nanosecondTimestamps = GitFeatures(GIT_FEATURE_NSEC)

    private init(_ feature: git_feature_t) { self.rawValue = Int32(feature.rawValue) }

    public var description: String {
        let names: [(GitFeatures, String)] = [
            (.threads, "threads"), (.https, "https"), (.ssh, "ssh"), (.nanosecondTimestamps, "nsec"),
        ]
        let present = names.filter { contains($0.0) }.map(\.1)
        return "[" + present.joined(separator: ", ") + "]"
    }
}
