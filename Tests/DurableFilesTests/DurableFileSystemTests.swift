import DurableFiles
import Foundation
import XCTest

/// The one durable write: whole files or nothing, modes as asked or kept, no temporaries
/// left, failures that name the path and the step.
final class DurableFileSystemTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("durable-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try FileManager.default.removeItem(at: directory)
    }

    private func mode(_ path: String) throws -> Int {
        try XCTUnwrap(FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
    }

    private var entries: [String] { (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? [] }

    func testReplaceWritesTheContentWithTheModeAskedAndLeavesNoTemporary() throws {
        let path = directory.appendingPathComponent("state.json").path
        try DurableFileSystem.replaceAtomically(path, bytes: Array("one\n".utf8), mode: 0o600)
        XCTAssertEqual(FileManager.default.contents(atPath: path), Data("one\n".utf8))
        XCTAssertEqual(try mode(path), 0o600, "the mode asked for, whatever the umask")
        try DurableFileSystem.replaceAtomically(path, bytes: Array("two\n".utf8), mode: 0o640)
        XCTAssertEqual(FileManager.default.contents(atPath: path), Data("two\n".utf8))
        XCTAssertEqual(try mode(path), 0o640)
        XCTAssertEqual(entries, ["state.json"])
    }

    func testWithoutAModeTheReplacedFileKeepsItsOwnAndANewFileGets0644() throws {
        let kept = directory.appendingPathComponent("private.policy").path
        XCTAssertTrue(FileManager.default.createFile(atPath: kept, contents: Data("old\n".utf8),
                                                     attributes: [.posixPermissions: 0o600]))
        try DurableFileSystem.replaceAtomically(kept, bytes: Array("new\n".utf8))
        XCTAssertEqual(try mode(kept), 0o600, "lint --fix must not widen a file's mode")
        let fresh = directory.appendingPathComponent("report.md").path
        try DurableFileSystem.replaceAtomically(fresh, bytes: Array("# report\n".utf8))
        XCTAssertEqual(try mode(fresh), 0o644)
    }

    func testAFailureNamesThePathAndTheStepAndChangesNothing() throws {
        let path = directory.appendingPathComponent("missing-directory/state.json").path
        XCTAssertThrowsError(try DurableFileSystem.replaceAtomically(path, bytes: [1, 2, 3])) { error in
            guard let failure = error as? DurableFileError else { return XCTFail("\(error)") }
            XCTAssertTrue(failure.path.hasPrefix(self.directory.appendingPathComponent("missing-directory").path), failure.path)
            XCTAssertEqual(failure.operation, "create")
            XCTAssertFalse(failure.reason.isEmpty)
        }
        XCTAssertEqual(entries, [])
    }

    func testStagedFilesChangeNothingUntilPublishedAndVanishWhenDropped() throws {
        let first = directory.appendingPathComponent("a.policy").path
        let second = directory.appendingPathComponent("b.policy").path
        try DurableFileSystem.replaceAtomically(first, bytes: Array("old a\n".utf8))
        do {
            let stagedA = try StagedFile(Array("new a\n".utf8), for: first)
            let stagedB = try StagedFile(Array("new b\n".utf8), for: second)
            XCTAssertEqual(FileManager.default.contents(atPath: first), Data("old a\n".utf8), "staging publishes nothing")
            XCTAssertFalse(FileManager.default.fileExists(atPath: second))
            XCTAssertEqual(Set(entries).count, 3, "the target and two hidden temporaries: \(entries)")
            XCTAssertTrue(URL(fileURLWithPath: stagedA.temporaryPath).lastPathComponent.hasPrefix("."))
            try stagedA.publish()
            _ = stagedB  // dropped unpublished: its temporary goes with it
        }
        XCTAssertEqual(FileManager.default.contents(atPath: first), Data("new a\n".utf8))
        XCTAssertFalse(FileManager.default.fileExists(atPath: second))
        XCTAssertEqual(entries, ["a.policy"], "no temporary left")
    }
}
