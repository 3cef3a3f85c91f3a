import Foundation
import TLSPolicyLab

/// One case of the MTA-STS differential test: what the lab publishes for `<name>.test`
/// (TXT records, the policy endpoint, the MX host), what RFC 8461 makes of it (the project's
/// expected result), what postfix-mta-sts-resolver makes of it, and, where the two differ,
/// the section the resolver departs from.
struct DifferentialCase {
    /// Where `https://mta-sts.<domain>/.well-known/mta-sts.txt` leads.
    enum Endpoint {
        /// The shared server with ``DifferentialCase/standardPolicy``.
        case standard
        /// A server of its own answering with this response, with a certificate for the name.
        case response(LabHTTPResponse)
        /// A server answering with the standard policy, with one of these certificates.
        case certificate(BadCertificate)
        /// A socket that accepts TCP connections and never answers (a timeout).
        case silent
        /// An address where nothing listens (connection refused).
        case closed
        /// No address record for `mta-sts.<domain>`.
        case noAddress
    }

    /// Certificates a policy server must not be trusted with (RFC 8461 3.3).
    enum BadCertificate {
        case wrongName, expired, otherAuthority
    }

    /// The project's result (`tls-policy-validator probe --format json`, entry `mtaSTS`).
    enum ProjectResult: Equatable {
        case policy(id: String, mode: String, mx: [String], maxAge: Int)
        case noRecord
        case lookupFailed
        /// A record is published, but no usable policy; the reason contains this text.
        case error(String)
    }

    /// postfix-mta-sts-resolver's result (`mta-sts-query`).
    enum ResolverResult: Equatable {
        case valid(id: String, mode: String, mx: [String], maxAge: Int)
        case none
        case fetchError
    }

    /// The label under `.test`.
    let name: String
    /// The rule the case checks, with its section.
    let rule: String
    /// The TXT records at `_mta-sts.<domain>` (each one's strings); nil: the lookup is REFUSED.
    var txt: [[String]]?
    var endpoint: Endpoint
    /// The one MX host of the domain (all lead to the lab SMTP server).
    var mxHost: String
    let project: ProjectResult
    let resolver: ResolverResult
    /// Where the resolver departs from RFC 8461: the section and how.
    let deviation: String?

    var domain: String { "\(name).test" }

    init(_ name: String, _ rule: String, txt: [[String]]? = [["v=STSv1; id=1"]], endpoint: Endpoint = .standard,
         mxHost: String = "mx1.provider.test", project: ProjectResult, resolver: ResolverResult, deviation: String? = nil) {
        self.name = name
        self.rule = rule
        self.txt = txt
        self.endpoint = endpoint
        self.mxHost = mxHost
        self.project = project
        self.resolver = resolver
        self.deviation = deviation
    }

    static let standardPolicy = "version: STSv1\nmode: enforce\nmx: mx1.provider.test\nmax_age: 86400\n"

    /// The standard policy under record id `id`, as each side reports it.
    static func standard(_ id: String = "1") -> (ProjectResult, ResolverResult) {
        (.policy(id: id, mode: "enforce", mx: ["mx1.provider.test"], maxAge: 86_400),
         .valid(id: id, mode: "enforce", mx: ["mx1.provider.test"], maxAge: 86_400))
    }
}

extension DifferentialCase {
    /// A case on which both implementations give the same result.
    init(_ name: String, _ rule: String, txt: [[String]]? = [["v=STSv1; id=1"]], endpoint: Endpoint = .standard,
         mxHost: String = "mx1.provider.test", both: (ProjectResult, ResolverResult)) {
        self.init(name, rule, txt: txt, endpoint: endpoint, mxHost: mxHost, project: both.0, resolver: both.1)
    }

    /// A case whose policy is `text` (served as text/plain by a server of its own).
    init(policy text: String, _ name: String, _ rule: String, project: ProjectResult, resolver: ResolverResult,
         deviation: String? = nil) {
        self.init(name, rule, endpoint: .response(.policy(text)), project: project, resolver: resolver, deviation: deviation)
    }
}
