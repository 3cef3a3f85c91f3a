import Foundation
import PolicyGit
import PolicyProbe
import TLSPolicy

/// `--changed-since REF`: the entries added or changed since REF, compared with the
/// `policy/` files of REF's tree read through libgit2 (no work tree, no git CLI).
struct ProbeChangedSince {
    let reference: String

    /// The `key → value` fingerprints of REF's `policy/` directory (none when REF has no
    /// such directory: every entry is then new).
    func baseline(parser: PolicyValueParser, directory: String = "policy") throws -> [String: String] {
        let tree = try GitRevisionTree(revision: reference, option: "--changed-since")
        let files = try tree.files(at: directory) ?? []
        let sources = files.filter { $0.path.hasSuffix("." + Dataset.fileExtension) }.map { (name: $0.path, bytes: $0.bytes) }
        return ProbeTargetLoader.fingerprints(of: sources, parser: parser)
    }

    /// The targets whose key is new or whose value or DANE mark differ from `baseline`.
    static func select(_ targets: [ProbeTarget], baseline: [String: String]) -> [ProbeTarget] {
        targets.filter { baseline[$0.entry.key.folded] != ProbeTargetLoader.fingerprint(of: $0) }
    }
}
