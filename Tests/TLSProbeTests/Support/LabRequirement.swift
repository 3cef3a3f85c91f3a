import TLSPolicyLab
import XCTest

/// Skips (never passes) a test that needs the lab where the lab cannot run.
enum LabRequirement {
    static func require() throws {
        if let reason = LabEnvironment.unavailableReason {
            throw XCTSkip("lab unavailable: \(reason)")
        }
    }
}
