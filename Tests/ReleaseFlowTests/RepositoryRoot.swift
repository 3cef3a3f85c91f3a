import Foundation

/// The checkout these tests belong to: the workflows, the Makefile and the scripts they
/// check are read from here, never from an installed copy.
enum RepositoryRoot {
    /// The directory holding Package.swift, two levels above this source file.
    static var url: URL {
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent()   // ReleaseFlowTests
            .deletingLastPathComponent()   // Tests
            .deletingLastPathComponent()
    }
}
