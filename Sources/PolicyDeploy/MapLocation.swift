import Foundation

/// Where a Postfix map lives: `TYPE:PATH` as `main.cf` names it, `PATH` being the
/// source file `postmap` reads.
public struct MapLocation: Sendable, Hashable, CustomStringConvertible {
    public var type: MapType
    /// Absolute path of the source file.
    public var path: String

    public init(type: MapType, path: String) {
        self.type = type
        self.path = path
    }

    /// Parses `TYPE:PATH` (the form `main.cf` and the command line use).
    public init(parsing text: String) throws(DeployError) {
        guard let colon = text.firstIndex(of: ":") else {
            throw .invalidMap(text, reason: "expected TYPE:PATH, for example hash:/etc/postfix/tls_policy")
        }
        let typeName = String(text[..<colon])
        let path = String(text[text.index(after: colon)...])
        guard let type = MapType(rawValue: typeName) else {
            throw .invalidMap(text, reason: "unsupported map type \"\(typeName)\"; expected one of "
                + MapType.allCases.map(\.rawValue).joined(separator: ", "))
        }
        guard path.hasPrefix("/"), !path.hasSuffix("/") else {
            throw .invalidMap(text, reason: "the path must be an absolute file path")
        }
        self.init(type: type, path: path)
    }

    /// The directory holding the source and indexed files.
    public var directory: String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// The source file's name within ``directory``.
    public var fileName: String {
        guard let slash = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: slash)...])
    }

    /// The indexed file Postfix reads for a source at `sourcePath`: the source itself
    /// for `texthash`.
    public func indexedPath(forSource sourcePath: String) -> String {
        sourcePath + (type.indexSuffix ?? "")
    }

    /// The live file Postfix reads.
    public var indexedPath: String { indexedPath(forSource: path) }

    /// The live source table's bytes (the table last deployed); nil when there is none
    /// yet or it cannot be read.
    public func readSource() -> [UInt8]? {
        FileManager.default.contents(atPath: path).map { [UInt8]($0) }
    }

    /// The prefix of every temporary file a deploy creates beside the live map: hidden,
    /// named for the map, so a later run can find and remove what a killed run left.
    var temporaryPrefix: String { ".\(fileName).tls-policy-agent-tmp." }

    /// `TYPE:PATH`.
    public var description: String { "\(type.rawValue):\(path)" }
}
