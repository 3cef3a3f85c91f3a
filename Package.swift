// swift-tools-version:6.0
//
// Layout (data flows one way: dataset -> model -> lint | probe | merge -> render -> deploy):
//   TLSPolicy       pure-Swift core: grammar, model, lint, formatter, dataset, merge, render, import
//   PolicyDNS       DNS through the system resolver (libresolv): MX, A/AAAA, TLSA, TXT, the AD bit
//   TLSProbe        one SMTP + STARTTLS + OpenSSL session, configured as Postfix configures it
//   MTASTS          RFC 8461 policy fetch (libcurl) and parse
//   PolicyProbe     probe orchestration: per-MX probes shared by entries, verdicts, suggested lines
//   PolicyProbeMTASTS  the probe's MTA-STS policy source over HTTPS (libcurl), for the validator
//   PolicyReport    probe results merged into Markdown and one self-contained HTML page
//   PolicyGit       libgit2 behind owning Swift types: fetch (https/ssh/file, one deadline), tags, raw tag objects, trees, blobs
//   ReleaseTrust    release tags: signature split, SSH/OpenPGP verification, pins, expiry
//   PolicyDeploy    all-or-nothing deployment of a Postfix map: postmap on a copy, rename, reload
//   PolicySync      the agent's sync pipeline: configuration, the named steps, state, metrics
//   PostfixLog      Postfix's mail log (maillog_file, rsyslog, journal fields): deliveries, TLS lines, policy failures
//   ExternalCommand the one way to run a program: own process group, deadline, output bounds
//   DurableFiles    the one way to write a file: temporary, fsync, rename, fsync the directory
//   CGit2/COpenSSL/CCurl/CResolv  system libraries; COpenSSLShims, CCurlShims for macros and variadic C calls
//   Validator       executable `tls-policy-validator`
//   Agent           executable `tls-policy-agent`
//   TLSPolicyLab    test support: Postfix, DNS and TLS servers on loopback in private namespaces
import PackageDescription

