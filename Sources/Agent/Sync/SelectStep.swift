import PolicyGit
import ReleaseTrust

/// Step 2: the newest tag the pin allows (an exact tag, or a pattern in version order
/// with pre-releases skipped).
struct SelectStep {
    var context: SyncContext

    func run(tags: [GitTagReference]) throws(SelectError) -> GitTagReference {
        let pin = context.configuration.pin
        guard let name = pin.select(from: tags.map(\.name)), let tag = tags.first(where: { $0.name == name }) else {
            throw .noMatchingTag(pin: pin.description, tagsSeen: tags.count)
        }
        context.logger.info("selected", metadata: ["tag": "\(tag.name)", "object": "\(tag.objectID)"])
        return tag
    }
}
