import ReleaseTrust

/// The function libFuzzer calls with each input: the bytes are a tag object as a remote
/// could serve it. Parsing must either fail with a typed error or split the object so
/// that payload, signature block and trailing text are exactly the input, in order; the
/// `Expires:` line is then read from the signed message only. A crash, a hang or a
/// sanitizer report is a bug.
func releaseTagFuzzTest(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    guard let tag = try? ReleaseTagObject(parsing: bytes) else { return 0 }
    let rebuilt = tag.signedPayload + (tag.signature?.armored ?? []) + tag.textAfterSignature
    guard rebuilt == bytes else { fatalError("the signature split lost or reordered bytes") }
    if tag.signature == nil, !tag.textAfterSignature.isEmpty {
        fatalError("text after a signature that does not exist")
    }
    if let expires = try? ReleaseExpiry.read(from: tag) {
        // What is read back must be what the line says, in the one accepted form.
        guard ReleaseExpiry.parse(ReleaseExpiry.format(expires)) == expires else {
            fatalError("Expires: does not round-trip")
        }
    }
    return 0
}
