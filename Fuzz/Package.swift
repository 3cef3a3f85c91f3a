// swift-tools-version:6.0
// libFuzzer targets for the parsers that read untrusted bytes, kept out of the main
// package because they are built with -sanitize=fuzzer,address. Run them with scripts/fuzz:
//   PolicyParserFuzzer        policy tables (contributors' pull requests)
//   ReleaseTagFuzzer          raw tag objects (whatever a remote serves the agent)
//   AgentConfigurationFuzzer  agent.cf (and the settings given as flags)
import PackageDescription

let package = Package(
    name: "PolicyParserFuzz",
    dependencies: [.package(name: "postfix-tls-policy", path: "..")],
    targets: [
        .target(name: "CFuzzerDriver"),
        .target(name: "FuzzerMain", dependencies: ["CFuzzerDriver"]),
        .executableTarget(
            name: "PolicyParserFuzzer",
            dependencies: ["FuzzerMain", .product(name: "TLSPolicy", package: "postfix-tls-policy")]
        ),
        .executableTarget(
            name: "ReleaseTagFuzzer",
            dependencies: ["FuzzerMain", .product(name: "ReleaseTrust", package: "postfix-tls-policy")]
        ),
        .executableTarget(
            name: "AgentConfigurationFuzzer",
            dependencies: ["FuzzerMain", .product(name: "PolicySync", package: "postfix-tls-policy")]
        ),
    ]
)
