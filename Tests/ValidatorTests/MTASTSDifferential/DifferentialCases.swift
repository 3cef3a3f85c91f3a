import Foundation
import TLSPolicyLab

/// The table: every ABNF rule of RFC 8461 3.1 (TXT record) and 3.2 (policy file), the
/// fetch rules of 3.3, the one-label wildcard of 4.1 and the modes of 5, each with what
/// the RFC makes of it (the project's expected result) and what postfix-mta-sts-resolver
/// 1.1.2 (Debian 12) makes of it. `deviation` names each place where the resolver departs
/// from the RFC; a change in either implementation fails the test.
enum DifferentialCases {
    private static let enforce1 = DifferentialCase.standard("1")

    private static func policy(_ mode: String = "enforce", mx: [String] = ["mx1.provider.test"], maxAge: Int = 86_400)
        -> (DifferentialCase.ProjectResult, DifferentialCase.ResolverResult) {
        (.policy(id: "1", mode: mode, mx: mx, maxAge: maxAge), .valid(id: "1", mode: mode, mx: mx, maxAge: maxAge))
    }

    private static let lax = "the resolver accepts it"

    static let all: [DifferentialCase] = txtRecord + policyFile + fetch + wildcard

    // MARK: - 3.1 TXT record

    static let txtRecord: [DifferentialCase] = [
        .init("txt-valid", "3.1 v=STSv1; id=1*32(ALPHA/DIGIT)", txt: [["v=STSv1; id=20240101T000000"]],
              both: DifferentialCase.standard("20240101T000000")),
        .init("txt-trailing-delim", "3.1 [sts-field-delim] after the last field", txt: [["v=STSv1; id=1;"]], both: enforce1),
        .init("txt-wsp-delim", "3.1 sts-field-delim = *WSP \";\" *WSP", txt: [["v=STSv1 ;  id=1"]], both: enforce1),
        .init("txt-extension", "3.1 sts-extension, ignored", txt: [["v=STSv1; id=1; ext.1_a-b=v!:~"]], both: enforce1),
        .init("txt-split", "3.1 one record in two character-strings, joined", txt: [["v=STSv1; ", "id=1"]], both: enforce1),
        .init("txt-none", "3.1 no TXT record: no policy", txt: [], both: (.noRecord, .none)),
        .init("txt-other-records", "3.1 records not beginning with v=STSv1; are discarded", txt: [["v=spf1 -all"], ["x=y"]],
              both: (.noRecord, .none)),
        .init("txt-discard", "3.1 v=STSv1.1 beside v=STSv1; is discarded, one record remains",
              txt: [["v=STSv1.1; id=old"], ["v=STSv1; id=1"]], project: enforce1.0, resolver: .none,
              deviation: "3.1: counts every record starting with \"v=STSv1\" (v=STSv1.1 too) instead of discarding those not beginning with \"v=STSv1;\", so it sees two records and no policy"),
        .init("txt-two-records", "3.1 two v=STSv1; records: no policy", txt: [["v=STSv1; id=1"], ["v=STSv1; id=2"]],
              both: (.error("2 records begin with"), .none)),
        .init("txt-refused", "3.1 a failed TXT lookup is not an absent record", txt: nil, both: (.lookupFailed, .fetchError)),
        .init("txt-dup-id", "3.2 a repeated id: the first counts", txt: [["v=STSv1; id=first; id=second"]],
              project: DifferentialCase.standard("first").0, resolver: DifferentialCase.standard("second").1,
              deviation: "3.2 (\"all entries except for the first SHALL be ignored\"): the last id wins"),
        .init("txt-no-id", "3.1 sts-id is required", txt: [["v=STSv1; ext=1"]], both: (.error("no id"), .none)),
        .init("txt-version-case", "3.1 %s\"v=STSv1\" is case-sensitive", txt: [["v=stsv1; id=1"]],
              both: (.error("must begin"), .none)),
        .init("txt-version-not-first", "3.1 sts-version comes first", txt: [["id=1; v=STSv1"]],
              both: (.error("must begin"), .none)),
        .init("txt-empty-field", "3.1 no empty field between delimiters", txt: [["v=STSv1;;id=1"]],
              project: .error("empty field"), resolver: enforce1.1, deviation: "3.1 ABNF: \(lax) (empty fields skipped)"),
        .init("txt-trailing-space", "3.1 no space after the last field without ';'", txt: [["v=STSv1; id=1 "]],
              project: .error("space after the last field"), resolver: enforce1.1, deviation: "3.1 ABNF: \(lax) (fields stripped)"),
        .init("txt-id-long", "3.1 id is at most 32 characters", txt: [["v=STSv1; id=" + String(repeating: "a", count: 33)]],
              project: .error("is not 1 to 32"), resolver: DifferentialCase.standard(String(repeating: "a", count: 33)).1,
              deviation: "3.1 ABNF sts-id: \(lax) (any id)"),
        .init("txt-id-dash", "3.1 id is letters and digits", txt: [["v=STSv1; id=2024-01-01"]],
              project: .error("is not 1 to 32"), resolver: DifferentialCase.standard("2024-01-01").1,
              deviation: "3.1 ABNF sts-id: \(lax) (any id)"),
        .init("txt-ext-underscore", "3.1 sts-ext-name starts with ALPHA/DIGIT", txt: [["v=STSv1; id=1; _ext=1"]],
              project: .error("field name"), resolver: enforce1.1, deviation: "3.1 ABNF sts-ext-name: \(lax)"),
        .init("txt-ext-long-name", "3.1 sts-ext-name is at most 32 characters",
              txt: [["v=STSv1; id=1; " + String(repeating: "e", count: 33) + "=1"]],
              project: .error("field name"), resolver: enforce1.1, deviation: "3.1 ABNF sts-ext-name: \(lax)"),
        .init("txt-ext-empty", "3.1 sts-ext-value is 1* characters", txt: [["v=STSv1; id=1; ext="]],
              project: .error("empty"), resolver: enforce1.1, deviation: "3.1 ABNF sts-ext-value: \(lax)"),
        .init("txt-ext-equals", "3.1 sts-ext-value excludes '='", txt: [["v=STSv1; id=1; ext=a=b"]],
              project: .error("holds '='"), resolver: enforce1.1, deviation: "3.1 ABNF sts-ext-value: \(lax)"),
    ]

