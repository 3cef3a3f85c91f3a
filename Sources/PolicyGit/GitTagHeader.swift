/// The first two lines of a tag object, `object <id>` and `type <type>`:
/// where the tag points. Read from the raw bytes rather than through libgit2's
/// tag parser so that a malformed tag is told apart from a damaged store.
struct GitTagHeader: Sendable, Hashable {
    /// The object the tag names.
    let target: GitObjectID
    /// The type the tag claims for it (the object's own header is what counts).
    let claimedType: String

    /// Parses the header; nil with the reason when the bytes do not start with it.
    static func parse(_ bytes: [UInt8]) -> Result<GitTagHeader, Malformed> {
        var lines = bytes.split(separator: UInt8(ascii: "\n"), maxSplits: 2, omittingEmptySubsequences: false).makeIterator()
        guard let first = lines.next(), first.starts(with: Array("object ".utf8)),
              let target = GitObjectID(hex: String(decoding: first.dropFirst(7), as: UTF8.self)) else {
            return .failure(Malformed(reason: "the first line is not 'object <40 hex digits>'"))
        }
        guard let second = lines.next(), second.starts(with: Array("type ".utf8)), second.count > 5 else {
            return .failure(Malformed(reason: "the second line is not 'type <type>'"))
        }
        return .success(GitTagHeader(target: target, claimedType: String(decoding: second.dropFirst(5), as: UTF8.self)))
    }

    /// Why a tag header did not parse.
    struct Malformed: Error, Sendable, Hashable {
        let reason: String
    }
}
