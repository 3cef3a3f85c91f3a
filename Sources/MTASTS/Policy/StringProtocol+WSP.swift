extension StringProtocol {
    /// Without leading and trailing spaces and tabs (RFC 5234 WSP), the only whitespace the
    /// MTA-STS grammars allow around fields.
    func trimmingSpacesAndTabs() -> String {
        let isWSP: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let start = firstIndex(where: { !isWSP($0) }), let end = lastIndex(where: { !isWSP($0) }) else { return "" }
        return String(self[start...end])
    }
}
