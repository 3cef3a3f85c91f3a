import Foundation

/// Appends Markdown to the file GitHub names in `$GITHUB_STEP_SUMMARY`.
enum ProbeStepSummary {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static func append(_ markdown: String, to path: String) throws {
        if !FileManager.default.fileExists(atPath: path) {
            guard FileManager.default.createFile(atPath: path, contents: nil) else {
                throw Failure(description: "cannot create GITHUB_STEP_SUMMARY file \(path)")
            }
        }
        guard let handle = FileHandle(forWritingAtPath: path) else {
            throw Failure(description: "cannot open GITHUB_STEP_SUMMARY file \(path)")
        }
        defer { try? handle.close() }
        do {
            try handle.seekToEnd()
            try handle.write(contentsOf: Data(markdown.utf8))
        } catch {
            throw Failure(description: "cannot write GITHUB_STEP_SUMMARY file \(path): \(error)")
        }
    }
}
