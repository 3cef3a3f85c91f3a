/// Why the lab server could not start or serve; printed on stderr, exit status 1.
enum ServerError: Error, CustomStringConvertible {
    case invalidListenAddress(String)
    case socket(operation: String, reason: String)
    case tls(operation: String, path: String?, reason: String)
    case pidFile(path: String, reason: String)

    var description: String {
        switch self {
        case .invalidListenAddress(let text):
            "not ADDRESS:PORT with an IPv4 address or [IPv6]:PORT: \(text)"
        case .socket(let operation, let reason):
            "\(operation): \(reason)"
        case .tls(let operation, let path, let reason):
            "\(operation)\(path.map { " \($0)" } ?? ""): \(reason)"
        case .pidFile(let path, let reason):
            "cannot write pid file \(path): \(reason)"
        }
    }
}
