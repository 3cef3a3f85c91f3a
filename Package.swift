// swift-tools-version:6.0
//
// Layout (data flows one way: dataset -> model -> lint | probe | merge -> render -> deploy):
//   TLSPolicy       pure-Swift core: grammar, model, lint, formatter, dataset, render, import
//   PolicyGit       libgit2 behind owning Swift types
//   CGit2/COpenSSL/CCurl  system libraries (pkg-config), CShims for macros and variadic C calls
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
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.6.0"),
    ],
    targets: [
        // Core: no C, no I/O beyond reading the files it is given.
        .target(name: "TLSPolicy"),

        // C libraries named by the design, through pkg-config.
        .systemLibrary(name: "CGit2", pkgConfig: "libgit2", providers: [.apt(["libgit2-dev"])]),
        .systemLibrary(name: "COpenSSL", pkgConfig: "openssl", providers: [.apt(["libssl-dev"])]),
        .systemLibrary(name: "CCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        .target(name: "CShims", dependencies: ["COpenSSL", "CCurl", "CGit2"]),

        .target(
            name: "PolicyGit",
            dependencies: ["CGit2", "CShims"]
        ),

        .executableTarget(
            name: "Validator",
            dependencies: [
                "TLSPolicy",
                "PolicyGit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "Agent",
            dependencies: [
                "TLSPolicy",
                "PolicyGit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),

        // Test support: the lab that starts real Postfix, DNS and TLS servers on loopback.
        .target(
            name: "TLSPolicyLab",
            dependencies: [.product(name: "Logging", package: "swift-log")]
        ),

        .testTarget(name: "TLSPolicyTests", dependencies: ["TLSPolicy"]),
        .testTarget(name: "ValidatorTests", dependencies: ["TLSPolicy", "TLSPolicyLab"]),
        .testTarget(name: "AgentTests", dependencies: ["TLSPolicyLab"]),
        .testTarget(name: "CLibraryTests", dependencies: ["CGit2", "COpenSSL", "CCurl", "CShims", "PolicyGit"]),
        .testTarget(name: "PostfixConformanceTests", dependencies: ["TLSPolicy", "TLSPolicyLab"]),
    ]
)