    // MARK: - 3.2 policy file (and 5, modes)

    static let policyFile: [DifferentialCase] = [
        .init(policy: "version: STSv1\r\nmode: enforce\r\nmx: mx1.provider.test\r\nmax_age: 86400\r\n", "pol-crlf",
              "3.2 sts-policy-term = LF / CRLF", project: policy().0, resolver: policy().1),
        .init(policy: "version: STSv1\nmode: enforce\nmx: mx1.provider.test\nmax_age: 86400", "pol-no-final-newline",
              "3.2 [sts-policy-term] after the last field", project: policy().0, resolver: policy().1),
        .init(policy: "version: STSv1\nmode:testing\nmx: mx1.provider.test\nmax_age: 86400\n", "pol-testing",
              "3.2/5 mode testing (evidence, not enforcement)", project: policy("testing").0, resolver: policy("testing").1),
        .init(policy: "version: STSv1\nmode: none\nmax_age: 86400\n", "pol-none", "3.2/5 mode none needs no mx: no active policy",
              project: policy("none", mx: []).0, resolver: policy("none", mx: []).1),
        .init(policy: "version: STSv1\nmode: enforce\nmx: mx1.provider.test\nmax_age: 0\n", "pol-max-age-zero",
              "3.2 max_age 0 is 1*10(DIGIT)", project: policy(maxAge: 0).0, resolver: policy(maxAge: 0).1),
        .init(policy: "version: STSv1\nmode: enforce\nmx: mx1.provider.test\nmax_age: 86400\nfuture_field: x y\n", "pol-extension",
              "3.2 an unknown field is ignored", project: policy().0, resolver: policy().1),
        .init(policy: "version: STSv1\nmode: enforce\nmode: testing\nmx: mx1.provider.test\nmax_age: 86400\n", "pol-dup-mode",
              "3.2 a repeated mode: the first counts", project: policy().0, resolver: policy("testing").1,
              deviation: "3.2 (\"all entries except for the first SHALL be ignored\"): the last mode wins"),
        .init(policy: "version: STSv1\nversion: STSv2\nmode: enforce\nmx: mx1.provider.test\nmax_age: 86400\n", "pol-dup-version",
              "3.2 a repeated version: the first counts", project: policy().0, resolver: .fetchError,
              deviation: "3.2 (\"all entries except for the first SHALL be ignored\"): the last version wins and is refused"),
        .init(policy: "version: STSv1\nmode: enforce\nmx: mx1.provider.test\nmax_age: 86400\nmax_age: 604800\n", "pol-dup-max-age",
              "3.2 a repeated max_age: the first counts", project: policy().0, resolver: policy(maxAge: 604_800).1,
              deviation: "3.2 (\"all entries except for the first SHALL be ignored\"): the last max_age wins"),
        .init(policy: "version: STSv1\nmode: Enforce\nmx: mx1.provider.test\nmax_age: 86400\n", "pol-mode-case",
              "3.2 %s\"enforce\" is case-sensitive", project: .error("mode \"Enforce\""), resolver: .fetchError),
        .init(policy: "version: STSv1\nmode : enforce\nmx: mx1.provider.test\nmax_age: 86400\n", "pol-space-before-colon",
              "3.2 no space between name and ':'", project: .error("not a field name"), resolver: .fetchError),
        .init(policy: "mode: enforce\nmx: mx1.provider.test\nmax_age: 86400\n", "pol-no-version", "3.2 version is required",
              project: .error("no version"), resolver: .fetchError),
        .init(policy: "version: STSv1\nmode: enforce\nmax_age: 86400\n", "pol-no-mx", "3.2 enforce needs an mx",
              project: .error("at least one mx"), resolver: .fetchError),
        .init(policy: "version: STSv1\nmode: enforce\nmx: mx1.provider.test\nmax_age: 31557601\n", "pol-max-age-too-big",
              "3.2 max_age at most 31557600", project: .error("exceeds"), resolver: .fetchError),
        .init(policy: "version: STSv1\nmode: enforce\nmx: mx1.provider.test\nmax_age: +86400\n", "pol-max-age-plus",
              "3.2 max_age is digits only", project: .error("1 to 10 digits"), resolver: policy().1,
              deviation: "3.2 ABNF sts-policy-max-age-value: \(lax) (read as a Python int)"),
        .init(policy: "version: STSv1\nmode: enforce\nmx: mx1.provider.test\nmax_age: 00000086400\n", "pol-max-age-11-digits",
              "3.2 max_age is at most 10 digits", project: .error("1 to 10 digits"), resolver: policy().1,
              deviation: "3.2 ABNF 1*10(DIGIT): \(lax)"),
        .init(policy: "version: STSv1\nmode: enforce\nmx: *.*.provider.test\nmax_age: 86400\n", "pol-mx-deep-wildcard",
              "3.2 mx = [\"*.\"] Domain: one wildcard label", project: .error("mx pattern"),
              resolver: policy(mx: ["*.*.provider.test"]).1, deviation: "3.2 ABNF sts-policy-mx-value: \(lax)"),
        .init(policy: "version: STSv1\nmode: enforce\nmx: mx1.provider.test.\nmax_age: 86400\n", "pol-mx-trailing-dot",
              "3.2 mx Domain has no trailing dot", project: .error("mx pattern"),
              resolver: policy(mx: ["mx1.provider.test."]).1, deviation: "3.2 ABNF sts-policy-mx-value (RFC 5321 Domain): \(lax)"),
        .init(policy: "version: STSv1\nmode: enforce\nmx: mx1.provider.test\nmax_age: 86400\n_ext: x\n", "pol-ext-underscore",
              "3.2 sts-policy-ext-name starts with ALPHA/DIGIT", project: .error("not a field name"), resolver: policy().1,
              deviation: "3.2 ABNF sts-policy-ext-name: \(lax)"),
        .init(policy: "version: STSv1\nmode: enforce\n\nmx: mx1.provider.test\nmax_age: 86400\n", "pol-empty-line",
              "3.2 no empty line between fields", project: .error("empty line"), resolver: policy().1,
              deviation: "3.2 ABNF sts-policy-record: \(lax) (empty lines skipped)"),
        .init(policy: "version: STSv1\nmode: enforce\nmx: mx1.provider.test\nmax_age: 86400\ncomment: caf\u{E9}\n", "pol-ext-utf8",
              "3.2 sts-policy-vchar includes UTF-8", project: policy().0, resolver: .fetchError,
              deviation: "3.2 ABNF sts-policy-vchar (UTF8-2/3/4): decodes a body without charset as ASCII and fails"),
    ]

