import TLSPolicyLab
import XCTest

/// Skips (never passes) a test that needs the lab where it cannot run.
enum DNSLabRequirement {
    static func require(_ programs: [String] = []) throws {
        if let reason = LabEnvironment.unavailableReason {
            throw XCTSkip("lab unavailable: \(reason)")
        }
        let missing = programs.filter { (try? LabCommandRunner.locate($0)) == nil }
        if !missing.isEmpty {
            throw XCTSkip("programs not installed: \(missing.joined(separator: ", ")) (unbound, ldnsutils)")
        }
    }
}
