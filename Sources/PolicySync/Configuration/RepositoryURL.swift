/// Where the dataset's Git repository is fetched from: `https://`, `ssh://`, the scp-like
/// `user@host:path`, or `file://` (a local mirror).
public struct RepositoryURL: Sendable, Equatable, CustomStringConvertible {
    public enum Transport: String, Sendable {
        case https, ssh, file
    }

    /// The URL as configured.
    public var text: String
    /// How it is fetched.
    public var transport: Transport

    /// Parses `text`, or says why it is not a repository the agent fetches from.
    public static func parse(_ text: String) -> Result<RepositoryURL, ReasonText> {
        if text.contains(where: { $0 == " " || $0 == "\t" }) { return .failure("a URL has no whitespace") }
        for transport in [Transport.https, .ssh, .file] {
            let prefix = "\(transport.rawValue)://"
            guard text.lowercased().hasPrefix(prefix) else { continue }
            let rest = text.dropFirst(prefix.count)
            switch transport {
            case .file:
                guard rest.hasPrefix("/"), rest.count > 1 else { return .failure("file:// needs an absolute path (file:///srv/policy.git)") }
            case .https, .ssh:
                guard let host = rest.split(separator: "/", maxSplits: 1).first, !host.isEmpty,
                      rest.contains("/") else {
                    return .failure(ReasonText("\(transport.rawValue):// needs a host and a path"))
                }
            }
            return .success(RepositoryURL(text: text, transport: transport))
        }
        // scp-like syntax, as git accepts it: [user@]host:path, no scheme.
        if !text.contains("://"), let colon = text.firstIndex(of: ":"), colon != text.startIndex,
           !text[..<colon].contains("/"), text.index(after: colon) != text.endIndex {
            return .success(RepositoryURL(text: text, transport: .ssh))
        }
        if text.contains("://") {
            return .failure("unsupported scheme; use https://, ssh:// or file:// (plain http:// and git:// are not authenticated)")
        }
        return .failure("not a URL; use https://, ssh://, user@host:path or file://")
    }

    public var description: String { text }
}
