internal import CGit2
#if canImport(Glibc)
import Glibc
#endif

/// Lends `strings` to libgit2 as a `git_strarray`, valid only inside `body`.
func withGitStringArray<Result, Failure: Error>(
    _ strings: [String],
    _ body: (UnsafePointer<git_strarray>) throws(Failure) -> Result
) throws(Failure) -> Result {
    var copies: [UnsafeMutablePointer<CChar>?] = strings.map { strdup($0) }
    defer { copies.forEach { free($0) } }
    return try copies.withUnsafeMutableBufferPointer { (buffer) throws(Failure) -> Result in
        var array = git_strarray(strings: buffer.baseAddress, count: buffer.count)
        return try body(&array)
    }
}
