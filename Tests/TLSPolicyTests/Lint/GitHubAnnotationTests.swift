import TLSPolicy
import XCTest

/// The one workflow-command escaper lint and probe share.
final class GitHubAnnotationTests: XCTestCase {
    func testMessageAndPropertiesAreEscapedAsTheRunnerReadsThem() {
        let annotation = GitHubAnnotation(level: .error, file: "policy/a:b,c.policy", line: 7, column: 3,
                                          title: "policy/x", message: "100% wrong\r\nsecond line")
        XCTAssertEqual(annotation.command,
                       "::error file=policy/a%3Ab%2Cc.policy,line=7,col=3,title=policy/x::100%25 wrong%0D%0Asecond line")
    }

    func testColumnIsLeftOutWhenThereIsNone() {
        let annotation = GitHubAnnotation(level: .warning, file: "policy/p.policy", line: 2, title: "probe/stronger",
                                          message: "a: b, c")
        XCTAssertEqual(annotation.command, "::warning file=policy/p.policy,line=2,title=probe/stronger::a: b, c",
                       "':' and ',' are delimiters only in properties")
    }
}
