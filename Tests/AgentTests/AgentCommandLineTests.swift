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
        XCTAssertEqual(result.exitStatus, 0, result.stderrText)
        for subcommand in ["sync", "status", "diff", "verify", "doctor"] {
            XCTAssertTrue(result.stdoutText.contains(subcommand), "help lacks \(subcommand):\n\(result.stdoutText)")
        }
        XCTAssertTrue(result.stdoutText.contains("USAGE: tls-policy-agent"), result.stdoutText)
    }

    func testVersionPrintsAgentVersion() throws {
        let result = try agent().run(["--version"])
        XCTAssertEqual(result.exitStatus, 0, result.stderrText)
        XCTAssertEqual(result.stdoutText.trimmingCharacters(in: .whitespacesAndNewlines), AgentVersion.current)
    }

    func testUnknownFlagIsUsageErrorWithExitCode2() throws {
        let result = try agent().run(["--no-such-flag"])
        // The contract both tools share, not ArgumentParser's EX_USAGE (64).
        XCTAssertEqual(result.exitStatus, 2)
        XCTAssertTrue(result.stderrText.contains("--no-such-flag"), result.stderrText)
        XCTAssertEqual(result.stdoutText, "")
    }

    func testSubcommandsWithoutConfigurationExit2WithTheFileNamed() throws {
        let missing = "/nonexistent/agent.cf"
        for subcommand in [["sync"], ["status"], ["diff"], ["verify", "v1.0.0"], ["doctor"], ["forget", "v1"]] {
            let result = try agent().run(subcommand + ["--config", missing])
            XCTAssertEqual(result.exitStatus, 2, "a configuration that cannot be read is a usage error: \(subcommand): \(result.stderrText)")
            XCTAssertTrue(result.stderrText.contains("Error: \(missing):0: cannot read the configuration"),
                          "\(subcommand) stderr: \(result.stderrText)")
            XCTAssertEqual(result.stdoutText, "", "\(subcommand) wrote to stdout")
        }
    }

    func testEverySettingIsAlsoAFlag() throws {
        let result = try agent().run(["sync", "--help"])
        XCTAssertEqual(result.exitStatus, 0, result.stderrText)
        for setting in AgentSetting.allCases.map(\.rawValue) {
            let flag = "--" + setting.replacingOccurrences(of: "_", with: "-")
            XCTAssertTrue(result.stdoutText.contains(flag), "sync --help lacks \(flag)")
        }
    }

    func testSubcommandHelpDescribesItsStep() throws {
        let result = try agent().run(["sync", "--help"])
        XCTAssertEqual(result.exitStatus, 0, result.stderrText)
        XCTAssertTrue(result.stdoutText.contains("signed release"), result.stdoutText)
        XCTAssertTrue(result.stdoutText.contains("--log-level"), result.stdoutText)
    }
}
