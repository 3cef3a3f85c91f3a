import ArgumentParser
import Foundation
import TLSPolicy

/// The files a command works on, resolved from its PATH arguments.
struct InputFiles {
    /// Sources to check, in the order given (directories expand to their sorted `*.policy` files).
    var sources: [LintSource]
    /// The dataset, when the input is a dataset directory (or defaulted to `policy/`).
    var dataset: Dataset?

    /// An input that could not be read: reported with exit status 2.
    struct Unreadable: Error, CustomStringConvertible {
        var description: String
    }

    /// The in-repository dataset directory, if the current directory has one.
    static var defaultDatasetDirectory: String? {
        Dataset.isDataset(directory: "policy") ? "policy" : nil
    }

    /// ``resolve(_:)`` for a command's `run()`: an input that cannot be read is said on
    /// standard error and ends the command with exit status 2.
    static func resolveOrExit(_ paths: [String]) throws -> InputFiles {
        do {
            return try resolve(paths)
        } catch {
            FileHandle.standardError.write(Data("tls-policy-validator: \(error)\n".utf8))
            throw ExitCode.usageOrIOError
        }
    }

    static func resolve(_ paths: [String]) throws -> InputFiles {
        var paths = paths
        if paths.isEmpty {
            guard let directory = defaultDatasetDirectory else {
                throw Unreadable(description: "no PATH given and no policy/dataset.cf in the current directory")
            }
            paths = [directory]
        }
        var sources: [LintSource] = []
        var dataset: Dataset? = nil
        for path in paths {
            if path == "-" {
                let data = FileHandle.standardInput.readDataToEndOfFile()
                sources.append(LintSource(name: "-", bytes: [UInt8](data)))
                continue
            }
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw Unreadable(description: "\(path): no such file or directory")
            }
            if isDirectory.boolValue {
                do {
                    let loaded = try Dataset.load(directory: path)
                    dataset = dataset ?? loaded
                    sources += loaded.sources
                } catch {
                    throw Unreadable(description: error.description)
                }
            } else {
                guard let data = FileManager.default.contents(atPath: path) else {
                    throw Unreadable(description: "\(path): cannot read the file")
                }
                sources.append(LintSource(name: path, bytes: [UInt8](data)))
            }
        }
        if dataset == nil, let directory = defaultDatasetDirectory {
            dataset = try? Dataset.load(directory: directory)
        }
        return InputFiles(sources: sources, dataset: dataset)
    }
}
