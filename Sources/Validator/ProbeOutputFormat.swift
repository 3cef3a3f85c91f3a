/// `probe --format`: how the report is written.
enum ProbeOutputFormat: String, CaseIterable {
    case table, json, github, markdown

    /// Parses the option's value; nil for an unknown one (reported as a usage error).
    init?(option: String) {
        self.init(rawValue: option.lowercased())
    }
}
