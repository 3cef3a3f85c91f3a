@testable import Agent
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

    func testSubcommandsWithoutConfigurationFailWithTheFileNamed() throws {
        let missing = "/nonexistent/agent.cf"
        for subcommand in [["sync"], ["status"], ["diff"], ["verify", "v1.0.0"], ["doctor"]] {
            let result = try agent().run(subcommand + ["--config", missing])
            XCTAssertEqual(result.status, 1, "\(subcommand): \(result.standardError)")
            XCTAssertTrue(result.standardError.contains("Error: \(missing):0: cannot read the configuration"),
                          "\(subcommand) stderr: \(result.standardError)")
            XCTAssertEqual(result.standardOutput, "", "\(subcommand) wrote to stdout")
        }
    }

    func testEverySettingIsAlsoAFlag() throws {
        let result = try agent().run(["sync", "--help"])
        XCTAssertEqual(result.status, 0, result.standardError)
        for setting in AgentSetting.allCases.map(\.rawValue) {
            let flag = "--" + setting.replacingOccurrences(of: "_", with: "-")
            XCTAssertTrue(result.standardOutput.contains(flag), "sync --help lacks \(flag)")
        }
    }

    func testSubcommandHelpDescribesItsStep() throws {
        let result = try agent().run(["sync", "--help"])
        XCTAssertEqual(result.status, 0, result.standardError)
        XCTAssertTrue(result.standardOutput.contains("signed release"), result.standardOutput)
        XCTAssertTrue(result.standardOutput.contains("--log-level"), result.standardOutput)
    }
}
