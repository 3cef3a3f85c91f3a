// Placeholder so that the test target builds before its first test lands; delete it then.
import XCTest
