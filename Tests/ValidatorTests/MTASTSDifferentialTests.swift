import Foundation
import TLSPolicyLab
import XCTest

/// RFC 8461 case by case, through the real `tls-policy-validator probe` binary and, beside
/// it on the same lab DNS and HTTPS servers, postfix-mta-sts-resolver (its `mta-sts-query`
/// and its daemon, asked by `postmap` over socketmap as Postfix asks it).
///
/// For each case of ``DifferentialCases`` the test asserts the project's result (the RFC's)
/// and the resolver's, and that a deviation is listed exactly where the two differ.
final class MTASTSDifferentialTests: XCTestCase {
    func testProjectAndResolverAgainstRFC8461() throws {
        let cases = DifferentialCases.all
        XCTAssertEqual(Set(cases.map(\.name)).count, cases.count, "case names are unique")
        let lab = try DifferentialLab()
        defer { lab.stop() }
        let observations = try lab.run(cases)

        for testCase in cases {
            let label = "\(testCase.name): \(testCase.rule)"
            guard let observed = observations[testCase.domain] else {
                XCTFail("\(label): no observation")
                continue
            }
            let project = ProjectEvidence(observed.project)
            assertProject(project, testCase, label)

            // The resolver's query tool.
            let query = observed.query
            switch testCase.resolver {
            case .valid(let id, let mode, let mx, let maxAge):
                XCTAssertEqual(query.status, .valid, "\(label): resolver \(query)")
                XCTAssertEqual(query.id, id, "\(label): resolver \(query)")
                XCTAssertEqual(query.mode, mode, "\(label): resolver \(query)")
                XCTAssertEqual(query.mx, mx, "\(label): resolver \(query)")
                XCTAssertEqual(query.maxAge, maxAge, "\(label): resolver \(query)")
            case .none:
                XCTAssertEqual(query.status, .none, "\(label): resolver \(query)")
            case .fetchError:
                XCTAssertEqual(query.status, .fetchError, "\(label): resolver \(query)")
            }

            // The resolver's daemon: an enforce policy becomes `secure match=` with each `*.` cut
            // to `.` (Postfix's "any subdomain"); testing (strict_testing off), none and no policy
            // give no answer.
            var expectedAnswer: DaemonAnswer?
            if case .valid(_, "enforce", let mx, _) = testCase.resolver {
                expectedAnswer = DaemonAnswer(level: "secure", match: Set(mx.map { $0.hasPrefix("*") ? String($0.dropFirst()) : $0 }),
                                              rest: ["servername=hostname"])
            }
            XCTAssertEqual(observed.daemon.map(DaemonAnswer.init), expectedAnswer, "\(label): daemon \(observed.daemon ?? "NOTFOUND")")

            // The table is honest: a deviation is listed where, and only where, the two differ.
            var differs = project.policyFields != query.policyFields
            if project.mode == "enforce", query.mode == "enforce" {
                let daemonAllows = observed.daemon.map { DaemonAnswer($0).postfixAllows(testCase.mxHost) } ?? false
                differs = differs || project.rejectedMX.contains(testCase.mxHost) == daemonAllows
            }
            XCTAssertEqual(differs, testCase.deviation != nil,
                           "\(label): the implementations \(differs ? "differ" : "agree") but the table says \(testCase.deviation ?? "they agree")")
        }
        try assertText(lab)
    }

    /// The text output says per domain what the JSON says: found or not and why, the fields, disagreements.
    private func assertText(_ lab: DifferentialLab) throws {
        let expected: [(String, String)] = [
            ("txt-valid.test", "MTA-STS policy id=20240101T000000 mode=enforce max_age=86400 mx=mx1.provider.test"),
            ("pol-testing.test", "MTA-STS policy id=1 mode=testing max_age=86400 mx=mx1.provider.test (testing: evidence, not enforcement"),
            ("pol-none.test", "MTA-STS policy id=1 mode=none max_age=86400 (mode none: no active policy, RFC 8461 5)"),
            ("txt-none.test", "MTA-STS: no policy: no TXT record at _mta-sts.txt-none.test"),
            ("txt-refused.test", "MTA-STS: could not be determined: the _mta-sts.txt-refused.test TXT lookup failed: "),
            ("get-redirect.test", "MTA-STS: no usable policy: https://mta-sts.get-redirect.test/.well-known/mta-sts.txt: HTTP 301 redirect"),
            ("mx-two-labels.test", "- MTA-STS: MX host a.b.provider.test is not allowed by the MTA-STS policy (mx: *.provider.test)"),
        ]
        let text = try lab.probeText(expected.map(\.0))
        let lines = text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        for (domain, line) in expected {
            XCTAssertTrue(lines.contains { $0.hasPrefix(line) }, "\(domain): no line starting \(line) in\n\(text)")
        }
    }

