import Foundation
import TLSPolicyLab
import XCTest

/// Every call of this project's programs in a workflow's `run:` steps names a subcommand
/// and options that exist, asked of the built binaries themselves (`--help`). A flag the
/// code has not landed yet fails here, as it would fail in GitHub's runner.
final class WorkflowCommandTests: XCTestCase {
    private func invocations(of program: (ProjectCommandInvocation) -> Bool) throws -> [(place: String, call: ProjectCommandInvocation)] {
        var found: [(String, ProjectCommandInvocation)] = []
        for workflow in try Workflow.all() {
            for job in try workflow.jobs() {
                for (step, script) in job.runScripts {
                    for call in ProjectCommandScanner.invocations(in: script) where program(call) {
                        found.append(("\(workflow.name), job \(job.id), step \"\(step)\"", call))
                    }
                }
            }
        }
        return found
    }

    /// Checks each call of `name` against the binary's help; returns the problems.
    private func problems(product name: String) throws -> (checked: Int, problems: [String]) {
        let binary = try ProductBinary.named(name)
        let calls = try invocations { $0.program == name }
        var problems: [String] = []
        var helps: [String?: Result<HelpListing, Error>] = [:]
        for (place, call) in calls {
            let help = helps[call.subcommand] ?? Result { try HelpListing(binary: binary, subcommand: call.subcommand) }
            helps[call.subcommand] = help
            switch help {
            case .failure(let error):
                problems.append("\(place): `\(call)`: no such subcommand: \(error)")
            case .success(let listing):
                for option in call.options where !listing.lists(option) {
                    problems.append("\(place): `\(call)`: `\(listing.command.joined(separator: " "))` does not list \(option)")
                }
            }
        }
        return (calls.count, problems)
    }

    func testValidatorCallsUseExistingSubcommandsAndOptions() throws {
        let (checked, problems) = try problems(product: "tls-policy-validator")
        XCTAssertGreaterThanOrEqual(checked, 6, "lint, probe (changed, sharded), report, render x2")
        XCTAssertEqual(problems, [], problems.joined(separator: "\n"))
    }

    func testAgentCallsUseExistingSubcommandsAndOptions() throws {
        let (checked, problems) = try problems(product: "tls-policy-agent")
        XCTAssertGreaterThanOrEqual(checked, 1, "the release workflow verifies the tag with the agent")
        XCTAssertEqual(problems, [], problems.joined(separator: "\n"))
    }

    func testScriptsCalledByWorkflowsExistAreExecutableAndTakeTheirOptions() throws {
        let calls = try invocations { !$0.isProductBinary }
        XCTAssertTrue(calls.contains { $0.call.program == "scripts/setup" })
        XCTAssertTrue(calls.contains { $0.call.program == "scripts/package-deb" })
        for (place, call) in calls {
            let url = RepositoryRoot.url.appendingPathComponent(call.program)
            XCTAssertTrue(FileManager.default.isExecutableFile(atPath: url.path), "\(place): \(call.program) is not an executable file")
            guard !call.options.isEmpty else { continue }
            // Only scripts that take options are asked for --help (scripts/setup would run).
            let listing = try HelpListing(script: url)
            for option in call.options {
                XCTAssertTrue(listing.lists(option), "\(place): \(call.program) --help does not list \(option)")
            }
        }
    }

    /// The check can fail: an option the binary lacks, and a subcommand it lacks, are caught.
    func testTheHelpCheckRejectsAnUnknownOptionAndAnUnknownSubcommand() throws {
        let validator = try ProductBinary.named("tls-policy-validator")
        let lint = try HelpListing(binary: validator, subcommand: "lint")
        XCTAssertTrue(lint.lists("--format"))
        XCTAssertFalse(lint.lists("--form"), "a prefix of an option is not the option")
        XCTAssertFalse(lint.lists("--no-such-option"))
        XCTAssertThrowsError(try HelpListing(binary: validator, subcommand: "no-such-subcommand"))
    }

    func testTheScannerFindsCallsAcrossContinuationsQuotesPipesAndRedirections() {
        let script = """
            # tls-policy-validator commented --out
            echo "tls-policy-validator quoted --out"
            status=0
            tls-policy-validator probe --shard ${{ matrix.shard }}/8 \\
              --format=json policy/ > "results/x.json" 2>&1 || status=$?
            "$GITHUB_WORKSPACE/.build/release/tls-policy-agent" verify "$TAG" --config "$work/agent.cf" | tee log
            ./scripts/package-deb --bin-dir .build/release --output dist
            """
        XCTAssertEqual(ProjectCommandScanner.invocations(in: script), [
            ProjectCommandInvocation(program: "tls-policy-validator", subcommand: "probe", options: ["--shard", "--format"]),
            ProjectCommandInvocation(program: "tls-policy-agent", subcommand: "verify", options: ["--config"]),
            ProjectCommandInvocation(program: "scripts/package-deb", subcommand: nil, options: ["--bin-dir", "--output"]),
        ])
    }
}
