import Foundation
import PolicyGit
import TLSPolicyLab
import XCTest

/// A test class whose tests share one ``GitRemoteLab``, made on first use by
/// ``makeLab()`` and shut down once the class's tests are done.
class GitRemoteLabTestCase: XCTestCase {
    // Each subclass has its own lab: keyed by the class, used from XCTest's one thread.
    nonisolated(unsafe) private static var labs: [ObjectIdentifier: GitRemoteLab] = [:]

    override class func tearDown() {
        labs.removeValue(forKey: ObjectIdentifier(self))?.shutDown()
        super.tearDown()
    }

    /// Programs the class's servers need; without them its tests are skipped.
    class var requiredPrograms: [String] { [] }

    /// Starts the servers the class's tests share.
    func startServers(in lab: GitRemoteLab) throws {}

    /// The class's lab, made on first use.
    func lab() throws -> GitRemoteLab {
        let key = ObjectIdentifier(type(of: self))
        if let lab = Self.labs[key] { return lab }
        let lab = try GitRemoteLab(programs: Self.requiredPrograms)
        do {
            try startServers(in: lab)
        } catch {
            lab.shutDown()
            throw error
        }
        Self.labs[key] = lab
        return lab
    }

    /// Runs `body`, which must throw a ``GitCacheError``; returns it and the seconds taken.
    func expectFailure(_ body: () throws -> Void, file: StaticString = #filePath,
                       line: UInt = #line) -> (error: GitCacheError?, seconds: Double) {
        let started = ContinuousClock.now
        do {
            try body()
            XCTFail("the fetch succeeded", file: file, line: line)
        } catch let error as GitCacheError {
            return (error, (ContinuousClock.now - started).seconds)
        } catch {
            XCTFail("not a GitCacheError: \(error)", file: file, line: line)
        }
        return (nil, (ContinuousClock.now - started).seconds)
    }

    /// Asserts that `outcome` is the fetch deadline's error for `url` after `deadline`
    /// seconds, reached within the deadline plus a small margin.
    func assertTimedOut(_ outcome: (error: GitCacheError?, seconds: Double), url: String, deadline: Double,
                        file: StaticString = #filePath, line: UInt = #line) {
        guard case .timedOut(let reported, let seconds) = outcome.error else {
            return XCTFail("\(String(describing: outcome.error))", file: file, line: line)
        }
        XCTAssertEqual(reported, url, file: file, line: line)
        XCTAssertEqual(seconds, deadline, file: file, line: line)
        XCTAssertGreaterThanOrEqual(outcome.seconds, deadline - 0.1, file: file, line: line)
        XCTAssertLessThan(outcome.seconds, deadline + 1.5, "the deadline plus a small margin", file: file, line: line)
    }
}

extension Duration {
    /// The duration in seconds, as a Double.
    var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
