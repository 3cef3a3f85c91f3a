import Foundation
import PolicyProbe
import PolicyReport
import XCTest

/// Merging probe results: the shards of one run, and runs over time.
final class ReportMergeTests: XCTestCase {
    private func entry(_ report: MergedReport, _ key: String) throws -> ReportEntry {
        try XCTUnwrap(report.entries.first { $0.result.key == key }, "no entry \(key)")
    }

    func testShardsOfOneRunAreUnitedAndSortedByKey() throws {
        let report = ReportMerger.merge(try ReportFixtures.newerShards())
        XCTAssertEqual(report.entries.map(\.result.key), [".parent.test", "bad.test", "gone.test", "good.test", "weak.test"])
        XCTAssertEqual(report.counts, [.pass: 1, .fail: 1, .stronger: 1, .unreachable: 1, .unprobeable: 1])
        XCTAssertEqual(report.sources.map(\.name), ["Fixtures/run1-shard1.json", "Fixtures/run1-shard2.json"])
        XCTAssertEqual(report.sources.map(\.entries), [2, 3])
        XCTAssertEqual(report.sources.map(\.newest), [2, 3])
        XCTAssertEqual(try entry(report, "weak.test").source, "Fixtures/run1-shard2.json")
    }

    func testTheOrderOfShardsDoesNotChangeTheReport() throws {
        let shards = try ReportFixtures.newerShards()
        let forward = ReportMerger.merge(shards)
        let backward = ReportMerger.merge(shards.reversed())
        XCTAssertEqual(forward.entries, backward.entries)
        XCTAssertEqual(MarkdownReportRenderer().render(forward).components(separatedBy: "## Failing").last,
                       MarkdownReportRenderer().render(backward).components(separatedBy: "## Failing").last)
    }

    func testTheStartTimeTheProbeWroteBeatsTheTimeTheCallerGives() throws {
        var data = try String(contentsOf: ReportFixtures.url("run0.json"), encoding: .utf8)
        data = data.replacingOccurrences(of: "\"version\": 1", with: "\"started\": \"2026-11-20T05:06:07Z\", \"version\": 1")
        XCTAssertTrue(data.contains("started"), "the fixture's version line has the expected form")
        let file = try ProbeResultsFile(decoding: Data(data.utf8), name: "run0.json", runTime: ReportFixtures.olderRun)
        XCTAssertEqual(file.runTime, Date(timeIntervalSince1970: 1_795_151_167)) // 2026-11-20T05:06:07Z
        let unstamped = try ReportFixtures.file("run0.json", at: ReportFixtures.olderRun)
        XCTAssertEqual(unstamped.runTime, ReportFixtures.olderRun)
    }

    func testNewestRunWinsWhateverTheArgumentOrder() throws {
        let history = try ReportFixtures.history()
        for files in [history, history.reversed()] {
            let report = ReportMerger.merge(files)
            // good.test failed in the older run, passes in the newer one.
            let good = try entry(report, "good.test")
            XCTAssertEqual(good.result.verdict, .pass)
            XCTAssertEqual(good.probed, ReportFixtures.newerRun)
            XCTAssertEqual(good.runs, 2)
            // bad.test passed in the older run and fails now: the failure is shown.
            XCTAssertEqual(try entry(report, "bad.test").result.verdict, .fail)
            XCTAssertEqual(report.entries.count, 5)
        }
    }

    func testLastVerifiedIsTheNewestRunWhereTheEntryPassed() throws {
        let report = ReportMerger.merge(try ReportFixtures.history())
        // Fails now, passed in the older run.
        XCTAssertEqual(try entry(report, "bad.test").lastVerified, ReportFixtures.olderRun)
        // Unreachable now, passed in the older run.
        XCTAssertEqual(try entry(report, "gone.test").lastVerified, ReportFixtures.olderRun)
        // Failed before, passes now.
        XCTAssertEqual(try entry(report, "good.test").lastVerified, ReportFixtures.newerRun)
        // A stronger verdict passes too.
        XCTAssertEqual(try entry(report, "weak.test").lastVerified, ReportFixtures.newerRun)
        // Never passed in the runs given.
        XCTAssertNil(try entry(report, ".parent.test").lastVerified)

        // Without the older run nothing vouches for bad.test.
        let newerOnly = ReportMerger.merge(try ReportFixtures.newerShards())
        XCTAssertNil(try entry(newerOnly, "bad.test").lastVerified)
    }

