import Foundation
import XCTest

/// The real-world lists in `shared/corpus/`, beside the package checkout (never copied in).
enum CorpusFile {
    /// `../shared/corpus` relative to the package root, found from this source file's path.
    static var directory: URL {
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent()  // Support
            .deletingLastPathComponent()  // PostfixConformanceTests
            .deletingLastPathComponent()  // Tests
            .deletingLastPathComponent()  // package root
            .appendingPathComponent("../shared/corpus").standardizedFileURL
    }

    /// The corpus file `name`; throws `XCTSkip` (never passes) when the corpus is absent.
    static func url(_ name: String) throws -> URL {
        let url = directory.appendingPathComponent(name)
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw XCTSkip("corpus file \(url.path) is absent (shared/corpus/ is not beside this checkout)")
        }
        return url
    }
}
