import ArgumentParser

/// Options of the commands that take the run lock (sync, diff, verify, forget).
struct SyncOptions: ParsableArguments {
    @Option(name: .long, help: "Seconds to wait for another run to release the lock.")
    var lockTimeout: Double = 10

    func validate() throws {
        guard lockTimeout >= 0, lockTimeout <= 3_600 else {
            throw ValidationError("--lock-timeout must be between 0 and 3600 seconds")
        }
    }
}
