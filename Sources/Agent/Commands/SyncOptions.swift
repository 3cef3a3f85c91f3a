import ArgumentParser

/// Options of the commands that fetch and verify (sync, diff, verify).
struct SyncOptions: ParsableArguments {
    @Option(name: .long, help: "Seconds to wait for another run to release the lock.")
    var lockTimeout: Double = 10

    @Option(name: .long, help: "Seconds the Git fetch may take.")
    var fetchTimeout: Double = 120

    func validate() throws {
        guard lockTimeout >= 0, lockTimeout <= 3_600 else {
            throw ValidationError("--lock-timeout must be between 0 and 3600 seconds")
        }
        guard fetchTimeout > 0, fetchTimeout <= 3_600 else {
            throw ValidationError("--fetch-timeout must be between 0 and 3600 seconds")
        }
    }
}
