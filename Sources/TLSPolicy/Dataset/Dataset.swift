import Foundation

/// The shared dataset: a directory (`policy/`) with a manifest and one `*.policy`
/// file per provider.
public struct Dataset: Sendable {
    /// Dataset files end in this extension; anything else in the directory is ignored.
    public static let fileExtension = "policy"

    public var directory: String
    public var manifest: DatasetManifest
    /// Files sorted by name, so every run sees them in the same order.
    public var sources: [LintSource]

    /// Why a dataset could not be read.
    public enum LoadError: Error, Sendable, CustomStringConvertible {
        case unreadable(path: String, reason: String)
        case manifest(path: String, DatasetManifest.Problem)

        public var description: String {
            switch self {
            case .unreadable(let path, let reason): "\(path): \(reason)"
            case .manifest(let path, let problem): "\(path):\(problem.line): \(problem.message)"
            }
        }
    }

    public init(directory: String, manifest: DatasetManifest, sources: [LintSource]) {
        self.directory = directory
        self.manifest = manifest
        self.sources = sources
    }

    /// Reads the manifest and every `*.policy` file in `directory` (not recursive).
    public static func load(directory: String) throws(LoadError) -> Dataset {
        let manifestPath = (directory as NSString).appendingPathComponent(DatasetManifest.fileName)
        let manifestText: String
        do {
            manifestText = try String(contentsOfFile: manifestPath, encoding: .utf8)
        } catch {
            throw .unreadable(path: manifestPath, reason: "cannot read the dataset manifest (\(error.localizedDescription))")
        }
        let manifest: DatasetManifest
        do {
            manifest = try DatasetManifest(text: manifestText)
        } catch {
            throw .manifest(path: manifestPath, error)
        }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory)
                .filter { ($0 as NSString).pathExtension == fileExtension }
                .sorted()
        } catch {
            throw .unreadable(path: directory, reason: error.localizedDescription)
        }
        var sources: [LintSource] = []
        for name in names {
            let path = (directory as NSString).appendingPathComponent(name)
            guard let data = FileManager.default.contents(atPath: path) else {
                throw .unreadable(path: path, reason: "cannot read the file")
            }
            sources.append(LintSource(name: path, bytes: [UInt8](data)))
        }
        return Dataset(directory: directory, manifest: manifest, sources: sources)
    }

    /// Whether `directory` holds a dataset manifest.
    public static func isDataset(directory: String) -> Bool {
        FileManager.default.fileExists(atPath: (directory as NSString).appendingPathComponent(DatasetManifest.fileName))
    }
}
