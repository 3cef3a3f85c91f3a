import Foundation
import TLSPolicyLab
import XCTest

/// The `tls-policy-agent` command line, run as the built binary.
final class AgentCommandLineTests: XCTestCase {
    private func agent() throws -> ProductBinary {
        try ProductBinary.named("tls-policy-agent")
    }

    func testHelpExitsZeroAndListsPlannedSubcommands() throws {
        let result = try agent().run(["--help"])
        XCTAssertEqual(result.status, 0, result.standardError)
        for subcommand in ["sync", "status", "diff", "verify", "doctor"] {
            XCTAssertTrue(result.standardOutput.contains(subcommand), "help lacks \(subcommand):\n\(result.standardOutput)")
        }
        XCTAssertTrue(result.standardOutput.contains("USAGE: tls-policy-agent"), result.standardOutput)
    }

    func testVersionPrintsAgentVersion() throws {
        let result = try agent().run(["--version"])
        XCTAssertEqual(result.status, 0, result.standardError)
        XCTAssertEqual(result.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines), "0.1.0")
    }

    func testUnknownFlagIsUsageErrorWithExitCode64() throws {
        let result = try agent().run(["--no-such-flag"])
        // ArgumentParser reports a usage error as EX_USAGE from sysexits.h.
        XCTAssertEqual(result.status, 64)
        XCTAssertTrue(result.standardError.contains("--no-such-flag"), result.standardError)
        XCTAssertEqual(result.standardOutput, "")
    }

    func testPlannedSubcommandsExitTwoWithNotImplementedMessage() throws {
        for subcommand in ["sync", "status", "diff", "verify", "doctor"] {
            let result = try agent().run([subcommand])
            XCTAssertEqual(result.status, 2, "\(subcommand): \(result.standardError)")
            XCTAssertTrue(
                result.standardError.contains("tls-policy-agent \(subcommand) is not implemented yet"),
                "\(subcommand) stderr: \(result.standardError)")
            XCTAssertEqual(result.standardOutput, "", "\(subcommand) wrote to stdout")
        }
    }

    func testSubcommandHelpDescribesItsStep() throws {
        let result = try agent().run(["sync", "--help"])
        XCTAssertEqual(result.status, 0, result.standardError)
        XCTAssertTrue(result.standardOutput.contains("signed release"), result.standardOutput)
        XCTAssertTrue(result.standardOutput.contains("--log-level"), result.standardOutput)
    }
}