    // MARK: - 3.3 HTTPS fetch

    static let fetch: [DifferentialCase] = [
        .init("get-redirect", "3.3 redirects are not followed",
              endpoint: .response(.redirect(to: "https://mta-sts.get-valid.test/.well-known/mta-sts.txt")),
              both: (.error("redirect"), .fetchError)),
        .init("get-not-found", "3.3 only 200 is a policy", endpoint: .response(.notFound()), both: (.error("HTTP 404"), .fetchError)),
        .init("get-html", "3.3 the media type is text/plain",
              endpoint: .response(.policy(DifferentialCase.standardPolicy, contentType: "text/html")),
              both: (.error("content type text/html"), .fetchError)),
        .init("get-charset", "3.3 text/plain with parameters",
              endpoint: .response(.policy(DifferentialCase.standardPolicy, contentType: "text/plain; charset=utf-8")), both: enforce1),
        .init("get-size-limit", "3.3 a 64 KiB body is within the limit",
              endpoint: .response(.oversized(bytes: 65_536, declaresLength: true)),
              both: (.policy(id: "1", mode: "enforce", mx: ["mx.example.test"], maxAge: 86_400),
                     .valid(id: "1", mode: "enforce", mx: ["mx.example.test"], maxAge: 86_400))),
        .init("get-too-large", "3.3 a body over 64 KiB (Content-Length) is refused",
              endpoint: .response(.oversized(bytes: 65_537, declaresLength: true)), both: (.error("larger than 65536"), .fetchError)),
        .init("get-too-large-stream", "3.3 a body over 64 KiB (no Content-Length) is refused",
              endpoint: .response(.oversized(bytes: 65_537, declaresLength: false)), both: (.error("larger than 65536"), .fetchError)),
        .init("get-untrusted", "3.3 the certificate chains to a trusted CA", endpoint: .certificate(.otherAuthority),
              both: (.error("certificate not verified"), .fetchError)),
        .init("get-wrong-name", "3.3 the certificate is for mta-sts.<domain>", endpoint: .certificate(.wrongName),
              both: (.error("certificate not verified"), .fetchError)),
        .init("get-expired", "3.3 the certificate is not expired", endpoint: .certificate(.expired),
              both: (.error("certificate not verified"), .fetchError)),
        .init("get-silent", "3.3 the fetch is bounded in time", endpoint: .silent, both: (.error("no complete answer"), .fetchError)),
        .init("get-closed", "3.3 no HTTPS server: no policy", endpoint: .closed, both: (.error("cannot connect"), .fetchError)),
        .init("get-no-address", "3.3 no address for mta-sts.<domain>: no policy", endpoint: .noAddress,
              both: (.error("cannot connect"), .fetchError)),
    ]

    // MARK: - 4.1 MX host matching

    private static let wildcardPolicy = LabHTTPResponse.policy("version: STSv1\nmode: enforce\nmx: *.provider.test\nmax_age: 86400\n")
    private static let wildcard1 = policy(mx: ["*.provider.test"])

    static let wildcard: [DifferentialCase] = [
        .init("mx-one-label", "4.1 *.provider.test matches mx1.provider.test", endpoint: .response(wildcardPolicy),
              mxHost: "mx1.provider.test", both: wildcard1),
        .init("mx-two-labels", "4.1 *.provider.test does not match a.b.provider.test", endpoint: .response(wildcardPolicy),
              mxHost: "a.b.provider.test", project: wildcard1.0, resolver: wildcard1.1,
              deviation: "4.1: hands Postfix match=.provider.test, which matches every depth, so a.b.provider.test passes"),
        .init("mx-bare-domain", "4.1 *.provider.test does not match provider.test", endpoint: .response(wildcardPolicy),
              mxHost: "provider.test", both: wildcard1),
    ]
}