    private func assertProject(_ project: ProjectEvidence, _ testCase: DifferentialCase, _ label: String) {
        switch testCase.project {
        case .policy(let id, let mode, let mx, let maxAge):
            XCTAssertEqual(project.status, "policy", "\(label): project \(project.raw)")
            XCTAssertEqual(project.id, id, "\(label): project \(project.raw)")
            XCTAssertEqual(project.mode, mode, "\(label): project \(project.raw)")
            XCTAssertEqual(project.mx, mx, "\(label): project \(project.raw)")
            XCTAssertEqual(project.maxAge, maxAge, "\(label): project \(project.raw)")
            // RFC 8461 4.1 and 5: an active policy names the MX hosts it does not allow; none names none.
            let rejected = mode == "none" || RFC8461.allows(mx, testCase.mxHost) ? [] : [testCase.mxHost]
            XCTAssertEqual(project.rejectedMX, rejected, "\(label): project disagreements \(project.disagreements)")
        case .noRecord:
            XCTAssertEqual(project.status, "no-record", "\(label): project \(project.raw)")
        case .lookupFailed:
            XCTAssertEqual(project.status, "lookup-failed", "\(label): project \(project.raw)")
        case .error(let fragment):
            XCTAssertEqual(project.status, "error", "\(label): project \(project.raw)")
            XCTAssertTrue(project.reason.contains(fragment), "\(label): project reason \(project.reason)")
        }
    }
}

/// The project's `mtaSTS` JSON object, read.
private struct ProjectEvidence {
    let raw: [String: Any]
    var status: String? { raw["status"] as? String }
    var reason: String { raw["reason"] as? String ?? "" }
    var id: String? { raw["id"] as? String }
    var mode: String? { raw["mode"] as? String }
    var mx: [String] { raw["mx"] as? [String] ?? [] }
    var maxAge: Int? { raw["maxAge"] as? Int }
    var disagreements: [String] { raw["disagreements"] as? [String] ?? [] }

    init(_ raw: [String: Any]) { self.raw = raw }

    /// The MX hosts the disagreements say the policy does not allow (entries are at `encrypt`).
    var rejectedMX: [String] {
        disagreements.compactMap { line in
            guard line.hasPrefix("MX host "), let end = line.range(of: " is not allowed by the MTA-STS policy") else { return nil }
            return String(line[line.index(line.startIndex, offsetBy: 8)..<end.lowerBound])
        }
    }

    var policyFields: PolicyFields? {
        guard status == "policy", let id, let mode, let maxAge else { return nil }
        return PolicyFields(id: id, mode: mode, mx: mx, maxAge: maxAge)
    }
}

/// What a usable policy is made of, for comparing the two implementations.
private struct PolicyFields: Equatable {
    var id: String
    var mode: String
    var mx: [String]
    var maxAge: Int
}

private extension MTASTSQueryAnswer {
    var policyFields: PolicyFields? {
        guard status == .valid, let id, let mode, let maxAge else { return nil }
        return PolicyFields(id: id, mode: mode, mx: mx, maxAge: maxAge)
    }
}

/// A Postfix TLS policy as the resolver's daemon answers it: `secure match=a:b servername=hostname`.
private struct DaemonAnswer: Equatable {
    var level: String
    var match: Set<String>
    var rest: [String]

    init(level: String, match: Set<String>, rest: [String]) {
        self.level = level
        self.match = match
        self.rest = rest
    }

    init(_ text: String) {
        var words = text.split(separator: " ").map(String.init)
        level = words.isEmpty ? "" : words.removeFirst()
        let matchWord = words.first { $0.hasPrefix("match=") }
        match = Set(matchWord.map { $0.dropFirst(6).split(separator: ":").map(String.init) } ?? [])
        rest = words.filter { !$0.hasPrefix("match=") }
    }

    /// Postfix's `match=` semantics for a host name: `.domain` is any name below the domain,
    /// at any depth; anything else the name itself.
    func postfixAllows(_ host: String) -> Bool {
        match.contains { $0.hasPrefix(".") ? host.hasSuffix($0) : host == $0 }
    }
}

/// RFC 8461 4.1 matching, spelled out as the test's expectation.
private enum RFC8461 {
    /// `*.domain` matches a name with exactly one label in place of the `*`; other patterns the name itself.
    static func allows(_ patterns: [String], _ host: String) -> Bool {
        patterns.contains { pattern in
            guard pattern.hasPrefix("*.") else { return pattern == host }
            let suffix = pattern.dropFirst()
            guard host.hasSuffix(suffix) else { return false }
            let label = host.dropLast(suffix.count)
            return !label.isEmpty && !label.contains(".")
        }
    }
}
