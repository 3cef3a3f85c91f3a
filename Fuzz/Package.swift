// swift-tools-version:6.0
// The libFuzzer target for the policy parser, kept out of the main package because
// it is built with -sanitize=fuzzer,address. Run it with scripts/fuzz.
import PackageDescription

let package = Package(
    name: "PolicyParserFuzz",
    dependencies: [.package(name: "postfix-tls-policy", path: "..")],
    targets: [
        .target(name: "CFuzzerDriver"),
        .executableTarget(
            name: "PolicyParserFuzzer",
            dependencies: ["CFuzzerDriver", .product(name: "TLSPolicy", package: "postfix-tls-policy")]
        ),
    ]
)
