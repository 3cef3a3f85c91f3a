import Foundation

/// A release tag's version, for ordering: `v1.10.0` > `v1.9.0`, and a
/// pre-release (`v2.0.0-rc1`) before its release.
///
/// A tag name is a version when it is an optional prefix without digits
/// (`v`, `release-`), dot-separated decimal numbers, and optionally a
/// pre-release suffix (`-rc1`, `-beta.2`, or letters right after the last
/// number, `2.0rc1`).
public struct ReleaseVersion: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The text before the first digit.
    public let prefix: String
    /// The numeric components.
    public let components: [Int]
    /// The pre-release suffix without its leading `-`, or nil for a release.
    public let preRelease: String?

    /// True for `-rc1` and the like.
    public var isPreRelease: Bool { preRelease != nil }

    /// Parses a tag name; nil when it is not a version.
    public init?(tagName: String) {
        guard let firstDigit = tagName.firstIndex(where: \.isASCIIDigit) else { return nil }
        let prefix = String(tagName[..<firstDigit])
        var rest = tagName[firstDigit...]
        var components: [Int] = []
        while true {
            let digits = rest.prefix(while: \.isASCIIDigit)
            guard !digits.isEmpty, digits.count <= 9, let value = Int(digits) else { return nil }
            components.append(value)
            rest = rest.dropFirst(digits.count)
            guard rest.first == ".", rest.dropFirst().first?.isASCIIDigit == true else { break }
            rest = rest.dropFirst()
        }
        var preRelease: String?
        if !rest.isEmpty {
            let suffix = rest.first == "-" ? rest.dropFirst() : rest
            guard !suffix.isEmpty, suffix.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "." || $0 == "-") }) else {
                return nil
            }
            preRelease = String(suffix)
        }
        self.prefix = prefix
        self.components = components
        self.preRelease = preRelease
    }

    public var description: String {
        prefix + components.map(String.init).joined(separator: ".") + (preRelease.map { "-" + $0 } ?? "")
    }

    public static func < (lhs: ReleaseVersion, rhs: ReleaseVersion) -> Bool {
        let length = max(lhs.components.count, rhs.components.count)
        for index in 0..<length {
            let left = index < lhs.components.count ? lhs.components[index] : 0
            let right = index < rhs.components.count ? rhs.components[index] : 0
            if left != right { return left < right }
        }
        switch (lhs.preRelease, rhs.preRelease) {
        case (nil, nil): return false
        case (.some, nil): return true
        case (nil, .some): return false
        case (.some(let left), .some(let right)):
            return left.compare(right, options: .numeric) == .orderedAscending
        }
    }
}

private extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
