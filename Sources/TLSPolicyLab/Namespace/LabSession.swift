import Foundation

/// One test's lab: a private namespace, a test CA in it, and every server the test
/// starts there, each stopped by its PID (last started, first stopped) before the
/// namespace itself goes.
///
/// Test labs of each module compose one of these instead of repeating the
/// start-and-clean-up-on-failure dance.
public final class LabSession {
    public let namespace: LabNamespace
    public let ca: TestCertificateAuthority
    private var stops: [() -> Void] = []

    /// A fresh namespace and CA; if the CA cannot be made, the namespace is stopped again.
    public init() throws {
        namespace = try LabNamespace()
        do {
            ca = try TestCertificateAuthority(directory: namespace.directory.appendingPathComponent("ca"))
        } catch {
            namespace.stop()
            throw error
        }
    }

    /// Starts a server with `start` and registers `stop` for it; a server whose start
    /// throws registers nothing (its own start cleans up after itself).
    @discardableResult
    public func started<Server>(_ start: () throws -> Server, stop: @escaping (Server) -> Void) rethrows -> Server {
        let server = try start()
        stops.append { stop(server) }
        return server
    }

    /// Stops every registered server in reverse order, then the namespace. Idempotent.
    public func stop() {
        let pending = stops
        stops = []
        for stop in pending.reversed() { stop() }
        namespace.stop()
    }
}
