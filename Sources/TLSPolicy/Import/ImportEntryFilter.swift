/// The dataset's rules (DESIGN.md) applied to one candidate entry, as an importer
/// meets it: what the shared dataset refuses is turned into a drop reason, so that
/// every kept entry lints clean under `DatasetRules` by construction.
struct ImportEntryFilter: Sendable {
    /// Reads values as the dataset's oldest supported Postfix does, without DNSSEC
    /// (the PKIX line must work on every host) and without reading `tafile`s.
    let parser: PolicyValueParser

    init(minimumPostfixVersion: PostfixVersion) {
        self.parser = PolicyValueParser(version: minimumPostfixVersion)
    }

    /// The key as the dataset writes it (lower case), or why it cannot be in the dataset.
    func check(key: PolicyKey) -> Result<PolicyKey, ImportDropReason> {
        switch key.form {
        case .bracketed: return .failure(.routingKey("bracketed"))
        case .hostWithPort: return .failure(.routingKey("port"))
        case .quoted: return .failure(.routingKey("quoted"))
        case .domain, .parentDomain: break
        }
        let folded = PolicyKey(text: key.folded)
        if let problem = DatasetRules.keyProblem(folded) { return .failure(.invalidKey(problem)) }
        return .success(folded)
    }

    /// Why a value the parser read cannot be in the dataset, or `nil` when it can.
    func check(value parse: PolicyValueParser.Result) -> ImportDropReason? {
        // dane-only is invalid without DNSSEC; say what the dataset wants instead of
        // repeating the parser's host-specific error.
        if parse.level == .daneOnly { return .daneOnlyWithoutPKIX }
        if let error = parse.error { return .rejectedByPostfix(version: parser.version, message: error.message) }
        guard let level = parse.level else {
            return .rejectedByPostfix(version: parser.version, message: "no security level")
        }
        if level == .fingerprint { return .fingerprintPin }
        if level < .encrypt || level == .dane { return .weakLevel(level) }
        if parse.attributes.contains(where: { $0.attribute.name == .tafile }) { return .trustAnchorFile }
        // The dataset rules raise handshake warnings to errors: such an entry defers mail.
        if let warning = parse.warnings.first { return .failsAtHandshake(warning.message) }
        return nil
    }

    /// Re-reads an entry an importer built (not read from a table) through the Postfix
    /// parser, so a converted entry is held to exactly the rules a read one is.
    func check(entry: PolicyEntry) -> ImportDropReason? {
        let value = Array(entry.valueText.utf8)
        return check(value: parser.parse(value[...]))
    }
}
