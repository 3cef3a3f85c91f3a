import PolicyDeploy

/// `smtp_tls_policy_maps` as Postfix reads it (after `postconf -x` expanded `$name`):
/// maps separated by commas or white space, a `{ ... }` group (an `inline:` table) kept
/// whole. Postfix asks the maps in order and the first one with an entry for the
/// destination answers, so the agent's place in the list decides which policy wins where
/// two maps (its map and an MTA-STS socketmap, say) both have one.
public struct PolicyMapList: Sendable, Equatable {
    /// The maps, in the order Postfix asks them.
    public var maps: [String]

    public init(parsing value: String) {
        var maps: [String] = []
        var current = ""
        var depth = 0
        for character in value {
            switch character {
            case "{":
                depth += 1
                current.append(character)
            case "}":
                depth = max(0, depth - 1)
                current.append(character)
            case ",", " ", "\t", "\n":
                if depth > 0 {
                    current.append(character)
                } else {
                    if !current.isEmpty { maps.append(current) }
                    current = ""
                }
            default:
                current.append(character)
            }
        }
        if !current.isEmpty { maps.append(current) }
        self.maps = maps
    }

    /// The index of `map` in the list: written as `TYPE:PATH`, or read through the
    /// `proxy:` service (the same file, opened by proxymap).
    public func index(of map: MapLocation) -> Int? {
        maps.firstIndex { $0 == map.description || $0 == "proxy:\(map.description)" }
    }

    /// What `doctor` says about `map` in this list.
    public func check(for map: MapLocation) -> HostCheck {
        guard let index = index(of: map) else {
            let value = maps.isEmpty ? "(empty)" : maps.joined(separator: ", ")
            return .fail("smtp_tls_policy_maps = \(value) does not name \(map): add it (main.cf)")
        }
        guard maps.count > 1 else { return .ok("smtp_tls_policy_maps names \(map), the only policy map") }
        let others = maps.enumerated().filter { $0.offset != index }.map(\.element)
        if index == 0 {
            return .ok("smtp_tls_policy_maps names \(map), map 1 of \(maps.count): it answers first; "
                + "\(others.joined(separator: ", ")) only for destinations it has no entry for")
        }
        let before = maps[..<index].joined(separator: ", ")
        return .ok("smtp_tls_policy_maps names \(map), map \(index + 1) of \(maps.count): \(before) answers first; "
            + "the agent's entries apply only to destinations \(index == 1 ? "it has" : "they have") no entry for")
    }
}
