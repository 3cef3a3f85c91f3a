import XCTest

/// A test class whose tests share one ``AgentLab`` (namespace, running Postfix, signing
/// keys): made on first use, stopped once the class's tests are done.
class AgentLabTestCase: XCTestCase {
    // Each subclass has its own lab: keyed by the class name, used from XCTest's one thread.
    nonisolated(unsafe) private static var labs: [ObjectIdentifier: AgentLab] = [:]

    override class func tearDown() {
        labs.removeValue(forKey: ObjectIdentifier(self))?.shutDown()
        super.tearDown()
    }

    /// The class's lab, made on first use.
    func lab() throws -> AgentLab {
        let key = ObjectIdentifier(type(of: self))
        if let lab = Self.labs[key] { return lab }
        let lab = try AgentLab()
        Self.labs[key] = lab
        return lab
    }
}
