/// One call of this project's own programs in a workflow's `run:` script: which program,
/// which subcommand, which options (names only, without values).
struct ProjectCommandInvocation: Hashable, CustomStringConvertible {
    /// `tls-policy-validator`, `tls-policy-agent`, or a repository-relative script path
    /// such as `scripts/setup`.
    let program: String
    /// The first word after the program that is not an option, for the two executables.
    let subcommand: String?
    /// Options as written before any `=`: `--shard`, `-o`.
    let options: [String]

    /// True for the two executables this package builds (they have subcommands).
    var isProductBinary: Bool { ProjectCommandScanner.productNames.contains(program) }

    var description: String {
        ([program] + (subcommand.map { [$0] } ?? []) + options).joined(separator: " ")
    }
}
