/// `discover --format`: text for people, JSON for scripts (schema version 1), Markdown for a pull request.
enum DiscoverOutputFormat: String, CaseIterable {
    case text, json, markdown
}
