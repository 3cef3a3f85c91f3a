import XCTest

/// A test class whose every test gets a fresh ``SigningLab`` (keys and a repository of
/// its own), torn down after the test.
class SigningLabTestCase: XCTestCase {
    private(set) var lab: SigningLab!

    override func setUpWithError() throws {
        try super.setUpWithError()
        lab = try SigningLab()
    }

    override func tearDown() {
        lab?.tearDown()
        lab = nil
        super.tearDown()
    }
}
