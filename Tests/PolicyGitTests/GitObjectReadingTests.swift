import Foundation
import PolicyGit
import TLSPolicyLab
import XCTest

/// Raw tag objects and policy files are read through libgit2 exactly as git
/// stores them; a hostile `policy/` directory is refused.
final class GitObjectReadingTests: XCTestCase {
    private var directory: URL!
    private var origin: GitFixtureRepository!

    override func setUpWithError() throws {
        directory = try LabFileSystem.makeTemporaryDirectory(prefix: "policygit-read")
        origin = try GitFixtureRepository(directory: directory.appendingPathComponent("origin"))
        try origin.commit(files: ["policy/a.test.policy": "a.test secure\n", "policy/b.test.policy": "b.test encrypt\n",
                                  "README": "not policy\n"], message: "first")
    }

    override func tearDown() {
        if let directory { try? FileManager.default.removeItem(at: directory) }
    }

    private func repository() throws -> GitRepository {
        try GitRepository(discoveringFrom: origin.directory.path)
    }

    private func treeID(_ revision: String = "HEAD") throws -> GitObjectID {
        try XCTUnwrap(GitObjectID(hex: try origin.revParse("\(revision)^{tree}")))
    }

    func testRawTagBytesEqualGitCatFile() throws {
        let id = try origin.tag("v1.0.0", message: "Release 1.0.0\n\nExpires: 2099-01-01T00:00:00Z\n")
        let object = try repository().rawObject(try XCTUnwrap(GitObjectID(hex: id)))
        XCTAssertEqual(object.type, .tag)
        XCTAssertEqual(Data(object.bytes), try origin.rawTag("v1.0.0"))
    }

    func testRegularFilesUnderPolicyAreReadWithTheirBytes() throws {
        let files = try repository().regularFiles(inTree: try treeID(), directory: "policy")
        XCTAssertEqual(files.map(\.path), ["policy/a.test.policy", "policy/b.test.policy"])
        XCTAssertEqual(files.map { String(decoding: $0.bytes, as: UTF8.self) }, ["a.test secure\n", "b.test encrypt\n"])
        XCTAssertEqual(files[0].id.hex, try origin.revParse("HEAD:policy/a.test.policy"))
    }

    func testSymbolicLinkInPolicyIsRefused() throws {
        try FileManager.default.createSymbolicLink(atPath: origin.directory.appendingPathComponent("policy/link.policy").path,
                                                   withDestinationPath: "/etc/passwd")
        try origin.commit(files: [:], message: "symlink")
        assertRefused(.notRegularFile(path: "policy/link.policy", kind: "symbolic link"))
    }

    func testSubdirectoryInPolicyIsRefused() throws {
        try origin.commit(files: ["policy/nested/c.test.policy": "c.test secure\n"], message: "nested")
        assertRefused(.notRegularFile(path: "policy/nested", kind: "directory"))
    }

    func testEntryNamedDotDotIsRefused() throws {
        // git itself never writes such a tree; an attacker can (hash-object --literally).
        let blob = try origin.git(["hash-object", "-w", "--stdin"], input: Data("x.test none\n".utf8))
            .stdoutText.trimmingCharacters(in: .whitespacesAndNewlines)
        let policyTree = try origin.storeLiteralTree(Self.treeBytes([("100644", "..", blob)]))
        let root = try origin.storeLiteralTree(Self.treeBytes([("40000", "policy", policyTree)]))
        try origin.commitTree(root, message: "dot-dot")
        assertRefused(.unsafeName(directory: "policy", name: ".."))
    }

    func testFileLargerThanLimitIsRefusedBeforeReading() throws {
        try origin.commit(files: ["policy/huge.test.policy": String(repeating: "# padding\n", count: 2_000)], message: "huge")
        let repository = try repository()
        let tree = try treeID()
        do throws(GitTreeReadError) {
            _ = try repository.regularFiles(inTree: tree, directory: "policy",
                                            limits: GitTreeReadLimits(maximumFileSize: 10_000))
            XCTFail("a file over the limit was read")
        } catch {
            XCTAssertEqual(error, .fileTooLarge(path: "policy/huge.test.policy", size: 20_000, limit: 10_000))
        }
    }

    func testPolicyAsSymbolicLinkIsRefused() throws {
        try FileManager.default.removeItem(at: origin.directory.appendingPathComponent("policy"))
        try FileManager.default.createSymbolicLink(atPath: origin.directory.appendingPathComponent("policy").path,
                                                   withDestinationPath: "/etc")
        try origin.commit(files: [:], message: "policy is a link")
        assertRefused(.notADirectory(path: "policy", kind: "symbolic link"))
    }

    private func assertRefused(_ expected: GitTreeReadError, file: StaticString = #filePath, line: UInt = #line) {
        do {
            let tree = try treeID()
            let files = try repository().regularFiles(inTree: tree, directory: "policy")
            XCTFail("read \(files.map(\.path)) instead of refusing", file: file, line: line)
        } catch let error as GitTreeReadError {
            XCTAssertEqual(error, expected, file: file, line: line)
        } catch {
            XCTFail("\(error)", file: file, line: line)
        }
    }

    /// A tree object's bytes: `MODE NAME\0` and the 20-byte ID, per entry.
    static func treeBytes(_ entries: [(mode: String, name: String, id: String)]) -> Data {
        var data = Data()
        for entry in entries {
            data.append(Data("\(entry.mode) \(entry.name)\0".utf8))
            var hex = Substring(entry.id)
            while hex.count >= 2 {
                data.append(UInt8(hex.prefix(2), radix: 16) ?? 0)
                hex = hex.dropFirst(2)
            }
        }
        return data
    }
}
