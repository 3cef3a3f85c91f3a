/// A small fixed vocabulary (levels, attribute names, cipher grades) looked up by
/// bytes, case-insensitively, as Postfix's `name_code()` does with `NAME_CODE_FLAG_NONE`.
///
/// The names are kept as byte arrays and compared only when the length matches:
/// this runs for every token of every entry, and comparing against `String`s
/// through their UTF-8 views dominated `lint` on large tables.
struct ASCIINameTable<Value: Sendable>: Sendable {
    private let entries: [(name: [UInt8], value: Value)]

    init(_ entries: [(String, Value)]) {
        self.entries = entries.map { (Array($0.0.utf8.map(ASCII.lowercased)), $0.1) }
    }

    func lookup<Bytes: Collection>(_ bytes: Bytes) -> Value? where Bytes.Element == UInt8 {
        let count = bytes.count
        candidates: for entry in entries where entry.name.count == count {
            var index = bytes.startIndex
            for expected in entry.name {
                if ASCII.lowercased(bytes[index]) != expected { continue candidates }
                index = bytes.index(after: index)
            }
            return entry.value
        }
        return nil
    }
}
