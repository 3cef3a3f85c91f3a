import Foundation
import Logging

/// Probes policy entries the way Postfix's SMTP client would deliver to them: MX hosts,
/// addresses, one STARTTLS session per address and settings (shared by every entry that
/// needs the same), then a verdict and, where useful, a suggested line per entry.
///
/// The blocking DNS, SMTP/TLS and HTTPS calls run on the prober's own threads (see
/// ``BlockingThreadPool``), `configuration.concurrency` of them at once; create the prober
/// on a thread in the network namespace it should probe from.
public final class PolicyProber: Sendable {
    /// The settings of every run.
    public let configuration: ProbeConfiguration
    private let pool: BlockingThreadPool
    private let dns: DNSFacts
    private let logger: Logger
    private let mtaSTSSource: (any MTASTSPolicySource)?

    /// A prober; throws `DNSError.invalidServerAddress` for a bad `resolver`.
    ///
    /// - Parameter mtaSTS: where MTA-STS policies come from (`HTTPSMTASTSPolicySource` of
    ///   PolicyProbeMTASTS); without one no policy is looked up, whatever
    ///   `configuration.checkMTASTS` says, and reports carry no MTA-STS evidence.
    public init(configuration: ProbeConfiguration, mtaSTS: (any MTASTSPolicySource)?,
                logger: Logger = Logger(label: "PolicyProbe.PolicyProber")) throws {
        self.configuration = configuration
        mtaSTSSource = mtaSTS
        self.logger = logger
        dns = try DNSFacts(resolver: configuration.resolver, timeoutSeconds: configuration.dnsTimeoutSeconds,
                           tries: configuration.dnsTries)
        pool = BlockingThreadPool(size: configuration.concurrency)
    }

    deinit { pool.shutdown() }

    /// Probes `targets` and reports on each, in the order given.
    ///
    /// - Parameter progress: called with (entries done, entries in all) as entries finish.
    public func probe(_ targets: [ProbeTarget], progress: (@Sendable (Int, Int) -> Void)? = nil) async -> ProbeRunReport {
        let run = ProbeRun(configuration: configuration, pool: pool, dns: dns, mtaSTSSource: mtaSTSSource, logger: logger)
        let started = ContinuousClock.now
        let startedAt = Date().formatted(.iso8601)
        let counter = ProgressCounter()
        let total = targets.count
        let reports = await targets.concurrentMap { target in
            let report = await run.probeEntry(target)
            let done = await counter.increment()
            progress?(done, total)
            return report
        }
        let elapsed = ContinuousClock.now - started
        var report = ProbeRunReport(entries: reports, sessions: await run.sessionCount, elapsed: Self.seconds(elapsed),
                                    deadlineReached: run.deadlinePassed)
        report.started = startedAt
        report.blindRunner = BlindRunner(entries: reports)
        return report
    }

    /// Stops the prober's threads (also done when it is released).
    public func shutdown() { pool.shutdown() }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