    func testAnOlderFileGivenLastDoesNotOverrideANewerResult() throws {
        let files = try ReportFixtures.newerShards() + [try ReportFixtures.file("run0.json", at: ReportFixtures.olderRun)]
        let report = ReportMerger.merge(files)
        XCTAssertEqual(try entry(report, "bad.test").result.verdict, .fail)
        XCTAssertEqual(report.sources.last?.newest, 0, "no result of the older run is the newest")
    }

    func testFilesOfTheSameRunTimeLetTheLastGivenWin() throws {
        let older = try ReportFixtures.file("run0.json", at: ReportFixtures.newerRun)
        let newer = try ReportFixtures.file("run1-shard1.json", at: ReportFixtures.newerRun)
        XCTAssertEqual(try entry(ReportMerger.merge([older, newer]), "bad.test").result.verdict, .fail)
        XCTAssertEqual(try entry(ReportMerger.merge([newer, older]), "bad.test").result.verdict, .pass)
    }

    func testProviderStatusPerDatasetFile() throws {
        let providers = ReportMerger.merge(try ReportFixtures.history()).providers
        XCTAssertEqual(providers.map(\.file), ["policy/other.policy", "policy/provider.policy"])
        XCTAssertEqual(providers.map(\.name), ["other", "provider"])
        let other = providers[0]
        XCTAssertEqual(other.entries, 3)
        XCTAssertEqual(other.count(.unreachable), 1)
        XCTAssertEqual(other.count(.stronger), 1)
        XCTAssertEqual(other.count(.unprobeable), 1)
        // Its unprobeable entry does not count; gone.test last passed in the older run.
        XCTAssertEqual(other.verifiedSince, ReportFixtures.olderRun)
        let provider = providers[1]
        XCTAssertEqual(provider.count(.fail), 1)
        XCTAssertEqual(provider.count(.pass), 1)
        XCTAssertEqual(provider.verifiedSince, ReportFixtures.olderRun)
        XCTAssertNil(ReportMerger.merge(try ReportFixtures.newerShards()).providers[1].verifiedSince,
                     "bad.test never passed in the newer run alone")
    }

    func testInvalidInputIsATypedErrorNamingFileAndPlace() throws {
        func error(_ text: String) -> ReportInputError? {
            do {
                _ = try ProbeResultsFile(decoding: Data(text.utf8), name: "in.json", runTime: ReportFixtures.newerRun)
                return nil
            } catch {
                return error
            }
        }
        let syntax = try XCTUnwrap(error("{\"version\": 1, "))
        guard case .invalid(file: "in.json", _) = syntax else { return XCTFail("\(syntax)") }

        let version = try XCTUnwrap(error("{\"version\": 2, \"entries\": []}"))
        XCTAssertEqual(version, .unsupportedVersion(file: "in.json", version: 2))
        XCTAssertTrue(version.description.contains("in.json"), version.description)

        var document = try String(contentsOf: ReportFixtures.url("run1-shard1.json"), encoding: .utf8)
        document = document.replacingOccurrences(of: "\"verdict\": \"fail\"", with: "\"verdict\": \"maybe\"")
        let verdict = try XCTUnwrap(error(document))
        XCTAssertTrue(verdict.description.hasPrefix("in.json: "), verdict.description)
        XCTAssertTrue(verdict.description.contains("entries[0].verdict"), verdict.description)

        let missing = try XCTUnwrap(error("{\"version\": 1, \"sessions\": 0, \"elapsed\": 0, \"deadlineReached\": false}"))
        XCTAssertTrue(missing.description.contains("missing field 'entries'"), missing.description)
    }
}
