import PolicyGit
import ReleaseTrust

/// Step 2: the newest tag the pin allows among those the remote advertises now (an exact
/// tag, or a pattern in version order with pre-releases skipped).
///
/// The remote is judged as it is: when it no longer offers a release at least as new as
/// the one deployed (the newest was deleted, or a mirror serves an old state), that is a
/// refusal, never a quiet no-op on the release still in place.
struct SelectStep {
    var context: SyncContext

    func run(advertised: [GitTagReference], floor: ReleaseRecord?) throws(SelectError) -> GitTagReference {
        let pin = context.configuration.pin
        guard let name = pin.select(from: advertised.map(\.name)),
              let tag = advertised.first(where: { $0.name == name }) else {
            throw .noRelease(pin: pin.description, advertised: advertised.count, deployed: floor?.tag)
        }
        // Names that are versions order by name here, before any signature is checked;
        // other names are ordered by their signed dates when the release is verified.
        if let floor, let candidate = ReleaseVersion(tagName: name), let deployed = ReleaseVersion(tagName: floor.tag),
           candidate.prefix == deployed.prefix, candidate < deployed {
            throw .rollback(tag: name, deployed: floor.tag)
        }
        context.logger.info("selected", metadata: ["tag": "\(tag.name)", "object": "\(tag.objectID)"])
        return tag
    }
}
