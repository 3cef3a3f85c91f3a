import ArgumentParser
import PolicyProbe

/// How live probes connect (resolver, port, CAs, MTA-STS, concurrency, timeouts): the
/// options `probe` and `discover` share, so both probe the same way.
struct ProbeOptions: ParsableArguments {
    @Option(help: "DNS server ADDR[:PORT], an IPv4 address. Default: the servers of /etc/resolv.conf (IPv6 ones too).")
    var resolver: String?

    @Option(help: "SMTP port for keys without one.")
    var port: Int = 25

    @Option(name: .customLong("ca-file"), help: "PEM file of trusted CAs (smtp_tls_CAfile); also used for MTA-STS.")
    var caFile: String?

    @Option(name: .customLong("ca-path"), help: "Directory of trusted CAs (smtp_tls_CApath); also used for MTA-STS. Default: /etc/ssl/certs unless --ca-file is given.")
    var caPath: String?

    @Option(name: .customLong("mta-sts-connect-to"), help: "HOST:PORT:ADDR:PORT for MTA-STS fetches (labs; repeatable).")
    var mtaSTSConnectTo: [String] = []

    @Flag(name: .customLong("no-mta-sts"), help: "Do not look for MTA-STS policies.")
    var noMTASTS = false

    @Option(help: "Blocking lookups and sessions in flight at once.")
    var concurrency: Int = 64

    @Option(help: "Seconds for the whole run; addresses not probed by then count as unreachable.")
    var deadline: Double = 900

    @Option(name: .customLong("step-timeout"), help: "Seconds for each SMTP step (banner, EHLO, STARTTLS, handshake) and for an MTA-STS policy fetch (at most 30); connect gets at most 10.")
    var stepTimeout: Double = 30

    /// Why the options cannot be used, or nil.
    var problem: String? {
        if concurrency < 1 || concurrency > 4_096 { return "--concurrency must be 1 to 4096" }
        if !(deadline > 0) || !(stepTimeout > 0) { return "--deadline and --step-timeout must be positive" }
        if !(1...65_535).contains(port) { return "--port must be 1 to 65535" }
        return nil
    }

    /// The probe library's configuration for these options.
    var configuration: ProbeConfiguration {
        var configuration = ProbeConfiguration(
            resolver: resolver, port: port, caFile: caFile, caPath: caPath ?? (caFile == nil ? "/etc/ssl/certs" : nil),
            mtaSTSConnectTo: mtaSTSConnectTo, concurrency: concurrency, deadline: deadline, checkMTASTS: !noMTASTS)
        configuration.setStepTimeout(stepTimeout)
        return configuration
    }
}
