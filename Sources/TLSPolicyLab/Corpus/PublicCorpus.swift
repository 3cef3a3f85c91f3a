import Foundation

/// The public TLS policy lists some tests read as input no one here wrote. They are not
/// part of the project (other people's data, under their own licenses); a test finds them
/// in the directory `TLS_POLICY_CORPUS` names, else in `shared/corpus` beside the
/// checkout, and reports itself skipped, never passed, when they are not there.
///
/// | file | what it is |
/// |---|---|
/// | `csware-tls_policy` | `tls_policy` of github.com/csware/postfix-tls-policy (CC0 1.0) |
/// | `csware-tls_policy-dane` | `tls_policy-dane` of the same repository |
/// | `eff-policy.json` | `policy.json` of github.com/EFForg/starttls-everywhere (Apache 2.0) |
public enum PublicCorpus {
    /// The environment variable that names the corpus directory.
    public static let environmentVariable = "TLS_POLICY_CORPUS"

    /// The package checkout: this file is Sources/TLSPolicyLab/Corpus/PublicCorpus.swift.
    static var packageRoot: URL {
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent()  // Corpus
            .deletingLastPathComponent()  // TLSPolicyLab
            .deletingLastPathComponent()  // Sources
            .deletingLastPathComponent()
    }

    /// Where the corpus is looked for: `$TLS_POLICY_CORPUS`, else `../shared/corpus`
    /// relative to the checkout.
    public static var directory: URL {
        if let named = ProcessInfo.processInfo.environment[environmentVariable], !named.isEmpty {
            return URL(fileURLWithPath: named).standardizedFileURL
        }
        return packageRoot.appendingPathComponent("../shared/corpus").standardizedFileURL
    }

    /// The corpus file `name`, or nil when it is not there.
    public static func file(_ name: String) -> URL? {
        let url = directory.appendingPathComponent(name)
        return FileManager.default.isReadableFile(atPath: url.path) ? url : nil
    }

    /// Why a test that needs `name` is skipped: where it was looked for, where the files
    /// come from and how to fetch them.
    public static func absence(_ name: String) -> String {
        """
        corpus file \(name) is not in \(directory.path). The corpus is public data kept outside the project: \
        csware-tls_policy and csware-tls_policy-dane are tls_policy and tls_policy-dane of \
        https://github.com/csware/postfix-tls-policy, eff-policy.json is policy.json of \
        https://github.com/EFForg/starttls-everywhere. Fetch them (git clone --depth 1 of both repositories, \
        then copy the three files under these names into one directory) and set \(environmentVariable) to \
        that directory; see docs/testing.md.
        """
    }
}
