/// The line on which each member of one top-level JSON object starts, for messages
/// in `FILE:LINE` form. `JSONSerialization` gives values but no positions, so this
/// is one forward pass over the bytes that follows only strings and nesting.
///
/// It never decides what the document means (that is `JSONSerialization`'s job);
/// a member it cannot place (a key with escapes, malformed input) simply has no line.
enum JSONMemberLines {
    /// Lines of the members of the object that is the value of the top-level key `objectName`.
    static func lines(ofMembersOf objectName: String, in bytes: [UInt8]) -> [String: Int] {
        let target = Array(objectName.utf8)
        var result: [String: Int] = [:]
        var depth = 0
        var line = 1
        var inTarget = false
        // The last string read, if nothing but whitespace followed it yet: a key when ':' comes next.
        var pending: (text: ArraySlice<UInt8>, line: Int, depth: Int, escaped: Bool)? = nil
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case 0x0A:
                line += 1
            case UInt8(ascii: "\""):
                let start = index + 1
                let startLine = line
                var escaped = false
                index = start
                while index < bytes.count && bytes[index] != UInt8(ascii: "\"") {
                    if bytes[index] == UInt8(ascii: "\\") {
                        escaped = true
                        index += 1
                    } else if bytes[index] == 0x0A {
                        line += 1
                    }
                    index += 1
                }
                let end = min(index, bytes.count)
                pending = (bytes[start..<end], startLine, depth, escaped)
            case UInt8(ascii: ":"):
                if let key = pending {
                    if key.depth == 1 {
                        inTarget = !key.escaped && key.text.elementsEqual(target)
                    } else if inTarget && key.depth == 2 && !key.escaped {
                        let name = String(decoding: key.text, as: UTF8.self)
                        if result[name] == nil { result[name] = key.line }
                    }
                }
                pending = nil
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                depth += 1
                pending = nil
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth -= 1
                pending = nil
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
                break
            default:
                pending = nil
            }
            index += 1
        }
        return result
    }
}
