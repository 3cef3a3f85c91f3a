import Foundation
import PolicySync
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
        XCTAssertEqual(result.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines), AgentVersion.current)
    }

    func testUnknownFlagIsUsageErrorWithExitCode2() throws {
        let result = try agent().run(["--no-such-flag"])
        // The contract both tools share, not ArgumentParser's EX_USAGE (64).
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.standardError.contains("--no-such-flag"), result.standardError)
        XCTAssertEqual(result.standardOutput, "")
    }

    func testSubcommandsWithoutConfigurationExit2WithTheFileNamed() throws {
        let missing = "/nonexistent/agent.cf"
        for subcommand in [["sync"], ["status"], ["diff"], ["verify", "v1.0.0"], ["doctor"], ["forget", "v1"]] {
            let result = try agent().run(subcommand + ["--config", missing])
            XCTAssertEqual(result.status, 2, "a configuration that cannot be read is a usage error: \(subcommand): \(result.standardError)")
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
