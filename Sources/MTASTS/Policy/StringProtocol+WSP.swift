extension StringProtocol {
    /// Without leading and trailing spaces and tabs (RFC 5234 WSP), the only whitespace the
    /// MTA-STS grammars allow around fields.
    func trimmingSpacesAndTabs() -> String {
        guard let start = firstIndex(where: { !$0.isWSP }), let end = lastIndex(where: { !$0.isWSP }) else { return "" }
        return String(self[start...end])
    }
}
