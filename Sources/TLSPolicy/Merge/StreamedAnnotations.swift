/// The `#@` annotations of a release file's entries while the file streams past, given to
/// each stored entry exactly as ``PolicyFile`` gives comment lines to its blocks: the
/// comment lines at the very top are the file's header; every later comment line belongs
/// to the first stored entry that ends at or below it (a dropped line between them does
/// not take it).
///
/// It is fed the comment lines ``TableReader`` reports, in file order, and asked for each
/// stored entry's annotations as that entry is handed over, which can be after the comment
/// lines below it were reported: hence the line numbers.
struct StreamedAnnotations {
    /// The header's last line; the header is the run of comment lines from line 1.
    private var headerEnd = 0
    private var headerOpen = true
    /// Annotation lines not yet given to an entry, in file order.
    private var pending: [(line: Int, annotation: EntryAnnotation)] = []

    /// A comment line (as ``TableReader`` counts them) was read.
    mutating func comment(line: Int, bytes: ArraySlice<UInt8>) {
        let isComment = PolicyFile.isCommentLine(bytes)
        if headerOpen && isComment && line == headerEnd + 1 {
            headerEnd = line
            return
        }
        // Any other line, reported or not, ends the header.
        headerOpen = false
        guard isComment, case .success(let annotation)? = EntryAnnotation.parse(commentLineBytes: bytes) else { return }
        pending.append((line, annotation))
    }

    /// Whether the stored entry whose last physical line is `lastLine` is marked `#@ dane`:
    /// an annotation line after the previous stored entry, up to `lastLine`. Only `dane`
    /// changes how an entry is rendered today.
    mutating func takeDane(through lastLine: Int) -> Bool {
        guard let first = pending.first, first.line <= lastLine else { return false }
        var dane = false
        var taken = 0
        for (line, annotation) in pending {
            guard line <= lastLine else { break }
            if annotation == .dane { dane = true }
            taken += 1
        }
        pending.removeFirst(taken)
        return dane
    }
}
