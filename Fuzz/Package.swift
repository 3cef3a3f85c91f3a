// swift-tools-version:6.0
// The libFuzzer target for the policy parser, kept out of the main package because
// it has no main() of its own: libFuzzer supplies it (-sanitize=fuzzer). Run it
// with scripts/fuzz.
import PackageDescription

let package = Package(
    name: "PolicyParserFuzz",
    dependencies: [.package(name: "postfix-tls-policy", path: "..")],
    targets: [
        .executableTarget(
            name: "PolicyParserFuzzer",
            dependencies: [.product(name: "TLSPolicy", package: "postfix-tls-policy")]
        )
    ]
)
