import Foundation
import TLSPolicyLab
import XCTest

/// The public lists of ``PublicCorpus``, for the conformance tests.
enum CorpusFile {
    /// The corpus file `name`; throws `XCTSkip` (never passes) when the corpus is absent.
    static func url(_ name: String) throws -> URL {
        guard let url = PublicCorpus.file(name) else { throw XCTSkip(PublicCorpus.absence(name)) }
        return url
    }
}
