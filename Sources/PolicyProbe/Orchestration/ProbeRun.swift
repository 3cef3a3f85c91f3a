import Foundation
import Logging
import PolicyDNS
import TLSPolicy
import TLSProbe

/// One run of ``PolicyProber/probe(_:progress:)``: its deadline and the work shared by
/// its entries (MX, address and TLSA lookups per name; sessions per address and settings).
final class ProbeRun: Sendable {
    let configuration: ProbeConfiguration
    private let pool: BlockingThreadPool
    private let dns: DNSFacts
    private let logger: Logger
    /// Where MTA-STS policies come from; nil: none are looked up.
    let mtaSTSSource: (any MTASTSPolicySource)?
    private let end: ContinuousClock.Instant
    private let limiter: AddressLimiter
    private let mailHosts = SharedWork<String, DNSFacts.MailHosts>()
    private let addresses = SharedWork<String, DNSFacts.Addresses>()
    private let tlsa = SharedWork<String, DNSFacts.TLSA>()
    private let sessions = SharedWork<ProbeRequest, AddressProbeReport>()
    private let policies = SharedWork<String, MTASTSEvidence>()

    init(configuration: ProbeConfiguration, pool: BlockingThreadPool, dns: DNSFacts,
         mtaSTSSource: (any MTASTSPolicySource)?, logger: Logger) {
        self.configuration = configuration
        self.mtaSTSSource = mtaSTSSource
        self.pool = pool
        self.dns = dns
        self.logger = logger
        end = ContinuousClock.now.advanced(by: .milliseconds(Int(configuration.deadline * 1_000)))
        limiter = AddressLimiter(limit: configuration.perAddressLimit)
    }

    var deadlinePassed: Bool { ContinuousClock.now >= end }
    var sessionCount: Int { get async { await sessions.count } }

    // MARK: - Shared lookups and sessions

    /// Runs blocking work on the pool; nil once the deadline has passed.
    private func blocking<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T? {
        guard !deadlinePassed else { return nil }
        return try? await pool.run(body)
    }

    func mailHosts(of domain: String) async -> DNSFacts.MailHosts {
        let dns = self.dns
        let found = await mailHosts.value(for: domain.lowercased()) { [self] in
            await blocking { dns.mailHosts(of: domain) } ?? .problem("not looked up: the run's deadline passed")
        }
        if case .hosts(let hosts, true) = found, !configuration.trustsDNSSEC { return .hosts(hosts, authenticated: false) }
        return found
    }

    func addresses(of host: String) async -> DNSFacts.Addresses {
        if IPAddressText.isAddress(host) { return DNSFacts.Addresses(addresses: [host], authenticated: false, error: nil) }
        let dns = self.dns
        var found = await addresses.value(for: host.lowercased()) { [self] in
            await blocking { dns.addresses(of: host) }
                ?? DNSFacts.Addresses(addresses: [], authenticated: false, error: "not looked up: the run's deadline passed")
        }
        found.authenticated = found.authenticated && configuration.trustsDNSSEC
        return found
    }

    func tlsa(host: String, port: Int) async -> DNSFacts.TLSA {
        let dns = self.dns
        return await tlsa.value(for: "\(host.lowercased()):\(port)") { [self] in
            await blocking { dns.tlsa(host: host, port: port) }
                ?? DNSFacts.TLSA(evidence: TLSAEvidence(status: .lookupFailed, error: "the run's deadline passed"), records: [])
        }
    }

    /// One session per address, port and effective settings, whichever entry asks first.
    func session(_ request: ProbeRequest) async -> AddressProbeReport {
        var key = request
        // Match names are already expanded, so the next-hop no longer changes the session.
        key.nexthop = ""
        return await sessions.value(for: key) { [self] in
            let notProbed = AddressProbeReport(address: request.address, port: request.port, level: request.level.rawValue,
                                               wouldDeliver: false, reachable: false,
                                               reason: "not probed: the run's deadline passed", resultType: nil)
            guard !deadlinePassed else { return notProbed }
            await limiter.acquire(request.address)
            var boundedRequest = request
            boundedRequest.timeouts.overall = max(1, min(request.timeouts.overall, PolicyProber.seconds(end - ContinuousClock.now)))
            let bounded = boundedRequest
            let logger = self.logger
            let outcome: Result<ProbeResult, Error>? = await blocking {
                Result { try TLSProbe(logger: logger).run(bounded) }
            }
            await limiter.release(request.address)
            switch outcome {
            case .success(let result)?:
                return AddressProbeReport(result: result)
            case .failure(let error)?:
                return AddressProbeReport(address: request.address, port: request.port, level: request.level.rawValue,
                                          wouldDeliver: false, reachable: true,
                                          reason: "\(request.peerName): cannot start TLS with these settings: \(error)",
                                          resultType: TLSRPTResultType.validationFailure.rawValue)
            case nil:
                return notProbed
            }
        }
    }

    /// The domain's MTA-STS evidence: a policy, or why there is none (nil with MTA-STS off or
    /// without a policy source).
    func mtaSTS(of domain: String) async -> MTASTSEvidence? {
        guard configuration.checkMTASTS, let source = mtaSTSSource else { return nil }
        let lookup = MTASTSLookup(dns: dns, source: source, configuration: configuration)
        return await policies.value(for: domain.lowercased()) { [self] in
            await blocking { lookup.evidence(for: domain) }
                ?? MTASTSEvidence(status: .lookupFailed, reason: "not looked up: the run's deadline passed")
        }
    }

    // MARK: - Entries

    func probeEntry(_ target: ProbeTarget) async -> EntryProbeReport {
        await EntryProbe(run: self, target: target).report()
    }

    /// A request for one address with `settings`, names expanded for `host` and `nexthop`.
    func request(address: String, port: Int, host: String, nexthop: String, settings: EntrySettings,
                 level: TLSSecurityLevel, tlsa: [TLSARecord]) -> ProbeRequest {
        ProbeRequest(address: address, port: port, mxHost: host, nexthop: nexthop, level: level,
                     matchNames: settings.expandedMatchNames(mxHost: host, nexthop: nexthop),
                     fingerprints: settings.fingerprints, tlsaRecords: tlsa,
                     serverName: settings.expandedServerName(mxHost: host, nexthop: nexthop),
                     protocols: settings.protocols, cipherGrade: settings.cipherGrade,
                     cipherExclusions: settings.exclusions, caFile: configuration.caFile,
                     caPath: configuration.caPath, heloName: configuration.heloName, timeouts: configuration.timeouts)
    }
}
