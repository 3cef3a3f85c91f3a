@testable import Agent
import Foundation
import XCTest

/// docs/agent.cf.example is the documented example, byte for byte: the file people copy
/// cannot drift from the text the parser tests prove.
final class AgentConfigurationExampleFileTests: XCTestCase {
    func testDocsExampleIsIdenticalToTheTestedExample() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let file = root.appendingPathComponent("docs/agent.cf.example")
        let text = try String(contentsOf: file, encoding: .utf8)
        XCTAssertEqual(text, AgentConfigurationExample.text + "\n",
                       "regenerate docs/agent.cf.example from AgentConfigurationExample.text")
    }
}
