/// `split_nameval()`, preceded from Postfix 3.10 by `extpar()` for `{ name = value }` tokens.
struct NameValue {
    struct Problem: Error {
        var message: String
    }

    var name: ArraySlice<UInt8>
    var value: ArraySlice<UInt8>

    static func split(_ token: ArraySlice<UInt8>, braces: Bool) -> Result<NameValue, Problem> {
        var text = token
        if braces, text.first == UInt8(ascii: "{") {
            switch unbrace(text) {
            case .success(let inner): text = inner
            case .failure(let problem): return .failure(problem)
            }
        }
        var start = text.startIndex
        let end = text.endIndex
        while start < end && ASCII.isSpace(text[start]) { start += 1 }
        if start == end || text[start] == UInt8(ascii: "=") {
            return .failure(Problem(message: "missing attribute name"))
        }
        var nameEnd = start
        while nameEnd < end && !ASCII.isSpace(text[nameEnd]) && text[nameEnd] != UInt8(ascii: "=") { nameEnd += 1 }
        var equals = nameEnd
        while equals < end && ASCII.isSpace(text[equals]) { equals += 1 }
        guard equals < end, text[equals] == UInt8(ascii: "=") else {
            return .failure(Problem(message: "missing '=' after attribute name"))
        }
        var valueStart = equals + 1
        while valueStart < end && ASCII.isSpace(text[valueStart]) { valueStart += 1 }
        var valueEnd = end
        while valueEnd > valueStart && ASCII.isSpace(text[valueEnd - 1]) { valueEnd -= 1 }
        return .success(NameValue(name: text[start..<nameEnd], value: text[valueStart..<valueEnd]))
    }

    /// `extpar(…, "{}", EXTPAR_FLAG_STRIP | EXTPAR_FLAG_NORMAL_WS)`: the group must close
    /// and nothing may follow it; the inside is trimmed and its whitespace made spaces.
    private static func unbrace(_ token: ArraySlice<UInt8>) -> Result<ArraySlice<UInt8>, Problem> {
        var level = 0
        var close: Int? = nil
        for index in token.indices {
            let byte = token[index]
            if byte == UInt8(ascii: "{") {
                level += 1
            } else if byte == UInt8(ascii: "}") {
                level -= 1
                if level == 0 {
                    close = index
                    break
                }
            }
        }
        guard let close else {
            return .failure(Problem(message: "missing '}' in \"\(ASCII.string(token))\""))
        }
        if close + 1 != token.endIndex {
            return .failure(Problem(message: "syntax error after '}' in \"\(ASCII.string(token))\""))
        }
        var inner = Array(token[(token.startIndex + 1)..<close])
        for index in inner.indices where inner[index] != 0x20 && ASCII.isSpace(inner[index]) {
            inner[index] = 0x20
        }
        return .success(inner[...])
    }
}
