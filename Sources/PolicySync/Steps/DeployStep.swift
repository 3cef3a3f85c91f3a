import Logging
import PolicyDeploy

/// Step 8: the table installed as the Postfix map, all or nothing (PolicyDeploy's
/// ``MapDeployer``: postmap on a copy, spot checks, postfix check, rename, reload when
/// Postfix runs). An identical table with its indexed file in place touches nothing.
struct DeployStep {
    var context: SyncContext

    /// True when the live map is still the one `previous` recorded, file for file.
    func isInPlace(_ previous: DeployedMap) -> Bool {
        MapDeployer(map: context.configuration.map, tools: context.tools, logger: context.logger).isInPlace(previous)
    }

    func run(table: [UInt8], previous: DeployedMap?) async throws(DeployStepError) -> DeployResult {
        let deployer = MapDeployer(map: context.configuration.map, tools: context.tools, logger: context.logger)
        do {
            return try await deployer.deploy(content: table, previous: previous)
        } catch {
            throw DeployStepError(error: error)
        }
    }
}
