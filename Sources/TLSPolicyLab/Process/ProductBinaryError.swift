import Foundation

/// Why a product could not be found.
public enum ProductBinaryError: Error, CustomStringConvertible {
    case notFound(name: String, searched: [String])

    public var description: String {
        switch self {
        case let .notFound(name, searched):
            "no executable '\(name)' in \(searched.joined(separator: ", ")); "
                + "build it first (swift build --build-tests builds it)"
        }
    }
}