let package = Package(
    name: "postfix-tls-policy",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "tls-policy-validator", targets: ["Validator"]),
        .executable(name: "tls-policy-agent", targets: ["Agent"]),
        .library(name: "TLSPolicy", targets: ["TLSPolicy"]),
        // For the fuzz targets (Fuzz/), which live in a package of their own: the parsers of
        // attacker-reachable bytes, the raw tag object and agent.cf, are in these two.
        .library(name: "ReleaseTrust", targets: ["ReleaseTrust"]),
        .library(name: "PolicySync", targets: ["PolicySync"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.0"),
        .package(url: "https://github.com/swiftlang/swift-subprocess.git", from: "1.0.0"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "5.0.0"),
    ],
    targets: [
        // Core: no C, no I/O beyond reading the files it is given.
        .target(name: "TLSPolicy"),

        // Postfix's mail log as typed records (no C, Foundation only): the agent's delivery
        // watch and the validator's discover read logs through it.
        .target(name: "PostfixLog"),

        // Writing files durably (temporary, fsync, rename, fsync the directory): one helper.
        .target(name: "DurableFiles"),

        // Running external programs (Postfix's tools, ssh-keygen, gpgv): one runner, one result type.
        .target(
            name: "ExternalCommand",
            dependencies: [.product(name: "Subprocess", package: "swift-subprocess")]
        ),

        // C libraries named by the design, through pkg-config.
        .systemLibrary(name: "CGit2", pkgConfig: "libgit2", providers: [.apt(["libgit2-dev"])]),
        .systemLibrary(name: "COpenSSL", pkgConfig: "openssl", providers: [.apt(["libssl-dev"])]),
        .systemLibrary(name: "CCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        // libresolv has no pkg-config file; it ships with glibc (libc6-dev).
        .systemLibrary(name: "CResolv"),
        // One shim target per library, so that a program links only the libraries it uses
        // (the agent needs neither libcurl nor its dependencies).
        .target(name: "COpenSSLShims", dependencies: ["COpenSSL"]),
        .target(name: "CCurlShims", dependencies: ["CCurl"]),

        // Probe: DNS, one SMTP/TLS session, MTA-STS, then the orchestration that gives verdicts.
        .target(
            name: "PolicyDNS",
            dependencies: ["CResolv", .product(name: "Logging", package: "swift-log")]
        ),
        .target(
            name: "TLSProbe",
            dependencies: ["PolicyDNS", "COpenSSL", "COpenSSLShims", .product(name: "Logging", package: "swift-log")]
        ),
        .target(
            name: "MTASTS",
            dependencies: ["CCurl", "CCurlShims", .product(name: "Logging", package: "swift-log")]
        ),
        .target(
            name: "PolicyProbe",
            dependencies: [
                "TLSPolicy", "PolicyDNS", "TLSProbe",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // MTA-STS policies for the probe over HTTPS: apart, so that the agent's host canary
        // links the probe without libcurl.
        .target(name: "PolicyProbeMTASTS", dependencies: ["PolicyProbe", "MTASTS"]),

        .target(name: "PolicyReport", dependencies: ["PolicyProbe"]),

        // Agent: git, trust, deployment.
        .target(
            name: "PolicyGit",
            // OpenSSL: checking an HTTPS server against a configured CA file, and the digests of known_hosts.
            dependencies: ["CGit2", "COpenSSL"]
        ),
        .target(
            name: "ReleaseTrust",
            dependencies: [
                "PolicyGit",
                "ExternalCommand",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "PolicyDeploy",
            dependencies: [
                "COpenSSL", "DurableFiles", "ExternalCommand",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),

        .executableTarget(
            name: "Validator",
            dependencies: [
                "TLSPolicy",
                "DurableFiles",
                "ExternalCommand",
                "PolicyGit",
                "PolicyProbe",
                "PolicyProbeMTASTS",
                "PolicyReport",
                "PostfixLog",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The agent's sync as a library: the executable keeps argument parsing and output.
        .target(
            name: "PolicySync",
            dependencies: [
                "TLSPolicy",
                "DurableFiles",
                "ExternalCommand",
                "PolicyGit",
                "ReleaseTrust",
                "PolicyDeploy",
                // The host canary: the probe's core, no MTA-STS (no libcurl).
                "PolicyProbe",
                "PostfixLog",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),

        .executableTarget(
            name: "Agent",
            dependencies: [
                "PolicySync",
                "PolicyDeploy",
                "ReleaseTrust",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),

        // Test support: the lab that starts real Postfix, DNS and TLS servers on loopback.
        .target(
            name: "TLSPolicyLab",
            dependencies: ["ExternalCommand", "PostfixLog", .product(name: "Logging", package: "swift-log")]
        ),

        // Benchmarks/agent-sync: the agent against git and postmap over the lab's smart-HTTPS remote.
        .executableTarget(
            name: "AgentSyncBenchmark",
            dependencies: ["TLSPolicyLab"],
            path: "Benchmarks/AgentSync"
        ),

        // Test support: the lab's configurable STARTTLS server (no STARTTLS, chosen certificates,
        // stalls, garbage, endless replies, added latency), a process of its own so tests stop it by PID.
        // A target, not a product: `swift build` builds it beside the tests, nothing installs it.
        .executableTarget(
            name: "LabSMTPServer",
            dependencies: ["COpenSSL", "COpenSSLShims", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),

        .testTarget(name: "TLSPolicyTests", dependencies: ["TLSPolicy", "TLSPolicyLab"]),
        .testTarget(name: "DurableFilesTests", dependencies: ["DurableFiles"]),
        .testTarget(name: "PostfixLogTests", dependencies: ["PostfixLog", "TLSPolicyLab"], exclude: ["Fixtures"]),
        .testTarget(name: "ExternalCommandTests", dependencies: ["ExternalCommand", "TLSPolicyLab"]),
        .testTarget(name: "ValidatorTests", dependencies: ["ExternalCommand", "TLSPolicy", "TLSPolicyLab"]),
        .testTarget(
            name: "AgentTests",
            dependencies: ["ExternalCommand", "PolicySync", "ReleaseTrust", "PolicyDeploy", "PolicyGit", "TLSPolicyLab"]
        ),
        .testTarget(name: "PolicyDNSTests", dependencies: ["PolicyDNS", "TLSPolicyLab"]),
        .testTarget(name: "TLSProbeTests", dependencies: ["TLSProbe", "PolicyDNS", "TLSPolicyLab"]),
        .testTarget(name: "MTASTSTests", dependencies: ["MTASTS", "TLSPolicyLab"]),
        .testTarget(name: "PolicyProbeTests", dependencies: ["PolicyProbe", "PolicyProbeMTASTS", "TLSPolicy", "TLSPolicyLab"]),
        .testTarget(name: "PolicyGitTests", dependencies: ["PolicyGit", "TLSPolicyLab"]),
        .testTarget(name: "ReleaseTrustTests", dependencies: ["ExternalCommand", "ReleaseTrust", "PolicyGit", "TLSPolicyLab"]),
        .testTarget(name: "PolicyDeployTests", dependencies: ["PolicyDeploy", "ExternalCommand", "TLSPolicy", "TLSPolicyLab"]),
        .testTarget(name: "ReleaseFlowTests", dependencies: ["ExternalCommand", "TLSPolicyLab", .product(name: "Yams", package: "Yams")]),
        .testTarget(name: "PolicyReportTests", dependencies: ["ExternalCommand", "PolicyReport", "PolicyProbe", "TLSPolicyLab"], exclude: ["Fixtures", "Golden"]),
        // The whole system: the agent feeds a real Postfix, which defers unsafe and delivers safe mail.
        .testTarget(name: "EndToEndTests", dependencies: ["ExternalCommand", "TLSPolicyLab"]),
        // The Debian package on a throwaway Debian 12 root (scripts/host-root): installed,
        // run under its unit's sandbox, delivering through that root's Postfix, upgraded, removed.
        .testTarget(name: "HostTests", dependencies: ["ExternalCommand", "TLSPolicyLab"]),
        .testTarget(name: "CLibraryTests", dependencies: ["CGit2", "COpenSSL", "CCurl", "COpenSSLShims", "CCurlShims", "PolicyGit"]),
        .testTarget(
            name: "PostfixConformanceTests",
            dependencies: ["ExternalCommand", "TLSPolicy", "TLSPolicyLab"],
            exclude: ["Fixtures"]
        ),
    ]
)
