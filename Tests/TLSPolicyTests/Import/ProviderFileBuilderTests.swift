import XCTest
@testable import TLSPolicy

final class ProviderFileBuilderTests: XCTestCase {
    private let policy = """
        # Generated at 2024-05-24 20:50:45 by https://github/tmolitor-stud-tu/postfix-tls-policy generator

        # Matched cert names for nexthop, dot-nexthop, hostname
        web.de\t\tsecure match=nexthop:dot-nexthop:hostname

        # Unmatched cert names, fixing using explictly listed names
        email.de\t\tsecure match=.web.de

        # Matched cert names for nexthop, dot-nexthop, hostname
        bund.de\t\tsecure match=nexthop:dot-nexthop:hostname

        """
    private let dane = "web.de dane-only\nemail.de secure match=.web.de\nbund.de dane-only\n"

    func testFileHasTheProviderHeaderThenCanonicalEntries() throws {
        let files = try ImportTestSupport.files(try ImportTestSupport.cswareImport(policy, dane: dane))
        XCTAssertEqual(files.map(\.name), ["bund.de.policy", "web.de.policy"])
        let web = try XCTUnwrap(files.last)
        XCTAssertEqual(web.text, """
            # Provider: WEB.DE
            # Evidence: csware/postfix-tls-policy tls_policy and tls_policy-dane, generated 2024-05-24 (CC0 1.0)

            # Unmatched cert names, fixing using explictly listed names
            email.de secure match=.web.de
            # Matched cert names for nexthop, dot-nexthop, hostname
            #@ dane
            web.de secure match=nexthop:dot-nexthop:hostname

            """)
        XCTAssertEqual(web.entryCount, 2)
        XCTAssertEqual(web.daneMarkCount, 1)
    }

    func testImportedFilesLintCleanUnderTheDatasetRules() throws {
        let files = try ImportTestSupport.files(try ImportTestSupport.cswareImport(policy, dane: dane))
        let report = ImportTestSupport.lint(files)
        XCTAssertEqual(report.diagnostics, [])
        XCTAssertEqual(report.entries, 3)
    }

    func testDaneMarksStayWithTheirEntriesWhenTheFileIsReadBack() throws {
        // Regression: comment lines directly above an entry used to be counted into the
        // previous entry's logical line, moving '#@ dane' to the wrong domain.
        let files = try ImportTestSupport.files(try ImportTestSupport.cswareImport(policy, dane: dane))
        var marked: [String] = []
        for file in files {
            let parsed = PolicyFile(name: file.name, bytes: Array(file.text.utf8),
                                    parser: PolicyValueParser(version: ImportTestSupport.minimum))
            marked += parsed.blocks.filter { $0.annotations.known.contains(.dane) }.map(\.record.key.text)
        }
        XCTAssertEqual(marked.sorted(), ["bund.de", "web.de"])
    }

    func testOutputDoesNotDependOnInputOrder() throws {
        let shuffled = """
            bund.de secure match=nexthop:dot-nexthop:hostname
            email.de secure match=.web.de
            web.de secure match=nexthop:dot-nexthop:hostname

            """
        let reversed = """
            web.de secure match=nexthop:dot-nexthop:hostname
            email.de secure match=.web.de
            bund.de secure match=nexthop:dot-nexthop:hostname

            """
        let first = try ImportTestSupport.files(try ImportTestSupport.cswareImport(shuffled))
        let second = try ImportTestSupport.files(try ImportTestSupport.cswareImport(reversed))
        XCTAssertEqual(first, second)
    }

    func testManifestTemplateDeclaresTheVersionAndParses() throws {
        let text = DatasetManifestTemplate.text(minimumPostfixVersion: ImportTestSupport.minimum)
        XCTAssertEqual(try DatasetManifest(text: text).minimumPostfixVersion, ImportTestSupport.minimum)
        XCTAssertTrue(text.contains("Debian 11 and RHEL 8/9 ship Postfix 3.5"))
    }
}
